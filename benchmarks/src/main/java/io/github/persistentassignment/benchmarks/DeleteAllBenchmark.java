package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import java.util.List;
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
 * {@code deleteAll} of a user with five entries — what erasing a user's data costs — against the
 * raw command the adapter sends ({@code DEL}, {@code DELETE … WHERE storage_key = ?}, {@code Query}
 * then {@code BatchWriteItem}). Before each call, untimed, both users are stored again in one round
 * trip; then the two deletes are timed call by call ({@link PairedTimes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeleteAllBenchmark {
  /** The backend, one of {@link Backends#NAMES}. */
  @Param({"memory"})
  public String backend = "memory";

  private BenchmarkBackend opened;
  private PersistentStorage ours;
  private RawCommands raw;
  private final AtomicInteger callers = new AtomicInteger();

  /** Opens the backend. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    ours = opened.storage();
    raw = opened.raw();
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** One benchmark thread: a user for each side. */
  @State(Scope.Thread)
  public static class Caller {
    private String oursKey = "";
    private String rawKey = "";

    /**
     * Names this thread's users.
     *
     * @param benchmark the open backend
     */
    @Setup(Level.Trial)
    public void name(DeleteAllBenchmark benchmark) {
      int index = benchmark.callers.getAndIncrement();
      oursKey = "erase-ours-" + index + ":userID";
      rawKey = "erase-raw-" + index + ":userID";
    }
  }

  /**
   * Stores both users' five entries again (untimed), then deletes each user's whole map.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void deleteAll(Caller caller, PairedTimes times, Blackhole blackhole) {
    if (opened.rawSeesAdapterWrites()) {
      raw.seed(List.of(caller.oursKey, caller.rawKey), SampleEntries.USER_CONFIGS, json());
    } else {
      for (String config : SampleEntries.USER_CONFIGS) {
        ours.save(caller.oursKey, config, SampleEntries.TYPICAL);
      }
      raw.seed(List.of(caller.rawKey), SampleEntries.USER_CONFIGS, json());
    }
    times.measure(
        blackhole,
        1,
        () -> {
          ours.deleteAll(caller.oursKey);
          return caller;
        },
        () -> {
          if (raw.deleteAll(caller.rawKey) == 0) {
            throw new IllegalStateException("the raw deleteAll found nothing to delete");
          }
          return caller;
        });
  }

  private static String json() {
    return SampleEntries.TYPICAL_JSON;
  }
}
