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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our adapter next to the naive whole-map adapter over the same client, call by call ({@link
 * PairedTimes}), on a user with the five {@link SampleEntries#USER_CONFIGS} stored in each layout:
 * {@code save} of one entry (one round trip against a read and a write of the whole map), and
 * {@code load}.
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
   * Reads the user's five entries: ours from its layout, the naive adapter from its whole map.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void load(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        1,
        () -> requireFive(ours.load(caller.key)),
        () -> requireFive(naive.load(caller.key)));
  }

  /**
   * Saves one entry: ours writes it; the naive adapter reads the whole map and writes it back.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void save(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        1,
        () -> {
          ours.save(caller.key, SAVED_CONFIG, TYPICAL);
          return caller;
        },
        () -> {
          naive.save(caller.key, SAVED_CONFIG, TYPICAL);
          return caller;
        });
  }

  private UserPersistedValues requireFive(UserPersistedValues values) {
    if (values.asMap().size() != SampleEntries.USER_CONFIGS.size()) {
      throw new IllegalStateException(
          "expected the user's 5 entries on " + backend + ", got " + values.asMap().keySet());
    }
    return values;
  }
}
