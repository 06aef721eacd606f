package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import java.util.ArrayList;
import java.util.List;
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
 * How {@code load} grows with the user's stored entries: 1, 10 and 100, of which a request uses two
 * (one when there is one), ours against the raw read + decode of the same two ({@link
 * PairedTimes}). Lazy decoding should keep ours' growth to the reply's transfer, as the raw side's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoadScalingBenchmark {
  /** The backend, one of {@link Backends#NAMES}. */
  @Param({"memory"})
  public String backend = "memory";

  /** Entries stored for the user. */
  @Param({"1", "10", "100"})
  public int entries = 1;

  private static final String KEY = "scaling-user:userID";

  private BenchmarkBackend opened;
  private PersistentStorage ours;
  private RawCommands raw;
  private List<String> used = List.of();

  /** Opens the backend and stores the user's entries. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    ours = opened.storage();
    raw = opened.raw();
    List<String> configs = configs(entries);
    for (String config : configs) {
      ours.save(KEY, config, SampleEntries.TYPICAL);
      if (!opened.rawSeesAdapterWrites()) {
        raw.save(KEY, config, SampleEntries.TYPICAL_JSON);
      }
    }
    used = configs.subList(0, Math.min(2, configs.size()));
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** The names of {@code count} stored configs. */
  static List<String> configs(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("scaling_" + i);
    }
    return names;
  }

  /**
   * Loads the user and uses two entries, on both sides.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void load(PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        backend.equals("memory") ? 100 : 1,
        () -> Expect.used(backend, ours.load(KEY), used),
        () -> Expect.decoded(backend, raw.loadDecoding(KEY, used), used));
  }
}
