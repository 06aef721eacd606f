package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.ABSENT_CONFIG;
import static io.github.persistentassignment.benchmarks.SampleEntries.CHALLENGER;
import static io.github.persistentassignment.benchmarks.SampleEntries.CHALLENGER_JSON;
import static io.github.persistentassignment.benchmarks.SampleEntries.EXPERIMENT;
import static io.github.persistentassignment.benchmarks.SampleEntries.REQUEST_CONFIGS;
import static io.github.persistentassignment.benchmarks.SampleEntries.SAVED_CONFIG;
import static io.github.persistentassignment.benchmarks.SampleEntries.STORED_CONFIG;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL;
import static io.github.persistentassignment.benchmarks.SampleEntries.TYPICAL_JSON;
import static io.github.persistentassignment.benchmarks.SampleEntries.USER_CONFIGS;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each adapter operation next to the raw client doing the same command on the same data, and the
 * end-to-end call a user makes ({@code assign_*}: {@code getUserPersistedValues} then {@code
 * getExperiment}) next to the raw commands it needs. Each benchmark runs both sides call by call,
 * alternating ({@link PairedTimes}), so both are measured under the same conditions; the report
 * reads the two sides' times from JMH's secondary results. The reads decode, on both sides, the
 * entries they use ({@link #load}). The per-request API ({@code forUser}) has {@link
 * RequestBenchmark}.
 *
 * <p>Every benchmark thread has a user of its own with the five {@link SampleEntries#USER_CONFIGS}
 * stored; operations that must find nothing use a fresh key per call. Each side checks that it did
 * what the name says (won, lost, found the entries), so a broken setup fails rather than measures
 * something else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StorageBenchmark {
  /** How many users {@code loadAll} reads. */
  public static final int BULK_KEYS = 100;

  /** The backend, one of {@link Backends#NAMES}; the harness runs one backend at a time. */
  @Param({"memory"})
  public String backend = "memory";

  private BenchmarkBackend opened;
  private PersistentStorage ours;
  private RawCommands raw;
  private PersistentAssignment assignment;
  private final List<String> bulkKeys = new ArrayList<>();
  private final AtomicInteger callers = new AtomicInteger();
  private final List<Caller> seeded = new CopyOnWriteArrayList<>();

  /**
   * Opens the backend, and stores the users {@code loadAll} reads when this trial measures it.
   *
   * @param params which benchmark this trial runs
   */
  @Setup(Level.Trial)
  public void open(BenchmarkParams params) {
    opened = Backends.open(backend);
    ours = opened.storage();
    raw = opened.raw();
    assignment =
        PersistentAssignment.builder().storage(ours).evaluator(SampleEntries.catalog()).build();
    if (params.getBenchmark().contains(".loadAll")) {
      for (int i = 0; i < BULK_KEYS; i++) {
        String key = "bulk-" + i + ":userID";
        bulkKeys.add(key);
        seedUser(key);
      }
    }
  }

  /**
   * After each iteration, once every thread has finished it: fails the run if the assignment logic
   * hid a storage failure (it logs and counts them rather than throwing); and on the in-memory
   * store deletes the iteration's fresh entries, which would otherwise fill the heap (millions per
   * second) and turn the measurement into one of the garbage collector. Servers keep theirs until
   * the trial's clean-up.
   */
  @TearDown(Level.Iteration)
  public void afterIteration() {
    if (assignment.storageFailures() > 0) {
      throw new IllegalStateException(
          assignment.storageFailures() + " storage failures on " + backend + "; see the log");
    }
    if (backend.equals("memory")) {
      for (Caller caller : seeded) {
        for (long n = caller.forgottenUpTo; n < caller.next; n++) {
          String fresh = caller.freshPrefix + n + ":userID";
          ours.delete(fresh, EXPERIMENT);
          raw.delete(fresh, EXPERIMENT);
        }
        caller.forgottenUpTo = caller.next;
      }
    }
  }

  /** Deletes what the trial wrote and closes the backend. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  /**
   * Stores a user's five entries with the adapter, which the raw side then reads too; the in-memory
   * comparison keeps a map of its own, so it gets them written there as well.
   */
  private void seedUser(String key) {
    for (String config : SampleEntries.USER_CONFIGS) {
      ours.save(key, config, TYPICAL);
      if (!opened.rawSeesAdapterWrites()) {
        raw.save(key, config, TYPICAL_JSON);
      }
    }
  }

  /** One benchmark thread: its own seeded user, and a counter for fresh keys. */
  @State(Scope.Thread)
  public static class Caller {
    private String key = "";
    private User user = User.of("unset");
    private String freshPrefix = "";
    private long next;
    private long forgottenUpTo;

    /**
     * Stores this thread's user with its five entries.
     *
     * @param benchmark the open backend
     */
    @Setup(Level.Trial)
    public void seed(StorageBenchmark benchmark) {
      int index = benchmark.callers.getAndIncrement();
      user = User.of("user-" + index);
      key = "user-" + index + ":userID";
      freshPrefix = "fresh-" + index + "-";
      benchmark.seedUser(key);
      benchmark.seeded.add(this);
    }

    String freshKey() {
      return freshPrefix + next++ + ":userID";
    }

    User freshUser() {
      return User.of(freshPrefix + next++);
    }
  }

  /** Calls per timed side: one, except on the in-memory store, where one call is too short. */
  private int batch() {
    return backend.equals("memory") ? 100 : 1;
  }

  /**
   * Reads the thread's user (five entries) and uses two of them: ours is the adapter's load and
   * {@code get} of the two, raw the same command and {@code StickyValuesCodec.decode} of those two
   * entries. Lazy decoding makes an entry nobody asks for free, so both sides decode exactly what
   * the request uses: without the {@code get}s ours would decode nothing and the pair would compare
   * a round trip with a round trip plus decoding.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void load(Caller caller, PairedTimes times, Blackhole blackhole) {
    read(caller, times, blackhole, REQUEST_CONFIGS);
  }

  /**
   * The same read with all five entries used, on both sides: the adapter decodes each as it is
   * asked for, the raw side decodes each with the same codec.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void loadEveryEntry(Caller caller, PairedTimes times, Blackhole blackhole) {
    read(caller, times, blackhole, USER_CONFIGS);
  }

  private void read(Caller caller, PairedTimes times, Blackhole blackhole, List<String> used) {
    times.measure(
        blackhole,
        batch(),
        () -> Expect.used(backend, ours.load(caller.key), used),
        () -> Expect.decoded(backend, raw.loadDecoding(caller.key, used), used));
  }

  /**
   * Overwrites one of the user's entries (an upsert that updates).
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void save(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          ours.save(caller.key, SAVED_CONFIG, TYPICAL);
          return caller;
        },
        () -> raw.save(caller.key, SAVED_CONFIG, TYPICAL_JSON));
  }

  /**
   * Inserts under a fresh key, so it writes.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void saveIfAbsentWin(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          Optional<StickyValues> stored = ours.saveIfAbsent(caller.freshKey(), EXPERIMENT, TYPICAL);
          if (stored.isPresent()) {
            throw new IllegalStateException("saveIfAbsent found an entry under a fresh key");
          }
          return stored;
        },
        () -> {
          if (!raw.saveIfAbsent(caller.freshKey(), EXPERIMENT, TYPICAL_JSON)) {
            throw new IllegalStateException("the raw insert-if-absent did not write a fresh key");
          }
          return Boolean.TRUE;
        });
  }

  /**
   * Tries to insert an entry the user has: writes nothing; ours returns the stored entry.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void saveIfAbsentLose(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          Optional<StickyValues> stored = ours.saveIfAbsent(caller.key, STORED_CONFIG, CHALLENGER);
          if (stored.isEmpty()) {
            throw new IllegalStateException("saveIfAbsent wrote over a stored entry");
          }
          return stored;
        },
        () -> {
          if (raw.saveIfAbsent(caller.key, STORED_CONFIG, CHALLENGER_JSON)) {
            throw new IllegalStateException("the raw insert-if-absent wrote over a stored entry");
          }
          return Boolean.FALSE;
        });
  }

  /**
   * Deletes an entry the user does not have: the common delete, of an experiment that is no longer
   * active for a user who was never in it.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void delete(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          ours.delete(caller.key, ABSENT_CONFIG);
          return caller;
        },
        () -> raw.delete(caller.key, ABSENT_CONFIG));
  }

  /**
   * Reads 100 users of five entries each in one call and uses two entries of each, on both sides
   * (as {@link #load}: ours {@code get}s them, raw decodes them with the same codec).
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void loadAll(PairedTimes times, Blackhole blackhole) {
    bulkRead(times, blackhole, REQUEST_CONFIGS);
  }

  /**
   * The same bulk read with every entry of every user used, on both sides.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void loadAllEveryEntry(PairedTimes times, Blackhole blackhole) {
    bulkRead(times, blackhole, USER_CONFIGS);
  }

  private void bulkRead(PairedTimes times, Blackhole blackhole, List<String> used) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          Map<String, UserPersistedValues> users = Expect.users(BULK_KEYS, ours.loadAll(bulkKeys));
          users.values().forEach(user -> Expect.used(backend, user, used));
          return users;
        },
        () -> {
          Map<String, Map<String, StickyValues>> users =
              Expect.users(BULK_KEYS, raw.loadAllDecoding(bulkKeys, used));
          users.values().forEach(user -> Expect.decoded(backend, user, used));
          return users;
        });
  }

  /**
   * A returning user: loads their entries and is served the stored group; raw: the one read it
   * needs, so the ratio is everything the library does around that round trip.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void assign_stickyHit(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
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
        () -> raw.load(caller.key));
  }

  /**
   * A new user: loads nothing, is evaluated, and the result saved with saveIfAbsent; raw: the read
   * and the insert-if-absent it needs, of JSON encoded beforehand.
   *
   * @param caller the thread's state
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void assign_firstAssignment(Caller caller, PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        batch(),
        () -> {
          User user = caller.freshUser();
          UserPersistedValues stored = assignment.getUserPersistedValues(user, "userID");
          Assignment result =
              assignment.getExperiment(user, EXPERIMENT, ExperimentOptions.persisted(stored));
          if (result.reason() != Assignment.Reason.EVALUATED || !result.userInExperiment()) {
            throw new IllegalStateException("expected a first, saved assignment, got " + result);
          }
          return result;
        },
        () -> {
          String key = caller.freshKey();
          blackhole.consume(raw.load(key));
          return raw.saveIfAbsent(key, EXPERIMENT, TYPICAL_JSON);
        });
  }
}
