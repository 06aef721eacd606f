package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Something under the adapter's namespace that is not an entry at all (a Redis key of another type,
 * an item without the expected attributes, planted through {@code writeForeignItem}) never breaks
 * enumeration or purge: it is skipped, and every real entry is still visited. Skipped for an
 * adapter without the hook.
 */
abstract class ForeignItemScenarios extends ContractScenarios {

  ForeignItemScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("forEachEntry skips a foreign item and visits every real entry")
  void forEachEntrySkipsForeignItem() {
    EnumerableStorage storage = enumerable();
    kit.writeForeignItem(key("mallory"));
    storage.save(key("alice"), "one", Samples.simple("alice one"));
    storage.save(key("alice"), "two", Samples.simple("alice two"));
    storage.save(key("bob"), "one", Samples.simple("bob one"));
    Map<String, Map<String, StickyValues>> expected =
        Map.of(
            key("alice"),
            Map.of("one", Samples.simple("alice one"), "two", Samples.simple("alice two")),
            key("bob"),
            Map.of("one", Samples.simple("bob one")));
    assertThat(listedValues(storage)).as("entries listed past a foreign item").isEqualTo(expected);
  }

  @Test
  @DisplayName("purge goes past a foreign item and removes the config's real entries")
  void purgeGoesPastForeignItem() {
    EnumerableStorage storage = enumerable();
    kit.writeForeignItem(key("mallory"));
    String stopped = key("stopped");
    storage.save(key("alice"), stopped, Samples.simple("alice"));
    storage.save(key("alice"), CONFIG, Samples.simple("alice kept"));
    storage.save(key("bob"), stopped, Samples.simple("bob"));
    assertThat(storage.purge(stopped)).as("purge(%s)", stopped).isEqualTo(2);
    assertEntries(
        storage.load(key("alice")), Map.of(CONFIG, Samples.simple("alice kept")), "alice");
    assertEntries(storage.load(key("bob")), Map.of(), "bob");
  }
}
