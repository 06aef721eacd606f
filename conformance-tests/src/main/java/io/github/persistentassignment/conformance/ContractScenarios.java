package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * What the storage contract's test groups stand on: the adapter under test as {@link
 * PersistentStorageConformanceTest} hands it over (its instances, its hooks, a key prefix of the
 * test's own), and the assertions the groups share. Each group is an abstract class extended by a
 * {@code @Nested} class of the kit, so the kit's own file stays a table of contents.
 */
abstract class ContractScenarios {
  static final String CONFIG = "experiment";
  static final int RACE_THREADS = 16;
  static final int RACE_ROUNDS = 20;
  static final int STORAGE_INSTANCES_IN_RACES = 4;
  static final int CONFIGS_PER_THREAD = 10;
  static final int LARGE_VALUE_BYTES = 300_000;

  /** The adapter under test and the subclass's hooks, as the kit exposes them to a group. */
  interface Kit extends AssignmentScenarioSupport.StorageUnderTest {
    /** A key unique to this test. */
    default String key(String name) {
      return prefix() + name;
    }

    /** {@link PersistentStorageConformanceTest#supportsTtl()}. */
    boolean supportsTtl();

    /**
     * A new instance from {@link PersistentStorageConformanceTest#createStorageWithTtl}, closed
     * after the test; the caller has checked {@link #supportsTtl()}.
     */
    PersistentStorage newStorageWithTtl(Duration ttl);

    /** {@link PersistentStorageConformanceTest#ttlForTests()}. */
    Duration ttlForTests();

    /** {@link PersistentStorageConformanceTest#advanceTime(Duration)}. */
    void advanceTime(Duration duration);

    /** {@link PersistentStorageConformanceTest#expiryResolution()}. */
    Duration expiryResolution();

    /** {@link PersistentStorageConformanceTest#maxValueBytes()}. */
    int maxValueBytes();

    /** {@link PersistentStorageConformanceTest#writeRawEntry}. */
    void writeRawEntry(String key, String configName, String raw);

    /** {@link PersistentStorageConformanceTest#writeForeignItem}. */
    void writeForeignItem(String key);
  }

  final Kit kit;

  ContractScenarios(Kit kit) {
    this.kit = kit;
  }

  PersistentStorage storage() {
    return kit.storage();
  }

  PersistentStorage newStorage() {
    return kit.newStorage();
  }

  String key(String name) {
    return kit.key(name);
  }

  /** The test's storage as an {@link EnumerableStorage}; skips the test if it is not one. */
  EnumerableStorage enumerable() {
    return enumerable(storage());
  }

  static EnumerableStorage enumerable(PersistentStorage storage) {
    Assumptions.assumeTrue(
        storage instanceof EnumerableStorage,
        "Skipped: the adapter is not an EnumerableStorage (forEachEntry, purge).");
    return (EnumerableStorage) storage;
  }

  /** A new instance whose entries expire after {@code ttl}; skips the test without TTL support. */
  PersistentStorage expiring(Duration ttl) {
    assumeTtl();
    return kit.newStorageWithTtl(ttl);
  }

  void assumeTtl() {
    Assumptions.assumeTrue(
        kit.supportsTtl(),
        "Skipped: override supportsTtl() to return true and createStorageWithTtl(Duration) to"
            + " run the expiry tests.");
  }

  /** How long past a time to live the expiry tests wait before they expect an entry gone. */
  static Duration margin(Duration ttl) {
    Duration half = ttl.dividedBy(2);
    return half.compareTo(Duration.ofSeconds(1)) > 0 ? half : Duration.ofSeconds(1);
  }

  /**
   * Every entry that {@code forEachEntry} lists under this test's prefix (the backend's namespace
   * may hold other tests' entries): key → config name → entry.
   */
  Map<String, Map<String, StoredEntry>> listed(EnumerableStorage storage) {
    Map<String, Map<String, StoredEntry>> listed = new TreeMap<>();
    storage.forEachEntry(
        entry -> {
          if (entry.key().contains(kit.prefix())) {
            StoredEntry previous =
                listed
                    .computeIfAbsent(entry.key(), k -> new TreeMap<>())
                    .put(entry.configName(), entry);
            assertThat(previous).as("forEachEntry listed %s twice", entry).isNull();
          }
        });
    return listed;
  }

  /** The values of {@link #listed}: key → config name → values. */
  Map<String, Map<String, StickyValues>> listedValues(EnumerableStorage storage) {
    Map<String, Map<String, StickyValues>> values = new TreeMap<>();
    listed(storage)
        .forEach(
            (key, entries) -> {
              Map<String, StickyValues> byConfig = new TreeMap<>();
              entries.forEach((config, entry) -> byConfig.put(config, entry.values()));
              values.put(key, byConfig);
            });
    return values;
  }

  static void assertEntries(
      UserPersistedValues loaded, Map<String, StickyValues> expected, String description) {
    assertThat(loaded.isAvailable())
        .as("%s: load must never return unavailable()", description)
        .isTrue();
    assertThat(loaded.asMap()).as(description).containsExactlyInAnyOrderEntriesOf(expected);
  }
}
