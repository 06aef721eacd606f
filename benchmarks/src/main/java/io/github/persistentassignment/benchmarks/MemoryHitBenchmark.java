package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.EXPERIMENT;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-memory sticky hit — {@code getUserPersistedValues} + {@code getExperiment} of a returning
 * user over {@link InMemoryPersistentStorage} — against the least a hand-written cache could do: a
 * map lookup of the user's stored JSON and {@code StickyValuesCodec.decode} of the entry. The ratio
 * is what the whole decision path (argument checks, the live evaluation, the result) adds to a
 * lookup; 100 calls per timed side, one being too short for the clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryHitBenchmark {
  private static final int BATCH = 100;

  private final InMemoryPersistentStorage store = InMemoryPersistentStorage.create();
  private final PersistentAssignment assignment =
      PersistentAssignment.builder().storage(store).evaluator(SampleEntries.catalog()).build();
  private final Map<String, Map<String, String>> rawMap = new ConcurrentHashMap<>();
  private final AtomicInteger callers = new AtomicInteger();

  /** One benchmark thread: a returning user of its own, stored in both. */
  @State(Scope.Thread)
  public static class Caller {
    private User user = User.of("unset");
    private String key = "";

    /**
     * Stores this thread's user's five entries in the store and in the raw map.
     *
     * @param benchmark the benchmark's state
     */
    @Setup(Level.Trial)
    public void seed(MemoryHitBenchmark benchmark) {
      String id = "hit-" + benchmark.callers.getAndIncrement();
      user = User.of(id);
      key = id + ":userID";
      Map<String, String> entries = new ConcurrentHashMap<>();
      for (String config : SampleEntries.USER_CONFIGS) {
        benchmark.store.save(key, config, SampleEntries.TYPICAL);
        entries.put(config, SampleEntries.TYPICAL_JSON);
      }
      benchmark.rawMap.put(key, entries);
    }
  }

  /**
   * The sticky hit, ours against a map lookup + decode.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void stickyHit(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        BATCH,
        () -> {
          UserPersistedValues stored = assignment.getUserPersistedValues(caller.user, "userID");
          Assignment result =
              assignment.getExperiment(
                  caller.user, EXPERIMENT, ExperimentOptions.persisted(stored));
          if (result.reason() != Assignment.Reason.PERSISTED) {
            throw new IllegalStateException("expected the stored group, got " + result.reason());
          }
          return result;
        },
        () -> {
          String json = rawMap.get(caller.key).get(EXPERIMENT);
          StickyValues values = StickyValuesCodec.decode(json);
          if (values == null) {
            throw new IllegalStateException("the raw map lost the entry");
          }
          return values;
        });
  }
}
