package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keys and config names are opaque strings: no two of them share entries. */
abstract class KeyIsolationScenarios extends ContractScenarios {

  KeyIsolationScenarios(Kit kit) {
    super(kit);
  }

  private Map<String, StickyValues> saveOnePerKey() {
    Map<String, StickyValues> byKey = new LinkedHashMap<>();
    for (String name : Samples.awkwardNames()) {
      byKey.put(key(name), Samples.simple("key " + name));
    }
    String longKey = kit.prefix() + "k".repeat(1_000 - kit.prefix().length());
    byKey.put(longKey, Samples.simple("long key"));
    byKey.put(longKey.substring(0, 999) + "l", Samples.simple("long key, last character changed"));
    byKey.forEach((key, values) -> storage().save(key, CONFIG, values));
    return byKey;
  }

  @Test
  @DisplayName(
      "each key sees exactly its own entries, whatever characters it holds (look-alike"
          + " prefixes, separators, wildcards, quotes, unicode, 1 000 characters)")
  void keysAreIsolated() {
    Map<String, StickyValues> byKey = saveOnePerKey();
    byKey.forEach(
        (key, values) ->
            assertEntries(storage().load(key), Map.of(CONFIG, values), "key [" + key + "]"));
  }

  @Test
  @DisplayName("loadAll returns each look-alike key's own entries")
  void keysAreIsolatedInLoadAll() {
    Map<String, StickyValues> byKey = saveOnePerKey();
    Map<String, UserPersistedValues> loaded = storage().loadAll(byKey.keySet());
    assertThat(loaded).containsOnlyKeys(byKey.keySet());
    byKey.forEach(
        (key, values) ->
            assertEntries(loaded.get(key), Map.of(CONFIG, values), "loadAll key [" + key + "]"));
  }

  @Test
  @DisplayName("config names are kept apart whatever characters they hold")
  void configNamesAreIsolated() {
    Map<String, StickyValues> expected = new LinkedHashMap<>();
    for (String name : Samples.awkwardNames()) {
      expected.put(name, Samples.simple("config " + name));
    }
    expected.put("c".repeat(1_000), Samples.simple("long config name"));
    expected.forEach((config, values) -> storage().save(key("user"), config, values));
    assertEntries(storage().load(key("user")), expected, "awkward config names");
    assertEntries(storage().load(key("user:")), Map.of(), "neighbouring key");
  }

  @Test
  @DisplayName("key \"a\" with config \"b:c\" and key \"a:b\" with config \"c\" do not collide")
  void keyAndConfigNameDoNotRunTogether() {
    storage().save(key("a"), "b:c", Samples.simple("a + b:c"));
    storage().save(key("a:b"), "c", Samples.simple("a:b + c"));
    assertEntries(storage().load(key("a")), Map.of("b:c", Samples.simple("a + b:c")), "key a");
    assertEntries(storage().load(key("a:b")), Map.of("c", Samples.simple("a:b + c")), "key a:b");
    storage().delete(key("a"), "b:c");
    assertEntries(storage().load(key("a:b")), Map.of("c", Samples.simple("a:b + c")), "key a:b");
  }
}
