package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.REQUEST_CONFIGS;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * How {@code loadAll} grows with the users read: 1, 10, 100 and 1,000 users of five entries, two of
 * each used, ours against the raw bulk read + decode of the same entries ({@link PairedTimes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoadAllScalingBenchmark {
  /** The backend, one of {@link Backends#NAMES}. */
  @Param({"memory"})
  public String backend = "memory";

  /** Users read in one call. */
  @Param({"1", "10", "100", "1000"})
  public int users = 1;

  private BenchmarkBackend opened;
  private PersistentStorage ours;
  private RawCommands raw;
  private final List<String> keys = new ArrayList<>();

  /** Opens the backend and stores the users. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    ours = opened.storage();
    raw = opened.raw();
    for (int i = 0; i < users; i++) {
      keys.add("scaling-" + i + ":userID");
    }
    raw.seed(keys, SampleEntries.USER_CONFIGS, SampleEntries.TYPICAL_JSON);
    if (!opened.rawSeesAdapterWrites()) {
      for (String key : keys) {
        for (String config : SampleEntries.USER_CONFIGS) {
          ours.save(key, config, SampleEntries.TYPICAL);
        }
      }
    }
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /**
   * Reads every user and uses two entries of each, on both sides.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void loadAll(PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        1,
        () -> {
          Map<String, UserPersistedValues> read = Expect.users(users, ours.loadAll(keys));
          read.values().forEach(user -> Expect.used(backend, user, REQUEST_CONFIGS));
          return read;
        },
        () -> {
          Map<String, Map<String, StickyValues>> read =
              Expect.users(users, raw.loadAllDecoding(keys, REQUEST_CONFIGS));
          read.values().forEach(user -> Expect.decoded(backend, user, REQUEST_CONFIGS));
          return read;
        });
  }
}
