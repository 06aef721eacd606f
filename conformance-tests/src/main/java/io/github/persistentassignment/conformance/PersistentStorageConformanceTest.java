package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

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
 * #createStorageWithTtl(Duration)} for expiry, {@link #writeRawEntry(String, String, String)} to
 * plant a corrupt entry (the corrupt-entry rule), and {@link #writeForeignItem(String)} to plant
 * something that is not an entry at all (enumeration and purge go past it). {@link
 * #advanceTime(Duration)}, {@link #ttlForTests()}, {@link #expiryResolution()} and {@link
 * #maxValueBytes()} tune the tests to the backend. The tests of {@code forEachEntry} and {@code
 * purge} run when the adapter is an {@link EnumerableStorage}, and are skipped otherwise.
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
 *     client.keys(PREFIX + "*").forEach(client::del); // the kit never flushes anything itself
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
 * failure names the rule that was broken. Besides the groups written here: {@code deleteAll},
 * {@code purge}, the corrupt-entry rule, foreign items, and the expiry of listed and copied
 * entries, each in a file of its own. The assignment scenarios run twice, once through each API a
 * service may call: {@link PersistentAssignment#forUser} (one {@code UserAssignments} per request)
 * and the two-step {@code getUserPersistedValues} then {@code getExperiment}; the name of their
 * nested class says which.
 */
public abstract class PersistentStorageConformanceTest {

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
   * Stores something under the adapter's namespace at {@code key} that is not an entry at all, as
   * another application sharing the namespace would: a Redis string where the adapter keeps hashes,
   * an item without the adapter's attributes, a row another writer left half-filled. The
   * foreign-item tests check that {@code forEachEntry} skips it and still visits every real entry,
   * and that {@code purge} goes past it. The default skips those tests; a backend whose namespace
   * cannot hold anything but entries keeps it.
   *
   * @param key a storage key, exactly as it would be passed to {@link PersistentStorage#save}
   */
  protected void writeForeignItem(String key) {
    Assumptions.abort(
        "Skipped: override writeForeignItem(String) to store something that is not an entry"
            + " under the adapter's namespace, bypassing the adapter.");
  }

  /**
   * The coarsest step in which the backend keeps an entry's expiry (DynamoDB's TTL attribute is in
   * whole seconds). The tests that read an expiry back through {@code forEachEntry} allow this
   * much, plus a second, around the expiry they expect. The default is one second.
   *
   * @return the backend's expiry resolution
   */
  protected Duration expiryResolution() {
    return Duration.ofSeconds(1);
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

  /** A prefix unique to this test, for its keys. */
  String prefix() {
    return prefix;
  }

  PersistentStorage storage() {
    if (storage == null) {
      storage = newStorage();
    }
    return storage;
  }

  PersistentStorage newStorage() {
    return track(this::createStorage, "createStorage()");
  }

  PersistentStorage track(Supplier<PersistentStorage> factory, String what) {
    PersistentStorage instance = factory.get();
    assertThat(instance).as("%s returned null", what).isNotNull();
    synchronized (created) {
      created.add(instance);
    }
    return instance;
  }

  // ---------------------------------------------------------------------------------------------
  // Tests

  /** Loading a key nobody wrote. */
  @Nested
  @DisplayName("Loading a key")
  public class Loading extends LoadingScenarios {
    /** For JUnit. */
    public Loading() {
      super(kit());
    }
  }

  /** What is saved is what is loaded. */
  @Nested
  @DisplayName("Round trips")
  public class RoundTrips extends RoundTripScenarios {
    /** For JUnit. */
    public RoundTrips() {
      super(kit());
    }
  }

  /** Keys and config names are opaque strings: no two of them share entries. */
  @Nested
  @DisplayName("Key isolation")
  public class KeyIsolation extends KeyIsolationScenarios {
    /** For JUnit. */
    public KeyIsolation() {
      super(kit());
    }
  }

  /** Delete removes one entry, and is idempotent. */
  @Nested
  @DisplayName("Deleting")
  public class Deleting extends DeletingScenarios {
    /** For JUnit. */
    public Deleting() {
      super(kit());
    }
  }

  /** First write wins, atomically. */
  @Nested
  @DisplayName("saveIfAbsent")
  public class SaveIfAbsent extends SaveIfAbsentScenarios {
    /** For JUnit. */
    public SaveIfAbsent() {
      super(kit());
    }
  }

  /** Many writers, one key. */
  @Nested
  @DisplayName("Concurrent writers")
  public class ConcurrentWriters extends ConcurrentWriterScenarios {
    /** For JUnit. */
    public ConcurrentWriters() {
      super(kit());
    }
  }

  /** Bulk loads. */
  @Nested
  @DisplayName("loadAll")
  public class LoadAll extends LoadAllScenarios {
    /** For JUnit. */
    public LoadAll() {
      super(kit());
    }
  }

  /** Bad input is a clear error, and nothing is written or removed. */
  @Nested
  @DisplayName("Bad arguments")
  public class BadArguments extends BadArgumentScenarios {
    /** For JUnit. */
    public BadArguments() {
      super(kit());
    }
  }

  /**
   * The corrupt-entry rule: an entry that cannot be decoded counts as absent everywhere ({@link
   * #writeRawEntry} plants it).
   */
  @Nested
  @DisplayName("Corrupt stored data")
  public class CorruptData extends CorruptEntryScenarios {
    /** For JUnit. */
    public CorruptData() {
      super(kit());
    }
  }

  /** Erasing a user. */
  @Nested
  @DisplayName("deleteAll")
  public class DeletingAll extends DeleteAllScenarios {
    /** For JUnit. */
    public DeletingAll() {
      super(kit());
    }
  }

  /** Removing a stopped experiment's entries (an {@link EnumerableStorage} only). */
  @Nested
  @DisplayName("purge")
  public class Purging extends PurgeScenarios {
    /** For JUnit. */
    public Purging() {
      super(kit());
    }
  }

  /** Something that is not an entry under the adapter's namespace ({@link #writeForeignItem}). */
  @Nested
  @DisplayName("A foreign item under the adapter's namespace")
  public class ForeignItems extends ForeignItemScenarios {
    /** For JUnit. */
    public ForeignItems() {
      super(kit());
    }
  }

  /** An entry's expiry in {@link io.github.persistentassignment.StoredEntry} and copies. */
  @Nested
  @DisplayName("Expiry of listed and copied entries")
  public class EntryExpiry extends EntryExpiryScenarios {
    /** For JUnit. */
    public EntryExpiry() {
      super(kit());
    }
  }

  /** Entries stop being returned after their time to live, measured from their last save. */
  @Nested
  @DisplayName("Expiry")
  public class Expiry extends ExpiryScenarios {
    /** For JUnit. */
    public Expiry() {
      super(kit());
    }
  }

  /** The lifecycle. */
  @Nested
  @DisplayName("Closing")
  public class Closing extends ClosingScenarios {
    /** For JUnit. */
    public Closing() {
      super(kit());
    }
  }

  /** Instances share the backend, not a private copy of it. */
  @Nested
  @DisplayName("A second instance over the same backend")
  public class SecondInstance extends SecondInstanceScenarios {
    /** For JUnit. */
    public SecondInstance() {
      super(kit());
    }
  }

  /** The adapter under test and this class's hooks, as the test groups in other files see them. */
  private ContractScenarios.Kit kit() {
    return new TestKit(this);
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
      super(kit());
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
      super(kit());
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
      super(kit());
    }
  }
}
