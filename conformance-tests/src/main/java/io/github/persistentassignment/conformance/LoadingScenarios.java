package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.UserPersistedValues;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Loading a key nobody wrote. */
abstract class LoadingScenarios extends ContractScenarios {

  LoadingScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("an unknown key loads as empty, and available")
  void unknownKeyIsEmpty() {
    UserPersistedValues loaded = storage().load(key("nobody"));
    assertThat(loaded).isNotNull();
    assertThat(loaded.isAvailable()).as("isAvailable()").isTrue();
    assertThat(loaded.isEmpty()).as("isEmpty()").isTrue();
    assertThat(loaded.asMap()).isEmpty();
    assertThat(loaded.get(CONFIG)).isEmpty();
  }

  @Test
  @DisplayName("a key with entries loads only those entries")
  void loadsOwnEntries() {
    storage().save(key("alice"), "one", Samples.simple("one"));
    storage().save(key("alice"), "two", Samples.simple("two"));
    assertEntries(
        storage().load(key("alice")),
        Map.of("one", Samples.simple("one"), "two", Samples.simple("two")),
        "entries of alice");
  }
}
