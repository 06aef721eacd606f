package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Delete removes one entry, and is idempotent. */
abstract class DeletingScenarios extends ContractScenarios {

  DeletingScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("delete removes that entry only")
  void deleteRemovesOneEntry() {
    storage().save(key("alice"), "one", Samples.simple("one"));
    storage().save(key("alice"), "two", Samples.simple("two"));
    storage().save(key("bob"), "one", Samples.simple("bob one"));
    storage().delete(key("alice"), "one");
    assertEntries(
        storage().load(key("alice")), Map.of("two", Samples.simple("two")), "alice after delete");
    assertEntries(
        storage().load(key("bob")), Map.of("one", Samples.simple("bob one")), "bob after delete");
  }

  @Test
  @DisplayName("deleting the last entry leaves the key empty")
  void deleteLastEntry() {
    storage().save(key("alice"), "one", Samples.simple("one"));
    storage().delete(key("alice"), "one");
    assertEntries(storage().load(key("alice")), Map.of(), "alice after delete");
  }

  @Test
  @DisplayName("deleting twice, or a config that is not stored, does nothing")
  void deleteIsIdempotent() {
    storage().save(key("alice"), "one", Samples.simple("one"));
    storage().save(key("alice"), "two", Samples.simple("two"));
    storage().delete(key("alice"), "one");
    assertThatCode(() -> storage().delete(key("alice"), "one")).doesNotThrowAnyException();
    assertThatCode(() -> storage().delete(key("alice"), "never-stored")).doesNotThrowAnyException();
    assertEntries(storage().load(key("alice")), Map.of("two", Samples.simple("two")), "alice");
  }

  @Test
  @DisplayName("deleting from a key that was never written does nothing")
  void deleteFromMissingKey() {
    assertThatCode(() -> storage().delete(key("nobody"), CONFIG)).doesNotThrowAnyException();
    assertEntries(storage().load(key("nobody")), Map.of(), "nobody");
  }

  @Test
  @DisplayName("an entry can be saved again after it was deleted")
  void saveAfterDelete() {
    storage().save(key("alice"), CONFIG, Samples.simple("first"));
    storage().delete(key("alice"), CONFIG);
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("second"))).isEmpty();
    assertEntries(storage().load(key("alice")), Map.of(CONFIG, Samples.simple("second")), "alice");
  }
}
