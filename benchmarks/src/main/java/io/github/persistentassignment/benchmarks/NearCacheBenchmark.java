package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.REQUEST_EXPERIMENTS;
import static io.github.persistentassignment.benchmarks.SampleEntries.RETURNING_CONFIGS;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.cache.caffeine.CachingPersistentStorage;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The near cache ({@code cache-caffeine}) against the store it wraps: a returning user with twenty
 * stored entries ({@link SampleEntries#RETURNING_CONFIGS}), read through a {@link
 * CachingPersistentStorage} whose key is fresh (ours: a cache hit) and through the adapter itself
 * (other: the round trip the hit saves). Both sides use the same five entries ({@link
 * SampleEntries#REQUEST_EXPERIMENTS}), so both decode them; the cached value keeps what it decoded,
 * which is part of what a hit saves.
 *
 * <p>{@link #load} times the storage call alone; {@link #request} one request through the
 * per-request API, {@code forUser} and five {@code getExperiment} served the stored group, over the
 * cache and over the adapter. Both sides run call by call, alternating ({@link PairedTimes}), ten
 * calls per timed side so that a hit (well under a microsecond) is longer than the clock's
 * resolution. Run it on its own, for example:
 *
 * <pre>{@code
 * java -cp benchmarks/target/persistent-assignment-benchmarks.jar org.openjdk.jmh.Main \
 *   NearCacheBenchmark -p backend=redis -f 1 -wi 3 -i 5 -w 500ms -r 500ms
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NearCacheBenchmark {
  private static final int BATCH = 10;

  /** The store behind the cache, one of {@link Backends#NAMES}. */
  @Param({"redis"})
  public String backend = "redis";

  private BenchmarkBackend opened;
  private PersistentStorage store;
  private CachingPersistentStorage cache;
  private PersistentAssignment overCache;
  private PersistentAssignment overStore;
  private final AtomicInteger callers = new AtomicInteger();

  /** Opens the backend and a cache over it whose keys stay fresh for the whole trial. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    store = opened.storage();
    cache = CachingPersistentStorage.builder(store).freshFor(Duration.ofDays(1)).build();
    ExperimentCatalog catalog = SampleEntries.requestCatalog();
    overCache = PersistentAssignment.builder().storage(cache).evaluator(catalog).build();
    overStore = PersistentAssignment.builder().storage(store).evaluator(catalog).build();
  }

  /** Fails the run if the assignment logic hid a storage failure. */
  @TearDown(Level.Iteration)
  public void afterIteration() {
    long failures = overCache.storageFailures() + overStore.storageFailures();
    if (failures > 0) {
      throw new IllegalStateException(failures + " storage failures on " + backend);
    }
  }

  /** Drops the cache, deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    cache.close();
    opened.close();
  }

  /** One benchmark thread: a returning user of its own, stored, and loaded once into the cache. */
  @State(Scope.Thread)
  public static class Caller {
    private User user = User.of("unset");
    private String key = "";

    /**
     * Stores this thread's user's twenty entries and loads the user into the cache.
     *
     * @param benchmark the open backend
     */
    @Setup(Level.Trial)
    public void seed(NearCacheBenchmark benchmark) {
      String id = "cached-" + benchmark.callers.getAndIncrement();
      user = User.of(id);
      key = id + ":userID";
      for (String config : RETURNING_CONFIGS) {
        benchmark.store.save(key, config, TYPICAL);
      }
      benchmark.cache.load(key);
    }
  }

  /**
   * A cache hit against the adapter's load of the same user, five of twenty entries used.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void load(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        BATCH,
        () -> Expect.used(backend, cache.load(caller.key), REQUEST_EXPERIMENTS),
        () -> Expect.used(backend, store.load(caller.key), REQUEST_EXPERIMENTS));
  }

  /**
   * One request of the user, five experiments served the stored group, over the cache and over the
   * adapter.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void request(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        BATCH,
        () -> serve(overCache, caller, blackhole),
        () -> serve(overStore, caller, blackhole));
  }

  private UserAssignments serve(PersistentAssignment assignment, Caller caller, Blackhole bh) {
    UserAssignments request = assignment.forUser(caller.user);
    for (String experiment : REQUEST_EXPERIMENTS) {
      Assignment result = request.getExperiment(experiment);
      if (result.reason() != Assignment.Reason.PERSISTED) {
        throw new IllegalStateException(
            "expected the stored group of " + experiment + ": " + result);
      }
      bh.consume(result);
    }
    return request;
  }
}
