package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Instances share the backend, not a private copy of it. */
abstract class SecondInstanceScenarios extends ContractScenarios {

  SecondInstanceScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("sees the first instance's saves")
  void seesSaves() {
    storage().save(key("alice"), CONFIG, Samples.everyField());
    assertEntries(
        newStorage().load(key("alice")), Map.of(CONFIG, Samples.everyField()), "second instance");
  }

  @Test
  @DisplayName("sees saves, overwrites and deletes made after it had already loaded the key")
  void seesLaterWrites() {
    PersistentStorage first = storage();
    PersistentStorage second = newStorage();
    assertEntries(second.load(key("alice")), Map.of(), "before any write");

    first.save(key("alice"), CONFIG, Samples.simple("saved"));
    assertEntries(
        second.load(key("alice")), Map.of(CONFIG, Samples.simple("saved")), "after a save");
    assertEntries(
        second.loadAll(List.of(key("alice"))).get(key("alice")),
        Map.of(CONFIG, Samples.simple("saved")),
        "loadAll after a save");

    first.save(key("alice"), CONFIG, Samples.simple("overwritten"));
    assertEntries(
        second.load(key("alice")),
        Map.of(CONFIG, Samples.simple("overwritten")),
        "after an overwrite");

    first.delete(key("alice"), CONFIG);
    assertEntries(second.load(key("alice")), Map.of(), "after a delete");
    assertEntries(
        second.loadAll(List.of(key("alice"))).get(key("alice")),
        Map.of(),
        "loadAll after a delete");
  }

  @Test
  @DisplayName("sees the first instance's entry in saveIfAbsent after having loaded the key")
  void saveIfAbsentSeesOtherInstance() {
    PersistentStorage first = storage();
    PersistentStorage second = newStorage();
    assertEntries(second.load(key("alice")), Map.of(), "before any write");
    first.save(key("alice"), CONFIG, Samples.simple("first"));
    assertThat(second.saveIfAbsent(key("alice"), CONFIG, Samples.simple("second")))
        .contains(Samples.simple("first"));
    assertEntries(
        first.load(key("alice")), Map.of(CONFIG, Samples.simple("first")), "first instance");
  }
}
