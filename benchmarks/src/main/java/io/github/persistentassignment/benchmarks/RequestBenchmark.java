package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.REQUEST_EXPERIMENTS;
import static io.github.persistentassignment.benchmarks.SampleEntries.RETURNING_CONFIGS;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL_JSON;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.util.Map;
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
 * One request of a returning user through the per-request API: {@code forUser} and five {@code
 * getExperiment} calls, each served the stored group, for a user with twenty stored entries ({@link
 * SampleEntries#RETURNING_CONFIGS}; the five are {@link SampleEntries#REQUEST_EXPERIMENTS}). The
 * raw side is what the request needs from storage: one read through the same client ({@code
 * HGETALL}, the adapter's {@code SELECT}, its {@code Query}) and the five entries it uses decoded
 * with {@code StickyValuesCodec.decode}; the other fifteen stay undecoded on both sides.
 *
 * <p>The raw side does not evaluate anything: the live evaluation each {@code getExperiment} makes
 * (the stored group is served, but whether the experiment is still active comes from the evaluator)
 * is part of what the library adds. {@link #request_fiveOfTwentyLive} is the same request against
 * the raw read, the five decodes and the same five live evaluations by the same catalog, so the
 * ratio shows what the storage side of the library costs on its own.
 *
 * <p>Both sides run call by call, alternating ({@link PairedTimes}); on the in-memory store 100
 * requests at a time. Ours checks that every evaluation was served from storage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestBenchmark {
  /** The backend, one of {@link Backends#NAMES}; the harness runs one backend at a time. */
  @Param({"memory"})
  public String backend = "memory";

  private BenchmarkBackend opened;
  private RawCommands raw;
  private ExperimentCatalog catalog;
  private PersistentAssignment assignment;
  private final AtomicInteger callers = new AtomicInteger();

  /** Opens the backend. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open(backend);
    raw = opened.raw();
    catalog = SampleEntries.requestCatalog();
    assignment =
        PersistentAssignment.builder().storage(opened.storage()).evaluator(catalog).build();
  }

  /**
   * Fails the run if the assignment logic hid a storage failure (it logs and counts them rather
   * than throwing).
   */
  @TearDown(Level.Iteration)
  public void afterIteration() {
    if (assignment.storageFailures() > 0) {
      throw new IllegalStateException(
          assignment.storageFailures() + " storage failures on " + backend + "; see the log");
    }
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /** One benchmark thread: a returning user of its own, with twenty stored entries. */
  @State(Scope.Thread)
  public static class Caller {
    private User user = User.of("unset");
    private String key = "";

    /**
     * Stores this thread's user's twenty entries with the adapter (and in the raw side's own map on
     * the in-memory store, which does not see the adapter's writes).
     *
     * @param benchmark the open backend
     */
    @Setup(Level.Trial)
    public void seed(RequestBenchmark benchmark) {
      String id = "returning-" + benchmark.callers.getAndIncrement();
      user = User.of(id);
      key = id + ":userID";
      for (String config : RETURNING_CONFIGS) {
        benchmark.opened.storage().save(key, config, TYPICAL);
        if (!benchmark.opened.rawSeesAdapterWrites()) {
          benchmark.raw.save(key, config, TYPICAL_JSON);
        }
      }
    }
  }

  /**
   * {@code forUser} and five {@code getExperiment} calls, against one raw read and the five
   * decodes.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void request_fiveOfTwenty(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(blackhole, batch(), () -> ours(caller, blackhole), () -> rawRead(caller));
  }

  /**
   * The same request, against the raw read, the five decodes and the five live evaluations: the
   * library's cost beyond the work any client of the stored format and of the catalog does.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void request_fiveOfTwentyLive(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> ours(caller, blackhole),
        () -> {
          Map<String, StickyValues> decoded = rawRead(caller);
          for (String experiment : REQUEST_EXPERIMENTS) {
            Evaluation live =
                catalog
                    .evaluate(caller.user, experiment)
                    .orElseThrow(() -> new IllegalStateException("no experiment " + experiment));
            blackhole.consume(live);
          }
          return decoded;
        });
  }

  /** Ours: one request, five evaluations, each served its stored entry. */
  private UserAssignments ours(Caller caller, Blackhole blackhole) {
    UserAssignments request = assignment.forUser(caller.user);
    for (String experiment : REQUEST_EXPERIMENTS) {
      Assignment result = request.getExperiment(experiment);
      if (result.reason() != Assignment.Reason.PERSISTED) {
        throw new IllegalStateException(
            "expected the stored group of " + experiment + " on " + backend + ", got " + result);
      }
      blackhole.consume(result);
    }
    return request;
  }

  /** Raw: the one read, and the five entries the request uses decoded. */
  private Map<String, StickyValues> rawRead(Caller caller) {
    return Expect.decoded(
        backend, raw.loadDecoding(caller.key, REQUEST_EXPERIMENTS), REQUEST_EXPERIMENTS);
  }

  /** Requests per timed side: one, except on the in-memory store, where one is too short. */
  private int batch() {
    return backend.equals("memory") ? 100 : 1;
  }
}
