package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Copy throughput: {@value #ENTRIES} entries from an in-memory store into the backend. Ours: the
 * core copy API a migration uses, {@code forEachEntry} of the source and {@code copyIfAbsent} of
 * each entry into the target; raw: a loop over the same entries held as JSON, each written with the
 * raw insert-if-absent. Before each call, untimed, the previous copies are purged; both sides are
 * checked to have written every entry. One thread; the report gives entries per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CopyBenchmark {
  /** Entries copied per call. */
  public static final int ENTRIES = 1_000;

  private static final String OURS_CONFIG = "copied_ours";
  private static final String RAW_CONFIG = "copied_raw";

  /**
   * Entries per call: {@value #ENTRIES} in a run; the smoke test sets fewer, since it checks that
   * the benchmark works, not how fast.
   */
  @Param({"1000"})
  public int entries = ENTRIES;

  /** The target backend, one of {@link Backends#NAMES}. */
  @Param({"memory"})
  public String backend = "memory";

  private BenchmarkBackend opened;
  private PersistentStorage target;
  private RawCommands raw;
  private final InMemoryPersistentStorage source = InMemoryPersistentStorage.create();
  private final List<Map.Entry<String, String>> rawSource = new ArrayList<>();

  /** Opens the backend and fills the sources. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    target = opened.storage();
    raw = opened.raw();
    for (int i = 0; i < entries; i++) {
      String key = "copied-" + i + ":userID";
      source.save(key, OURS_CONFIG, SampleEntries.TYPICAL);
      rawSource.add(Map.entry(key, SampleEntries.TYPICAL_JSON));
    }
  }

  /** Removes the previous call's copies, so that both sides write again. */
  @Setup(Level.Invocation)
  public void emptyTarget() {
    raw.purge(RAW_CONFIG);
    if (opened.rawSeesAdapterWrites()) {
      raw.purge(OURS_CONFIG);
    } else {
      ((EnumerableStorage) target).purge(OURS_CONFIG);
    }
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    source.close();
    opened.close();
  }

  /**
   * Copies every entry, ours and raw.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void copy(PairedTimes times, Blackhole blackhole) {
    times.measure(blackhole, 1, this::copyOurs, this::copyRaw);
  }

  private long copyOurs() {
    AtomicLong written = new AtomicLong();
    source.forEachEntry(
        entry -> {
          if (target.copyIfAbsent(entry).isEmpty()) {
            written.incrementAndGet();
          }
        });
    return copiedAll("ours", written.get());
  }

  private long copyRaw() {
    long written = 0;
    for (Map.Entry<String, String> entry : rawSource) {
      written += raw.saveIfAbsent(entry.getKey(), RAW_CONFIG, entry.getValue()) ? 1 : 0;
    }
    return copiedAll("raw", written);
  }

  private long copiedAll(String side, long written) {
    if (written != entries) {
      throw new IllegalStateException(
          "the " + side + " copy wrote " + written + " entries, not " + entries);
    }
    return written;
  }
}
