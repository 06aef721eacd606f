package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A property test of storage keys, for an adapter over its real backend: for any keys, however
 * alike (a separator more, another case, a trailing space, a character less, braces, wildcards,
 * quotes, {@code %}, unicode in another normal form, thousands of characters), every entry saved
 * loads back exactly, under its own key only, through {@code load}, {@code loadAll} and {@link
 * EnumerableStorage#forEachEntry} (when the adapter has it), and deleting one key's entries leaves
 * the others. It complements the {@link PersistentStorageConformanceTest}'s fixed key list with
 * keys drawn by <a href="https://jqwik.net">jqwik</a>.
 *
 * <p>It runs on the jqwik engine, which is not a dependency of this kit: add {@code
 * net.jqwik:jqwik} (1.9) to your test dependencies, then subclass it and implement {@link
 * #createStorage()}. Override {@link #maxKeyBytes()} and {@link #maxConfigNameBytes()} when the
 * backend limits them. Each try writes under its own random prefix and deletes what it wrote.
 *
 * <pre>{@code
 * class MyStorageKeyPropertyTest extends StorageKeyProperties {
 *   @Override
 *   protected PersistentStorage createStorage() {
 *     return MyStorage.builder(dataSource).build();
 *   }
 *
 *   @Override
 *   protected int maxKeyBytes() {
 *     return 2_000; // the key column's size
 *   }
 * }
 * }</pre>
 */
public abstract class StorageKeyProperties {
  /** {@code "pa-keys-"}, twelve hexadecimal digits and {@code "-"}. */
  private static final int PREFIX_BYTES = 21;

  /** For subclasses. */
  protected StorageKeyProperties() {}

  /**
   * One try's keys (without the try's prefix) and the config names each key gets an entry under.
   *
   * @param keys distinct, look-alike keys
   * @param configNames one or two config names
   */
  public record KeySet(List<String> keys, List<String> configNames) {}

  /**
   * Creates a new adapter instance over the backend namespace the tries share; each try closes the
   * instance it created.
   *
   * @return a new, open adapter
   */
  protected abstract PersistentStorage createStorage();

  /**
   * The longest key, in bytes of UTF-8, the backend stores. Keys are drawn up to 3 000 characters
   * (of up to 4 bytes each) and shortened to fit. Default: no limit.
   *
   * @return the limit in bytes
   */
  protected int maxKeyBytes() {
    return Integer.MAX_VALUE;
  }

  /**
   * The longest config name, in bytes of UTF-8, the backend stores. Config names are drawn up to 40
   * characters. Default: no limit.
   *
   * @return the limit in bytes
   */
  protected int maxConfigNameBytes() {
    return Integer.MAX_VALUE;
  }

  /**
   * The property.
   *
   * @param keySet the drawn keys and config names
   */
  @Property(tries = 50)
  @Label("any keys, however alike, each load back exactly their own entries")
  public void lookAlikeKeysStayApart(@ForAll("keySets") KeySet keySet) {
    String prefix = "pa-keys-" + UUID.randomUUID().toString().substring(24) + "-";
    Map<String, Map<String, StickyValues>> expected = new LinkedHashMap<>();
    for (String key : keySet.keys()) {
      Map<String, StickyValues> entries = new LinkedHashMap<>();
      for (String configName : keySet.configNames()) {
        entries.put(configName, entry(key, configName, expected.size()));
      }
      expected.put(prefix + key, entries);
    }
    try (PersistentStorage storage = createStorage()) {
      try {
        saveAll(storage, expected);
        checkEveryRead(storage, expected);
        String first = expected.keySet().iterator().next();
        expected.get(first).keySet().forEach(configName -> storage.delete(first, configName));
        expected.put(first, Map.of());
        checkLoadAll(storage, expected, "after deleting the entries of [" + first + "]");
      } finally {
        // The first key's entries are already gone (unless the delete itself failed).
        expected.forEach((key, entries) -> entries.keySet().forEach(c -> storage.delete(key, c)));
      }
    }
  }

  /**
   * The drawn key sets, within the backend's limits.
   *
   * @return the generator
   */
  @Provide
  public Arbitrary<KeySet> keySets() {
    return LookAlikeKeys.keySets(maxKeyBytes() - PREFIX_BYTES, maxConfigNameBytes());
  }

  /** An entry that names its key and config, so a misplaced one shows where it belongs. */
  private static StickyValues entry(String key, String configName, int keyIndex) {
    return StickyValues.builder()
        .value(true)
        .groupName("key " + keyIndex + ", config " + configName)
        .jsonValue(Map.of("key", key, "config", configName))
        .build();
  }

  /** The first config of each key with save, the others with saveIfAbsent, which must write. */
  private static void saveAll(
      PersistentStorage storage, Map<String, Map<String, StickyValues>> expected) {
    expected.forEach(
        (key, entries) -> {
          boolean first = true;
          for (Map.Entry<String, StickyValues> entry : entries.entrySet()) {
            if (first) {
              storage.save(key, entry.getKey(), entry.getValue());
              first = false;
            } else {
              assertThat(storage.saveIfAbsent(key, entry.getKey(), entry.getValue()))
                  .as("saveIfAbsent of [%s] / [%s] on a new entry", key, entry.getKey())
                  .isEmpty();
            }
          }
        });
  }

  /** Each key through load, all through loadAll, and as listed by forEachEntry. */
  private static void checkEveryRead(
      PersistentStorage storage, Map<String, Map<String, StickyValues>> expected) {
    expected.forEach(
        (key, entries) ->
            assertThat(storage.load(key).asMap()).as("load of [%s]", key).isEqualTo(entries));
    checkLoadAll(storage, expected, "after saving");
    if (storage instanceof EnumerableStorage enumerable) {
      String prefix = expected.keySet().iterator().next().substring(0, PREFIX_BYTES);
      Map<String, Map<String, StickyValues>> listed = new LinkedHashMap<>();
      enumerable.forEachEntry(
          entry -> {
            if (entry.key().startsWith(prefix)) {
              listed
                  .computeIfAbsent(entry.key(), k -> new LinkedHashMap<>())
                  .put(entry.configName(), entry.values());
            }
          });
      assertThat(listed).as("forEachEntry: keys as the backend returns them").isEqualTo(expected);
    }
  }

  private static void checkLoadAll(
      PersistentStorage storage, Map<String, Map<String, StickyValues>> expected, String when) {
    Map<String, UserPersistedValues> loaded = storage.loadAll(List.copyOf(expected.keySet()));
    assertThat(loaded.keySet()).as("keys of loadAll %s", when).isEqualTo(expected.keySet());
    expected.forEach(
        (key, entries) ->
            assertThat(loaded.get(key).asMap())
                .as("loadAll of [%s] %s", key, when)
                .isEqualTo(entries));
  }
}
