package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.persistentassignment.StickyValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code deleteAll(key)}: erasing a user removes every entry of that key and nothing else. */
abstract class DeleteAllScenarios extends ContractScenarios {

  DeleteAllScenarios(Kit kit) {
    super(kit);
  }

  /** Keys a backend that matches keys loosely (a prefix, a pattern, case) would confuse. */
  private List<String> lookAlikesOf(String key) {
    return List.of(
        key + ":",
        key + ":userID",
        key.substring(0, key.length() - 1),
        key.toUpperCase(Locale.ROOT),
        "{" + key + "}",
        key + "*",
        key + "%",
        key + "_",
        key + " ");
  }

  @Test
  @DisplayName(
      "deleteAll removes every entry of the key and nothing of other keys, look-alike keys"
          + " included")
  void removesEveryEntryOfTheKeyOnly() {
    String alice = key("alice");
    for (int i = 0; i < 5; i++) {
      storage().save(alice, "config-" + i, Samples.simple("alice " + i));
    }
    Map<String, StickyValues> others = new LinkedHashMap<>();
    for (String other : lookAlikesOf(alice)) {
      StickyValues values = Samples.simple("other [" + other + "]");
      storage().save(other, "config-0", values);
      others.put(other, values);
    }

    storage().deleteAll(alice);

    assertEntries(storage().load(alice), Map.of(), "alice after deleteAll");
    assertEntries(newStorage().load(alice), Map.of(), "alice after deleteAll, second instance");
    assertEntries(
        storage().loadAll(List.of(alice)).get(alice), Map.of(), "alice after deleteAll, loadAll");
    others.forEach(
        (other, values) ->
            assertEntries(
                storage().load(other),
                Map.of("config-0", values),
                "look-alike key [" + other + "]"));
  }

  @Test
  @DisplayName("deleting a key that holds nothing, or deleting twice, does nothing")
  void missingKeyIsFine() {
    storage().save(key("alice"), CONFIG, Samples.simple("alice"));
    assertThatCode(() -> storage().deleteAll(key("nobody"))).doesNotThrowAnyException();
    storage().deleteAll(key("alice"));
    assertThatCode(() -> storage().deleteAll(key("alice"))).doesNotThrowAnyException();
    assertEntries(storage().load(key("nobody")), Map.of(), "nobody");
    assertEntries(storage().load(key("alice")), Map.of(), "alice");
  }

  @Test
  @DisplayName("after deleteAll, saveIfAbsent writes again")
  void saveIfAbsentAfterDeleteAll() {
    storage().save(key("alice"), CONFIG, Samples.simple("erased"));
    storage().deleteAll(key("alice"));
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("new"))).isEmpty();
    assertEntries(storage().load(key("alice")), Map.of(CONFIG, Samples.simple("new")), "alice");
  }
}
