package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bulk loads. */
abstract class LoadAllScenarios extends ContractScenarios {

  LoadAllScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("returns every requested key with its own entries, and empty ones for missing keys")
  void loadsSeveralKeys() {
    storage().save(key("alice"), "one", Samples.simple("alice one"));
    storage().save(key("alice"), "two", Samples.simple("alice two"));
    storage().save(key("bob"), "one", Samples.simple("bob one"));
    Map<String, UserPersistedValues> loaded =
        storage().loadAll(List.of(key("alice"), key("nobody"), key("bob"), key("nobody-else")));
    assertThat(loaded)
        .containsOnlyKeys(key("alice"), key("nobody"), key("bob"), key("nobody-else"));
    assertEntries(
        loaded.get(key("alice")),
        Map.of("one", Samples.simple("alice one"), "two", Samples.simple("alice two")),
        "alice");
    assertEntries(loaded.get(key("bob")), Map.of("one", Samples.simple("bob one")), "bob");
    assertEntries(loaded.get(key("nobody")), Map.of(), "nobody");
    assertEntries(loaded.get(key("nobody-else")), Map.of(), "nobody-else");
  }

  @Test
  @DisplayName("returns a duplicated key once")
  void duplicates() {
    storage().save(key("alice"), CONFIG, Samples.simple("alice"));
    Map<String, UserPersistedValues> loaded =
        storage().loadAll(List.of(key("alice"), key("alice"), key("bob"), key("alice")));
    assertThat(loaded).containsOnlyKeys(key("alice"), key("bob"));
    assertEntries(loaded.get(key("alice")), Map.of(CONFIG, Samples.simple("alice")), "alice");
    assertEntries(loaded.get(key("bob")), Map.of(), "bob");
  }

  @Test
  @DisplayName("returns an empty map for an empty collection")
  void emptyCollection() {
    assertThat(storage().loadAll(List.of())).isEmpty();
  }

  @Test
  @DisplayName("loads 150 keys at once, stored and missing alike")
  void manyKeys() {
    List<String> keys = new ArrayList<>();
    Map<String, Map<String, StickyValues>> expected = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      String key = key("user-" + i);
      keys.add(key);
      if (i % 3 == 0) {
        expected.put(key, Map.of());
      } else {
        storage().save(key, CONFIG, Samples.simple("user " + i));
        expected.put(key, Map.of(CONFIG, Samples.simple("user " + i)));
      }
    }
    Map<String, UserPersistedValues> loaded = storage().loadAll(keys);
    assertThat(loaded).containsOnlyKeys(keys);
    expected.forEach((key, entries) -> assertEntries(loaded.get(key), entries, key));
  }
}
