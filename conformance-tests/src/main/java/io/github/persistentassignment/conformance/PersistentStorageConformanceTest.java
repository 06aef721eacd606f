package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance kit: every {@link PersistentStorage} adapter extends this class to prove it keeps
 * the storage contract, and that {@link PersistentAssignment} keeps users in their groups over it.
 *
 * <p>A subclass implements one factory, {@link #createStorage()}, which returns a new adapter
 * instance over the same backend namespace on every call (several tests open two instances and
 * check that each sees the other's writes). The kit closes every instance it creates after each
 * test. Each test works under its own random key prefix, so an adapter needs no cleanup between
 * tests; a subclass that wants a clean backend afterwards removes its namespace (a key prefix, a
 * table) in its own {@code @AfterAll}.
 *
 * <p>Capabilities that not every backend has are hooks whose defaults skip the tests that need
 * them, through JUnit's {@link Assumptions} (they are reported as skipped, with a message naming
 * the hook to override, never as passed): {@link #supportsTtl()} with {@link
 * #createStorageWithTtl(Duration)}, and {@link #writeRawEntry(String, String, String)} for corrupt
 * data. {@link #advanceTime(Duration)}, {@link #ttlForTests()} and {@link #maxValueBytes()} tune
 * the tests to the backend.
 *
 * <pre>{@code
 * class MyRedisStorageConformanceTest extends PersistentStorageConformanceTest {
 *   private static final String PREFIX = "kit-" + UUID.randomUUID() + ":";
 *   private static RedisClient client;
 *
 *   @BeforeAll
 *   static void connect() {
 *     client = RedisClient.create(TestBackends.redisUrl()); // skips the class without a server
 *   }
 *
 *   @AfterAll
 *   static void cleanUp() {
 *     client.deleteKeysStartingWith(PREFIX); // the kit never flushes anything itself
 *     client.close();
 *   }
 *
 *   @Override
 *   protected PersistentStorage createStorage() {
 *     return MyRedisStorage.builder(client).keyPrefix(PREFIX).build();
 *   }
 *
 *   @Override
 *   protected boolean supportsTtl() {
 *     return true;
 *   }
 *
 *   @Override
 *   protected PersistentStorage createStorageWithTtl(Duration ttl) {
 *     return MyRedisStorage.builder(client).keyPrefix(PREFIX).expireAfter(ttl).build();
 *   }
 *
 *   @Override
 *   protected void writeRawEntry(String key, String configName, String raw) {
 *     client.hset(PREFIX + key, configName, raw); // bypasses the adapter's encoding
 *   }
 * }
 * }</pre>
 *
 * <p>Redis keeps its own clock, so the example keeps the default {@link #advanceTime(Duration)},
 * which sleeps. An adapter with an injectable {@link java.time.Clock} overrides it to move that
 * clock, and the expiry tests take no time.
 *
 * <p>The tests are grouped in {@link Nested} classes whose display names read as the contract; a
 * failure names the rule that was broken. The assignment scenarios run twice, once through each API
 * a service may call: {@link PersistentAssignment#forUser} (one {@code UserAssignments} per
 * request) and the two-step {@code getUserPersistedValues} then {@code getExperiment}; the name of
 * their nested class says which.
 */
public abstract class PersistentStorageConformanceTest {
  private static final String CONFIG = "experiment";
  private static final int RACE_THREADS = 16;
  private static final int RACE_ROUNDS = 20;
  private static final int STORAGE_INSTANCES_IN_RACES = 4;
  private static final int CONFIGS_PER_THREAD = 10;
  private static final int LARGE_VALUE_BYTES = 300_000;

  private final String prefix = "pa-kit-" + UUID.randomUUID().toString().substring(0, 13) + "-";
  private final List<PersistentStorage> created = new ArrayList<>();
  private @Nullable PersistentStorage storage;

  /** For subclasses. */
  protected PersistentStorageConformanceTest() {}

  /**
   * Creates a new adapter instance over the backend namespace the tests share. Every call returns a
   * new instance, over the same data as the previous ones. The kit closes it after the test.
   *
   * @return a new, open adapter
   */
  protected abstract PersistentStorage createStorage();

  /**
   * Whether the adapter can expire entries. Override to return true, together with {@link
   * #createStorageWithTtl(Duration)}, to run the expiry tests; by default they are skipped.
   *
   * @return true when the adapter supports a time to live
   */
  protected boolean supportsTtl() {
    return false;
  }

  /**
   * Creates a new adapter instance, over the same namespace as {@link #createStorage()}, whose
   * entries stop being returned {@code ttl} after their last save. Only called when {@link
   * #supportsTtl()} is true. The default skips the calling test.
   *
   * @param ttl the time to live, {@link #ttlForTests()}
   * @return a new, open adapter with that time to live
   */
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return Assumptions.abort(
        "Skipped: override createStorageWithTtl(Duration) to return an adapter whose entries expire"
            + " after the given time to live (and supportsTtl() to return true).");
  }

  /**
   * The time to live the expiry tests use. The tests check an entry at half this time (present) and
   * at this time plus {@code max(ttl / 2, 1 s)} (gone). A backend with whole-second expiry
   * resolution may need more than the default of 2 seconds.
   *
   * @return the time to live for {@link #createStorageWithTtl(Duration)}
   */
  protected Duration ttlForTests() {
    return Duration.ofSeconds(2);
  }

  /**
   * Lets time pass for the adapter's expiry. The default sleeps, which is right for a backend that
   * keeps its own clock (Redis, a database); an adapter with an injectable clock advances that
   * instead, and the expiry tests take no time.
   *
   * @param duration how much time passes
   */
  protected void advanceTime(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for entries to expire", e);
    }
  }

  /**
   * Stores {@code raw} as the entry of {@code key} and {@code configName}, bypassing the adapter's
   * encoding, as a foreign or buggy writer would. The corrupt-data tests use it to check that a
   * broken entry is skipped while the key's other entries load. The default skips those tests.
   *
   * <p>A backend that cannot hold a given raw value at all (a JSON column rejecting malformed text)
   * skips that case with {@link Assumptions#abort(String)}.
   *
   * @param key the storage key, exactly as passed to {@link PersistentStorage#save}
   * @param configName the config name
   * @param raw the text to store in place of an encoded entry
   */
  protected void writeRawEntry(String key, String configName, String raw) {
    Assumptions.abort(
        "Skipped: override writeRawEntry(String, String, String) to store a raw (corrupt) entry"
            + " directly in the backend, bypassing the adapter.");
  }

  /**
   * The largest encoded entry, in bytes, the backend accepts. The large-value test stores an entry
   * of about {@code min(maxValueBytes(), 300 000)} bytes. The default has no limit.
   *
   * @return the limit in bytes
   */
  protected int maxValueBytes() {
    return Integer.MAX_VALUE;
  }

  /**
   * Called just before a load that must see a write made through another instance over the same
   * backend, in the tests of a second instance that had already loaded the key. Does nothing by
   * default: an adapter does no hidden caching. A caching decorator, whose instances see each
   * other's writes only once a key's freshness has passed, overrides it to let that time pass (by
   * moving its fake ticker).
   */
  protected void beforeReadingAnotherInstancesWrite() {}

  /**
   * Closes every adapter instance the kit created during the test, even if the test failed.
   *
   * @throws Exception the first failure to close, with later ones suppressed
   */
  @AfterEach
  protected final void closeCreatedStorages() throws Exception {
    Exception failure = null;
    List<PersistentStorage> toClose;
    synchronized (created) {
      toClose = new ArrayList<>(created);
      created.clear();
    }
    for (PersistentStorage instance : toClose) {
      try {
        instance.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    storage = null;
    if (failure != null) {
      throw failure;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private PersistentStorage storage() {
    if (storage == null) {
      storage = newStorage();
    }
    return storage;
  }

  private PersistentStorage newStorage() {
    return track(this::createStorage, "createStorage()");
  }

  private PersistentStorage track(Supplier<PersistentStorage> factory, String what) {
    PersistentStorage instance = factory.get();
    assertThat(instance).as("%s returned null", what).isNotNull();
    synchronized (created) {
      created.add(instance);
    }
    return instance;
  }

  /** A key unique to this test. */
  private String key(String name) {
    return prefix + name;
  }

  private static void awaitAll(List<? extends Future<?>> futures) throws Exception {
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
  }

  private static <T> List<T> runTogether(int threads, List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(tasks.size());
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      awaitAll(futures);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertEntries(
      UserPersistedValues loaded, Map<String, StickyValues> expected, String description) {
    assertThat(loaded.isAvailable())
        .as("%s: load must never return unavailable()", description)
        .isTrue();
    assertThat(loaded.asMap()).as(description).containsExactlyInAnyOrderEntriesOf(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Tests

  /** Loading a key nobody wrote. */
  @Nested
  @DisplayName("Loading a key")
  public class Loading {
    /** For JUnit. */
    public Loading() {}

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

  /** What is saved is what is loaded. */
  @Nested
  @DisplayName("Round trips")
  public class RoundTrips {
    /** For JUnit. */
    public RoundTrips() {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.persistentassignment.conformance.Samples#roundTrips")
    @DisplayName("load returns exactly what save stored")
    void roundTrip(StickyValues values) {
      storage().save(key("user"), CONFIG, values);
      assertEntries(storage().load(key("user")), Map.of(CONFIG, values), "round trip");
      assertEntries(newStorage().load(key("user")), Map.of(CONFIG, values), "second instance");
    }

    @Test
    @DisplayName("a large entry (about 300 KB, or maxValueBytes()) is returned intact")
    void largeValue() {
      StickyValues large = Samples.large(Math.min(maxValueBytes(), LARGE_VALUE_BYTES));
      storage().save(key("user"), CONFIG, large);
      storage().save(key("user"), "small", Samples.simple("small"));
      assertEntries(
          storage().load(key("user")),
          Map.of(CONFIG, large, "small", Samples.simple("small")),
          "large entry");
    }

    @Test
    @DisplayName("saving a config again replaces its entry and no other")
    void overwrite() {
      storage().save(key("user"), CONFIG, Samples.simple("first"));
      storage().save(key("user"), "other", Samples.simple("other"));
      storage().save(key("user"), CONFIG, Samples.everyField());
      assertEntries(
          storage().load(key("user")),
          Map.of(CONFIG, Samples.everyField(), "other", Samples.simple("other")),
          "after overwrite");
    }

    @Test
    @DisplayName("50 configs under one key are all returned")
    void manyConfigsPerKey() {
      Map<String, StickyValues> expected = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        expected.put("config-" + i, Samples.simple("group-" + i));
      }
      expected.forEach((config, values) -> storage().save(key("user"), config, values));
      assertEntries(storage().load(key("user")), expected, "50 configs");
    }
  }

  /** Keys and config names are opaque strings: no two of them share entries. */
  @Nested
  @DisplayName("Key isolation")
  public class KeyIsolation {
    /** For JUnit. */
    public KeyIsolation() {}

    private Map<String, StickyValues> saveOnePerKey() {
      Map<String, StickyValues> byKey = new LinkedHashMap<>();
      for (String name : Samples.awkwardNames()) {
        byKey.put(key(name), Samples.simple("key " + name));
      }
      String longKey = prefix + "k".repeat(1_000 - prefix.length());
      byKey.put(longKey, Samples.simple("long key"));
      byKey.put(
          longKey.substring(0, 999) + "l", Samples.simple("long key, last character changed"));
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

  /** Delete removes one entry, and is idempotent. */
  @Nested
  @DisplayName("Deleting")
  public class Deleting {
    /** For JUnit. */
    public Deleting() {}

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
      assertThatCode(() -> storage().delete(key("alice"), "never-stored"))
          .doesNotThrowAnyException();
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
      assertEntries(
          storage().load(key("alice")), Map.of(CONFIG, Samples.simple("second")), "alice");
    }
  }

  /** First write wins, atomically. */
  @Nested
  @DisplayName("saveIfAbsent")
  public class SaveIfAbsent {
    /** For JUnit. */
    public SaveIfAbsent() {}

    @Test
    @DisplayName("writes and returns empty when nothing is stored")
    void writesWhenAbsent() {
      assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.everyField())).isEmpty();
      assertEntries(
          storage().load(key("alice")), Map.of(CONFIG, Samples.everyField()), "after saveIfAbsent");
    }

    @Test
    @DisplayName("returns the stored entry and writes nothing when one is stored")
    void keepsExisting() {
      storage().save(key("alice"), CONFIG, Samples.simple("first"));
      assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("second")))
          .contains(Samples.simple("first"));
      assertEntries(
          storage().load(key("alice")),
          Map.of(CONFIG, Samples.simple("first")),
          "after saveIfAbsent");
    }

    @Test
    @DisplayName("leaves the key's other entries alone")
    void leavesOtherEntries() {
      storage().save(key("alice"), "other", Samples.simple("other"));
      assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("mine"))).isEmpty();
      assertEntries(
          storage().load(key("alice")),
          Map.of("other", Samples.simple("other"), CONFIG, Samples.simple("mine")),
          "after saveIfAbsent");
    }

    @Test
    @DisplayName(
        "of 16 concurrent calls exactly one writes, and every other call returns what it wrote")
    void raceHasOneWinner() throws Exception {
      List<PersistentStorage> instances = new ArrayList<>();
      instances.add(storage());
      while (instances.size() < STORAGE_INSTANCES_IN_RACES) {
        instances.add(newStorage());
      }
      for (int round = 0; round < RACE_ROUNDS; round++) {
        String config = "race-" + round;
        List<StickyValues> candidates = new ArrayList<>();
        List<Callable<Optional<StickyValues>>> calls = new ArrayList<>();
        for (int thread = 0; thread < RACE_THREADS; thread++) {
          StickyValues mine = Samples.simple("round " + round + " thread " + thread);
          PersistentStorage instance = instances.get(thread % instances.size());
          candidates.add(mine);
          calls.add(() -> instance.saveIfAbsent(key("racer"), config, mine));
        }
        List<Optional<StickyValues>> results = runTogether(RACE_THREADS, calls);

        List<Integer> writers = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i).isEmpty()) {
            writers.add(i);
          }
        }
        assertThat(writers)
            .as("round %d: calls that reported writing (returned empty)", round)
            .hasSize(1);
        StickyValues winner = candidates.get(writers.get(0));
        for (int i = 0; i < results.size(); i++) {
          if (i != writers.get(0)) {
            assertThat(results.get(i))
                .as("round %d: what call %d was told is stored", round, i)
                .contains(winner);
          }
        }
        assertThat(storage().load(key("racer")).get(config))
            .as("round %d: the stored entry", round)
            .contains(winner);
      }
    }
  }

  /** Many writers, one key. */
  @Nested
  @DisplayName("Concurrent writers")
  public class ConcurrentWriters {
    /** For JUnit. */
    public ConcurrentWriters() {}

    @Test
    @DisplayName("concurrent saves of distinct configs to one key lose nothing")
    void concurrentSavesLoseNothing() throws Exception {
      List<PersistentStorage> instances = new ArrayList<>();
      instances.add(storage());
      while (instances.size() < STORAGE_INSTANCES_IN_RACES) {
        instances.add(newStorage());
      }
      Map<String, StickyValues> expected = new LinkedHashMap<>();
      List<Callable<Void>> writers = new ArrayList<>();
      for (int thread = 0; thread < RACE_THREADS; thread++) {
        Map<String, StickyValues> mine = new LinkedHashMap<>();
        for (int i = 0; i < CONFIGS_PER_THREAD; i++) {
          mine.put("thread-" + thread + "-config-" + i, Samples.simple(thread + "/" + i));
        }
        expected.putAll(mine);
        PersistentStorage instance = instances.get(thread % instances.size());
        writers.add(
            () -> {
              mine.forEach((config, values) -> instance.save(key("shared"), config, values));
              return null;
            });
      }
      runTogether(RACE_THREADS, writers);
      assertEntries(
          storage().load(key("shared")),
          expected,
          RACE_THREADS + " threads x " + CONFIGS_PER_THREAD + " configs");
    }
  }

  /** Bulk loads. */
  @Nested
  @DisplayName("loadAll")
  public class LoadAll {
    /** For JUnit. */
    public LoadAll() {}

    @Test
    @DisplayName(
        "returns every requested key with its own entries, and empty ones for missing keys")
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

  /** Bad input is a clear error, and nothing is written or removed. */
  @Nested
  @DisplayName("Bad arguments")
  public class BadArguments {
    /** For JUnit. */
    public BadArguments() {}

    @TestFactory
    @DisplayName(
        "a null or blank argument is an IllegalArgumentException naming it, and nothing is"
            + " written or removed")
    Stream<DynamicTest> badArgumentsAreRejected() {
      String key = key("alice");
      StickyValues kept = Samples.simple("kept");
      StickyValues values = Samples.simple("must not be written");
      storage().save(key, "kept", kept);
      List<DynamicTest> tests = new ArrayList<>();
      List<@Nullable String> badStrings = Arrays.asList(null, "", " ", "\t");
      for (String bad : badStrings) {
        String shown = bad == null ? "null" : "\"" + bad.replace("\t", "\\t") + "\"";
        tests.add(rejected("load(" + shown + ")", "key", () -> storage().load(bad)));
        tests.add(
            rejected(
                "save(" + shown + ", config, values)",
                "key",
                () -> storage().save(bad, CONFIG, values)));
        tests.add(
            rejected(
                "save(key, " + shown + ", values)",
                "configName",
                () -> storage().save(key, bad, values)));
        tests.add(
            rejected(
                "saveIfAbsent(" + shown + ", config, values)",
                "key",
                () -> storage().saveIfAbsent(bad, CONFIG, values)));
        tests.add(
            rejected(
                "saveIfAbsent(key, " + shown + ", values)",
                "configName",
                () -> storage().saveIfAbsent(key, bad, values)));
        tests.add(
            rejected("delete(" + shown + ", config)", "key", () -> storage().delete(bad, "kept")));
        tests.add(
            rejected("delete(key, " + shown + ")", "configName", () -> storage().delete(key, bad)));
        tests.add(
            rejected(
                "loadAll([key, " + shown + "])",
                "key",
                () -> storage().loadAll(Arrays.asList(key, bad))));
      }
      tests.add(
          rejected("save(key, config, null)", "values", () -> storage().save(key, CONFIG, null)));
      tests.add(
          rejected(
              "saveIfAbsent(key, config, null)",
              "values",
              () -> storage().saveIfAbsent(key, CONFIG, null)));
      tests.add(rejected("loadAll(null)", "keys", () -> storage().loadAll(null)));

      tests.add(
          dynamicTest(
              "nothing was written or removed",
              () -> assertEntries(storage().load(key), Map.of("kept", kept), "alice")));
      return tests.stream();
    }

    private DynamicTest rejected(String call, String argument, ThrowingCallable callable) {
      return dynamicTest(
          call + " names " + argument,
          () ->
              assertThatThrownBy(callable)
                  .as(call)
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining(argument));
    }
  }

  /** Foreign or damaged data does not make a user's other entries unreadable. */
  @Nested
  @DisplayName("Corrupt stored data")
  public class CorruptData {
    /** For JUnit. */
    public CorruptData() {}

    @ParameterizedTest(name = "raw entry: {0}")
    @ValueSource(
        strings = {
          "{not json",
          "",
          "[1,2,3]",
          "\"just a string\"",
          "{\"value\": true, \"time\": \"not a number\", \"group_name\": [\"a\", \"list\"]}",
        })
    @DisplayName("a corrupt entry is skipped while the key's other entries load")
    void corruptEntryIsSkipped(String raw) {
      storage().save(key("alice"), "good", Samples.everyField());
      writeRawEntry(key("alice"), "corrupt", raw);
      storage().save(key("alice"), "also-good", Samples.simple("also good"));
      Map<String, StickyValues> good =
          Map.of("good", Samples.everyField(), "also-good", Samples.simple("also good"));
      assertEntries(storage().load(key("alice")), good, "load");
      assertEntries(storage().loadAll(List.of(key("alice"))).get(key("alice")), good, "loadAll");
    }

    @Test
    @DisplayName("a corrupt entry can be replaced by a good one")
    void corruptEntryCanBeOverwritten() {
      writeRawEntry(key("alice"), CONFIG, "{not json");
      storage().save(key("alice"), CONFIG, Samples.simple("repaired"));
      assertEntries(
          storage().load(key("alice")), Map.of(CONFIG, Samples.simple("repaired")), "load");
    }
  }

  /** Entries stop being returned after their time to live, measured from their last save. */
  @Nested
  @DisplayName("Expiry")
  public class Expiry {
    /** For JUnit. */
    public Expiry() {}

    private PersistentStorage expiring(Duration ttl) {
      Assumptions.assumeTrue(
          supportsTtl(),
          "Skipped: override supportsTtl() to return true and createStorageWithTtl(Duration) to"
              + " run the expiry tests.");
      return track(() -> createStorageWithTtl(ttl), "createStorageWithTtl(Duration)");
    }

    private Duration margin(Duration ttl) {
      Duration half = ttl.dividedBy(2);
      return half.compareTo(Duration.ofSeconds(1)) > 0 ? half : Duration.ofSeconds(1);
    }

    @Test
    @DisplayName("an entry is returned before its time to live and not after")
    void expires() {
      Duration ttl = ttlForTests();
      PersistentStorage expiring = expiring(ttl);
      expiring.save(key("alice"), CONFIG, Samples.simple("expiring"));
      assertEntries(
          expiring.load(key("alice")), Map.of(CONFIG, Samples.simple("expiring")), "just saved");
      advanceTime(ttl.dividedBy(2));
      assertEntries(
          expiring.load(key("alice")),
          Map.of(CONFIG, Samples.simple("expiring")),
          "half the time to live later");
      advanceTime(ttl.minus(ttl.dividedBy(2)).plus(margin(ttl)));
      assertEntries(expiring.load(key("alice")), Map.of(), "past the time to live");
      assertEntries(
          expiring.loadAll(List.of(key("alice"))).get(key("alice")),
          Map.of(),
          "loadAll past the time to live");
    }

    @Test
    @DisplayName("saving again restarts the time to live from that save")
    void saveRefreshes() {
      Duration ttl = ttlForTests();
      Duration step = ttl.multipliedBy(3).dividedBy(5);
      PersistentStorage expiring = expiring(ttl);
      expiring.save(key("alice"), CONFIG, Samples.simple("first"));
      advanceTime(step);
      expiring.save(key("alice"), CONFIG, Samples.simple("second"));
      advanceTime(step);
      assertEntries(
          expiring.load(key("alice")),
          Map.of(CONFIG, Samples.simple("second")),
          "past the first save's time to live, within the second's");
      advanceTime(ttl.minus(step).plus(margin(ttl)));
      assertEntries(expiring.load(key("alice")), Map.of(), "past the second save's time to live");
    }

    @Test
    @DisplayName("an expired entry counts as absent for saveIfAbsent")
    void expiredIsAbsent() {
      Duration ttl = ttlForTests();
      PersistentStorage expiring = expiring(ttl);
      expiring.save(key("alice"), CONFIG, Samples.simple("expired"));
      advanceTime(ttl.plus(margin(ttl)));
      assertThat(expiring.saveIfAbsent(key("alice"), CONFIG, Samples.simple("fresh")))
          .as("saveIfAbsent over an expired entry")
          .isEmpty();
      assertEntries(
          expiring.load(key("alice")),
          Map.of(CONFIG, Samples.simple("fresh")),
          "after saveIfAbsent");
    }
  }

  /** The lifecycle. */
  @Nested
  @DisplayName("Closing")
  public class Closing {
    /** For JUnit. */
    public Closing() {}

    @Test
    @DisplayName("every operation after close throws IllegalStateException")
    void operationsAfterClose() {
      PersistentStorage closed = newStorage();
      closed.close();
      String key = key("alice");
      StickyValues values = Samples.simple("after close");
      assertThatThrownBy(() -> closed.load(key))
          .as("load")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> closed.save(key, CONFIG, values))
          .as("save")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> closed.saveIfAbsent(key, CONFIG, values))
          .as("saveIfAbsent")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> closed.delete(key, CONFIG))
          .as("delete")
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> closed.loadAll(List.of(key)))
          .as("loadAll")
          .isInstanceOf(IllegalStateException.class);
      assertEntries(storage().load(key), Map.of(), "alice, through an open instance");
    }

    @Test
    @DisplayName("closing twice is harmless")
    void closeTwice() {
      PersistentStorage instance = newStorage();
      instance.close();
      assertThatCode(instance::close).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("closing one instance leaves another instance over the same backend working")
    void closingOneLeavesOthersOpen() {
      PersistentStorage first = newStorage();
      PersistentStorage second = newStorage();
      first.save(key("alice"), CONFIG, Samples.simple("before close"));
      first.close();
      assertEntries(
          second.load(key("alice")), Map.of(CONFIG, Samples.simple("before close")), "second");
      second.save(key("alice"), CONFIG, Samples.simple("after close"));
      assertEntries(
          second.load(key("alice")), Map.of(CONFIG, Samples.simple("after close")), "second");
    }
  }

  /** Instances share the backend, not a private copy of it. */
  @Nested
  @DisplayName("A second instance over the same backend")
  public class SecondInstance {
    /** For JUnit. */
    public SecondInstance() {}

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
      beforeReadingAnotherInstancesWrite();
      assertEntries(
          second.load(key("alice")), Map.of(CONFIG, Samples.simple("saved")), "after a save");
      assertEntries(
          second.loadAll(List.of(key("alice"))).get(key("alice")),
          Map.of(CONFIG, Samples.simple("saved")),
          "loadAll after a save");

      first.save(key("alice"), CONFIG, Samples.simple("overwritten"));
      beforeReadingAnotherInstancesWrite();
      assertEntries(
          second.load(key("alice")),
          Map.of(CONFIG, Samples.simple("overwritten")),
          "after an overwrite");

      first.delete(key("alice"), CONFIG);
      beforeReadingAnotherInstancesWrite();
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

  /**
   * The adapter under test as the assignment scenarios see it: this test's instances and key
   * prefix.
   */
  private AssignmentScenarioSupport.StorageUnderTest underTest() {
    return new AssignmentScenarioSupport.StorageUnderTest() {
      @Override
      public PersistentStorage storage() {
        return PersistentStorageConformanceTest.this.storage();
      }

      @Override
      public PersistentStorage newStorage() {
        return PersistentStorageConformanceTest.this.newStorage();
      }

      @Override
      public String prefix() {
        return prefix;
      }
    };
  }

  /**
   * {@link PersistentAssignment} over the adapter under test, called the way new code calls it: one
   * {@link io.github.persistentassignment.UserAssignments} per request. The scenarios shared with
   * the two-step API, then those only a request's object promises (one load per id type, its own
   * writes seen, fail open for the whole request).
   */
  @Nested
  @DisplayName("Persistent assignment over this storage, through forUser(user)")
  public class AssignmentsThroughForUser extends ForUserScenarios {
    /** For JUnit. */
    public AssignmentsThroughForUser() {
      super(underTest());
    }
  }

  /**
   * The experiment's lifecycle over the adapter under test: anonymous → logged in (one round trip,
   * the entry then under both keys) and assignment versions.
   */
  @Nested
  @DisplayName("The experiment's lifecycle over this storage")
  public class Lifecycle extends LifecycleScenarios {
    /** For JUnit. */
    public Lifecycle() {
      super(underTest());
    }
  }

  /**
   * {@link PersistentAssignment} over the adapter under test, called through the two-step API that
   * bridges use: {@code getUserPersistedValues}, then {@code getExperiment} or {@code getLayer}
   * with {@link io.github.persistentassignment.ExperimentOptions}.
   */
  @Nested
  @DisplayName(
      "Persistent assignment over this storage, through the two-step API"
          + " (getUserPersistedValues, then getExperiment or getLayer with ExperimentOptions)")
  public class AssignmentsThroughTwoStep extends TwoStepScenarios {
    /** For JUnit. */
    public AssignmentsThroughTwoStep() {
      super(underTest());
    }
  }
}
