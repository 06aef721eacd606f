package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.EnumerableStorage;
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
 * {@code purge} of a stopped experiment with {@value #ENTRIES} entries, against the plain way of
 * doing it with the raw client ({@code SCAN} + pipelined {@code HDEL}, one {@code DELETE … WHERE
 * config_name = ?}, a filtered {@code Scan} + {@code BatchWriteItem} deletes). Before each call,
 * untimed, {@value #ENTRIES} users get an entry of each side's config; then both purges are timed
 * call by call ({@link PairedTimes}), each checked to have removed every entry. One thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PurgeBenchmark {
  /** Entries of the purged config. */
  public static final int ENTRIES = 10_000;

  private static final String OURS_CONFIG = "stopped_ours";
  private static final String RAW_CONFIG = "stopped_raw";

  /**
   * Entries per call: {@value #ENTRIES} in a run; the smoke test sets fewer, since it checks that
   * the benchmark works, not how fast.
   */
  @Param({"10000"})
  public int entries = ENTRIES;

  /** The backend, one of {@link Backends#NAMES}. */
  @Param({"memory"})
  public String backend = "memory";

  private BenchmarkBackend opened;
  private EnumerableStorage ours;
  private RawCommands raw;
  private final List<String> keys = new ArrayList<>();

  /** Opens the backend. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    ours = (EnumerableStorage) opened.storage();
    raw = opened.raw();
    for (int i = 0; i < entries; i++) {
      keys.add("stopped-" + i + ":userID");
    }
  }

  /** Stores the entries both purges remove, outside the measurement. */
  @Setup(Level.Invocation)
  public void seed() {
    if (opened.rawSeesAdapterWrites()) {
      raw.seed(keys, List.of(OURS_CONFIG, RAW_CONFIG), SampleEntries.TYPICAL_JSON);
    } else {
      keys.forEach(key -> ours.save(key, OURS_CONFIG, SampleEntries.TYPICAL));
      raw.seed(keys, List.of(RAW_CONFIG), SampleEntries.TYPICAL_JSON);
    }
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /**
   * Removes the stopped config's entries, ours and raw, each checked to have removed them all.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void purge(PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        1,
        () -> removedAll("ours", ours.purge(OURS_CONFIG)),
        () -> removedAll("raw", raw.purge(RAW_CONFIG)));
  }

  private long removedAll(String side, long removed) {
    if (removed != entries) {
      throw new IllegalStateException(
          "the " + side + " purge removed " + removed + " entries, not " + entries);
    }
    return removed;
  }
}
