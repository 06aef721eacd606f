package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.SAVED_CONFIG;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
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

/**
 * Our adapter next to the naive whole-map adapter over the same client ({@code <operation>_ours},
 * {@code <operation>_naive}), on a user with the five {@link SampleEntries#USER_CONFIGS} stored in
 * each layout: {@code save} of one entry (one round trip against a read and a write of the whole
 * map), and {@code load}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NaiveBaselineBenchmark {
  /** The backend, one of {@link Backends#WITH_NAIVE}. */
  @Param({"redis"})
  public String backend = "redis";

  private BenchmarkBackend opened;
  private PersistentStorage ours;
  private PersistentStorage naive;
  private final AtomicInteger callers = new AtomicInteger();

  /** Opens the backend and its naive adapter. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    ours = opened.storage();
    naive = opened.naiveStorage();
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** One benchmark thread's user, stored in both layouts. */
  @State(Scope.Thread)
  public static class Caller {
    private String key = "";

    /**
     * Stores this thread's user with five entries, once per layout.
     *
     * @param benchmark the open backend
     */
    @Setup(Level.Trial)
    public void seed(NaiveBaselineBenchmark benchmark) {
      key = "user-" + benchmark.callers.getAndIncrement() + ":userID";
      for (String config : SampleEntries.USER_CONFIGS) {
        benchmark.ours.save(key, config, TYPICAL);
        benchmark.naive.save(key, config, TYPICAL);
      }
    }
  }

  /**
   * Reads the user's whole map and decodes its five entries.
   *
   * @param caller the thread's state
   * @return the entries
   */
  @Benchmark
  public UserPersistedValues load_naive(Caller caller) {
    return requireFive(naive.load(caller.key));
  }

  /**
   * Reads the user's five entries with our adapter.
   *
   * @param caller the thread's state
   * @return the entries
   */
  @Benchmark
  public UserPersistedValues load_ours(Caller caller) {
    return requireFive(ours.load(caller.key));
  }

  /**
   * Saves one entry by reading the whole map and writing it back.
   *
   * @param caller the thread's state
   */
  @Benchmark
  public void save_naive(Caller caller) {
    naive.save(caller.key, SAVED_CONFIG, TYPICAL);
  }

  /**
   * Saves one entry with our adapter.
   *
   * @param caller the thread's state
   */
  @Benchmark
  public void save_ours(Caller caller) {
    ours.save(caller.key, SAVED_CONFIG, TYPICAL);
  }

  private UserPersistedValues requireFive(UserPersistedValues values) {
    if (values.asMap().size() != SampleEntries.USER_CONFIGS.size()) {
      throw new IllegalStateException(
          "expected the user's 5 entries on " + backend + ", got " + values.asMap().keySet());
    }
    return values;
  }
}
