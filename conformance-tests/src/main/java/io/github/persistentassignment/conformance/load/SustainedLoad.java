package io.github.persistentassignment.conformance.load;

import static io.github.persistentassignment.internal.Arguments.requireAtLeastOne;
import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requirePositive;

import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A sustained, bounded load on a storage adapter that checks nothing is lost: several threads run a
 * random mix of {@code save}, {@code saveIfAbsent}, {@code load}, {@code loadAll} and {@code
 * delete} against one shared adapter instance for a fixed time, then every key is read back through
 * a second, fresh instance and compared with what must be stored.
 *
 * <p>The bookkeeping makes "nothing lost, nothing corrupt" exactly checkable while the threads
 * share keys. Under every key, each thread owns a few config names that only it writes, and knows
 * what each must hold (its last saved value, or nothing after a delete); every read of them is
 * checked, and so is the read back. Other config names are raced for by every thread with {@code
 * saveIfAbsent}: exactly one call may write, and everyone, callers and readers alike, must learn
 * the same winner. Every value carries the key and config it was written for, so a value served
 * under the wrong ones is caught even where the reader cannot know what to expect. Values vary in
 * shape (the kit's samples: every field, a layer entry, empty rather than null, all nulls) and in
 * size, up to about 16 K characters of mixed-script text. No entry has a time to live.
 *
 * <p>The JVM's used heap is read after garbage collection before the threads start, after the
 * warm-up and at the end; the growth after the warm-up must stay within a bound.
 *
 * <pre>{@code
 * LoadReport report =
 *     SustainedLoad.builder(() -> MyStorage.builder(client).keyPrefix(PREFIX).build())
 *         .name("my-storage")
 *         .duration(Duration.ofSeconds(30))
 *         .build()
 *         .run();
 * System.out.println(report.summaryLine());
 * report.assertPassed();
 * }</pre>
 *
 * <p>The run writes under its own key prefix and leaves its entries in place: the caller removes
 * its namespace afterwards, as after the conformance kit. {@link PersistentStorageLoadTest} wraps
 * this in a JUnit test.
 */
public final class SustainedLoad {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Supplier<? extends PersistentStorage> storages;
  private final LoadSettings settings;

  private SustainedLoad(Supplier<? extends PersistentStorage> storages, LoadSettings settings) {
    this.storages = storages;
    this.settings = settings;
  }

  /**
   * Starts a builder.
   *
   * @param storages creates a new adapter instance over the same backend namespace on every call;
   *     the run creates two (one for the load, a fresh one to read back) and closes both
   * @return a builder with the defaults: 8 threads, 10 seconds (a fifth of it warm-up), 500 keys
   * @throws IllegalArgumentException if {@code storages} is null
   */
  public static Builder builder(Supplier<? extends PersistentStorage> storages) {
    return new Builder(requireNonNullArgument(storages, "storages"));
  }

  /**
   * Runs the load, reads every key back and reports. Blocks for the run's duration and the read
   * back. A failing adapter does not make this throw: the failures are in the report.
   *
   * @return the report; call {@link LoadReport#assertPassed()} to fail a test with it
   * @throws IllegalStateException if the factory returns null, if the calling thread is
   *     interrupted, or if a thread is still stuck in a storage call a minute after the run ended
   */
  public LoadReport run() {
    LoadKeyspace keyspace =
        new LoadKeyspace(
            settings.keyPrefix(),
            settings.keys(),
            settings.threads(),
            settings.configsPerThread(),
            settings.contendedSlots(),
            settings.largestPaddingChars(),
            settings.seed());
    ContendedSlots contended = new ContendedSlots(settings.contendedSlots());
    LoadProblems problems = new LoadProblems();
    List<LoadWorker> workers = new ArrayList<>();
    Timeline timeline;
    try (PersistentStorage storage = open()) {
      AtomicBoolean running = new AtomicBoolean(true);
      SplittableRandom seeds = new SplittableRandom(settings.seed());
      for (int thread = 0; thread < settings.threads(); thread++) {
        workers.add(
            new LoadWorker(
                thread,
                storage,
                keyspace,
                contended,
                problems,
                settings.mix(),
                settings.loadAllBatch(),
                running,
                seeds.nextLong()));
      }
      timeline = drive(workers, contended, running, problems);
    }
    ReadBackResult readBack;
    try (PersistentStorage fresh = open()) {
      readBack = new ReadBack(keyspace, workers, contended, problems).verify(fresh);
    }
    return new LoadReport(
        settings,
        timeline.elapsed(),
        operationStats(workers),
        problems,
        contended,
        readBack,
        timeline.heap());
  }

  /** How long the threads ran, and the heap readings taken meanwhile. */
  private record Timeline(Duration elapsed, HeapUsage heap) {}

  private Timeline drive(
      List<LoadWorker> workers,
      ContendedSlots contended,
      AtomicBoolean running,
      LoadProblems problems) {
    long heapAtStart = HeapMeter.usedAfterGc();
    long heapAfterWarmUp;
    long rememberedAfterWarmUp;
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < workers.size(); i++) {
        Thread thread = new Thread(workers.get(i), settings.name() + "-load-" + i);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(
            (dead, error) -> problems.error("a load thread", dead.getName(), error));
        threads.add(thread);
        thread.start();
      }
      sleepUntil(started + settings.warmUp().toNanos());
      rememberedAfterWarmUp = remembered(workers, contended);
      heapAfterWarmUp = HeapMeter.usedAfterGc();
      sleepUntil(started + settings.duration().toNanos());
    } finally {
      running.set(false);
      awaitStopped(threads);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    long heapAtEnd = HeapMeter.usedAfterGc();
    return new Timeline(
        elapsed,
        new HeapUsage(
            heapAtStart,
            heapAfterWarmUp,
            heapAtEnd,
            settings.allowedHeapGrowthBytes(),
            rememberedAfterWarmUp,
            remembered(workers, contended)));
  }

  /** The values the run holds to check against: each thread's entries and the contended ones. */
  private static long remembered(List<LoadWorker> workers, ContendedSlots contended) {
    return workers.stream().mapToLong(LoadWorker::remembered).sum() + contended.settledSlots();
  }

  private static void sleepUntil(long nanoTime) {
    long remaining;
    while ((remaining = nanoTime - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted during the load run", e);
      }
    }
  }

  /** Waits for every thread to finish its last call; one that hangs fails the run loudly. */
  private static void awaitStopped(List<Thread> threads) {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Thread thread : threads) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while stopping the load threads", e);
      }
      if (thread.isAlive()) {
        threads.forEach(Thread::interrupt);
        IllegalStateException stuck =
            new IllegalStateException(
                thread.getName()
                    + " was still in a storage call "
                    + STOP_TIMEOUT.toSeconds()
                    + " s after the run ended (its stack trace is attached)");
        stuck.setStackTrace(thread.getStackTrace());
        throw stuck;
      }
    }
  }

  private static Map<LoadOperation, OperationStats> operationStats(List<LoadWorker> workers) {
    Map<LoadOperation, OperationStats> stats = new EnumMap<>(LoadOperation.class);
    for (LoadOperation operation : LoadOperation.values()) {
      LatencyHistogram latencies = new LatencyHistogram();
      long errors = 0;
      for (LoadWorker worker : workers) {
        latencies.add(worker.latencies(operation));
        errors += worker.errors(operation);
      }
      stats.put(operation, OperationStats.of(latencies, errors));
    }
    return stats;
  }

  private PersistentStorage open() {
    PersistentStorage storage = storages.get();
    if (storage == null) {
      throw new IllegalStateException("the storage factory returned null");
    }
    return storage;
  }

  /**
   * Configures a {@link SustainedLoad}. Every setter checks its argument and returns the builder.
   */
  public static final class Builder {
    private static final long MEBIBYTE = 1024L * 1024L;

    private final Supplier<? extends PersistentStorage> storages;
    private final Map<LoadOperation, Integer> weights = OperationMix.defaultWeights();
    private String name = "storage";
    private int threads = 8;
    private Duration duration = Duration.ofSeconds(10);
    private @Nullable Duration warmUp;
    private int keys = 500;
    private int configsPerThread = 2;
    private int contendedEntries = 2_000;
    private int loadAllBatch = 10;
    private int largestValuePadding = 16_384;
    private long allowedHeapGrowthBytes = 64 * MEBIBYTE;
    private String keyPrefix = "pa-load-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private long seed = ThreadLocalRandom.current().nextLong();

    private Builder(Supplier<? extends PersistentStorage> storages) {
      this.storages = storages;
    }

    /**
     * Names the run in its report and its threads' names, such as the backend's name.
     *
     * @param name a non-blank name; default {@code "storage"}
     * @return this builder
     * @throws IllegalArgumentException if the name is null or blank
     */
    public Builder name(String name) {
      this.name = requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets how many threads call the storage at once.
     *
     * @param threads at least 1; default 8
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder threads(int threads) {
      this.threads = requireAtLeastOne(threads, "threads");
      return this;
    }

    /**
     * Sets how long the threads run, warm-up included.
     *
     * @param duration positive; default 10 seconds
     * @return this builder
     * @throws IllegalArgumentException if null, zero or negative
     */
    public Builder duration(Duration duration) {
      this.duration = requirePositive(duration, "duration");
      return this;
    }

    /**
     * Sets the part of the run after which the heap baseline is taken, once pools and the key space
     * are warm. Heap growth is measured from there to the end.
     *
     * @param warmUp zero or more, shorter than the duration; default a fifth of the duration
     * @return this builder
     * @throws IllegalArgumentException if null or negative
     */
    public Builder warmUp(Duration warmUp) {
      requireNonNullArgument(warmUp, "warmUp");
      if (warmUp.isNegative()) {
        throw new IllegalArgumentException("warmUp must not be negative, was " + warmUp);
      }
      this.warmUp = warmUp;
      return this;
    }

    /**
     * Sets how many keys (users) the operations spread over. Fewer keys mean more threads writing
     * to the same key at once.
     *
     * @param keys at least 1; default 500
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder keys(int keys) {
      this.keys = requireAtLeastOne(keys, "keys");
      return this;
    }

    /**
     * Sets how many config names each thread owns under every key.
     *
     * @param configsPerThread at least 1; default 2
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder configsPerThread(int configsPerThread) {
      this.configsPerThread = requireAtLeastOne(configsPerThread, "configsPerThread");
      return this;
    }

    /**
     * Sets how many entries the threads race for with {@code saveIfAbsent}, one after another,
     * spread over the keys. Once all are decided, contended calls go to random decided entries.
     *
     * @param contendedEntries at least 1; default 2 000
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder contendedEntries(int contendedEntries) {
      this.contendedEntries = requireAtLeastOne(contendedEntries, "contendedEntries");
      return this;
    }

    /**
     * Sets how many keys each {@code loadAll} asks for (at most the number of keys).
     *
     * @param loadAllBatch at least 1; default 10
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder loadAllBatch(int loadAllBatch) {
      this.loadAllBatch = requireAtLeastOne(loadAllBatch, "loadAllBatch");
      return this;
    }

    /**
     * Sets the longest padding text a value carries in its parameters. 70% of values get up to 128
     * characters, 25% up to 2 048 and 5% up to this; characters are up to 4 bytes in UTF-8.
     *
     * @param characters zero or more; default 16 384
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder largestValuePadding(int characters) {
      if (characters < 0) {
        throw new IllegalArgumentException(
            "largestValuePadding must not be negative, was " + characters);
      }
      this.largestValuePadding = characters;
      return this;
    }

    /**
     * Sets one operation's share of the mix. The defaults are load 30, save 20, saveIfAbsent 15,
     * delete 15, contended saveIfAbsent 10 and loadAll 10; zero leaves an operation out.
     *
     * @param operation the operation
     * @param weight zero or more, relative to the other weights
     * @return this builder
     * @throws IllegalArgumentException if the operation is null or the weight negative
     */
    public Builder weight(LoadOperation operation, int weight) {
      requireNonNullArgument(operation, "operation");
      if (weight < 0) {
        throw new IllegalArgumentException(
            "the weight of " + operation + " must not be negative, was " + weight);
      }
      weights.put(operation, weight);
      return this;
    }

    /**
     * Sets how much the used heap may grow from the end of the warm-up to the end of the run. The
     * run's own record of what must be stored counts too (a kilobyte or two per entry, at most
     * {@code keys × (threads × configsPerThread) + contendedEntries} entries, about 20 MB with the
     * defaults): raise the bound with the key count.
     *
     * @param bytes zero or more; default 64 MiB
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder allowedHeapGrowthBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "allowedHeapGrowthBytes must not be negative, was " + bytes);
      }
      this.allowedHeapGrowthBytes = bytes;
      return this;
    }

    /**
     * Sets the prefix of every key the run writes, so that it does not meet other data.
     *
     * @param keyPrefix the prefix, possibly empty; default {@code "pa-load-"} and 8 random
     *     characters
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNullArgument(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Sets the seed of the run's random choices (reported, to repeat a run's choices; thread timing
     * still differs between runs).
     *
     * @param seed any value; default random
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Builds the run.
     *
     * @return a run that can be started with {@link SustainedLoad#run()}
     * @throws IllegalArgumentException if the warm-up is not shorter than the duration, or every
     *     operation's weight is zero
     */
    public SustainedLoad build() {
      Duration warm = warmUp == null ? duration.dividedBy(5) : warmUp;
      if (warm.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "warmUp must be shorter than duration, was " + warm + " for a duration of " + duration);
      }
      return new SustainedLoad(
          storages,
          new LoadSettings(
              name,
              threads,
              duration,
              warm,
              keys,
              configsPerThread,
              contendedEntries,
              loadAllBatch,
              largestValuePadding,
              new OperationMix(weights),
              allowedHeapGrowthBytes,
              keyPrefix,
              seed));
    }
  }
}
