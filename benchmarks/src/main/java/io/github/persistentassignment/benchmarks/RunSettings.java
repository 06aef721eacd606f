package io.github.persistentassignment.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how often each benchmark runs.
 *
 * @param forks JVMs forked per benchmark; 0 runs it inside the calling JVM
 * @param warmupIterations iterations before measuring, on one thread
 * @param threadedWarmupIterations iterations before measuring, on more threads: with every core
 *     busy running benchmark threads, the JIT compiler gets less time and needs longer
 * @param measurementIterations iterations measured; the report takes their median, which a burst of
 *     load from other processes on the machine moves less than the mean
 * @param iterationMillis length of each iteration
 * @param singleShot whether each iteration is one call (the smoke run) rather than timed
 * @param threadCounts the thread counts every storage benchmark runs with, one pass each
 */
public record RunSettings(
    int forks,
    int warmupIterations,
    int threadedWarmupIterations,
    int measurementIterations,
    long iterationMillis,
    boolean singleShot,
    List<Integer> threadCounts) {

  /**
   * The full run: 1 fork, 4 × 0.5 s of warm-up (6 at 8 threads) and 6 × 0.5 s measured, at 1 and at
   * 8 threads. Bounded (6 measured rather than 8 since version 2 added a third of the passes) so
   * that all benchmarks finish in about half an hour on a small machine.
   */
  public static final RunSettings FULL = new RunSettings(1, 4, 6, 6, 500, false, List.of(1, 8));

  /**
   * The smoke run inside {@code ./mvnw verify}: every benchmark called once, on one thread, in the
   * test's JVM. (With more threads JMH pauses about a second after some benchmarks when it runs
   * them in its own JVM; the full run covers 8 threads.)
   */
  public static final RunSettings SMOKE = new RunSettings(0, 0, 0, 1, 0, true, List.of(1));

  /** A shorter full run for trying changes out: 2 (or 3) × 0.3 s warm-up, 3 × 0.3 s measured. */
  public static final RunSettings QUICK = new RunSettings(1, 2, 3, 3, 300, false, List.of(1, 8));

  /**
   * Applies these settings to a JMH options builder.
   *
   * @param options the builder
   * @param threads the thread count the options are for
   * @return the same builder
   */
  public ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options, int threads) {
    options
        .forks(forks)
        .warmupIterations(threads > 1 ? threadedWarmupIterations : warmupIterations)
        .measurementIterations(measurementIterations);
    if (singleShot) {
      options.mode(Mode.SingleShotTime).timeUnit(TimeUnit.MICROSECONDS).measurementBatchSize(1);
    } else {
      TimeValue iteration = TimeValue.milliseconds(iterationMillis);
      options.warmupTime(iteration).measurementTime(iteration);
    }
    return options;
  }

  /**
   * The settings in words, for the report.
   *
   * @return such as {@code 1 fork, 4 × 500 ms warm-up (6 at more threads), 8 × 500 ms measured}
   */
  public String describe() {
    if (singleShot) {
      return "single shot, " + forks + " forks, threads " + threadCounts;
    }
    return forks
        + (forks == 1 ? " fork, " : " forks, ")
        + warmupIterations
        + " × "
        + iterationMillis
        + " ms warm-up ("
        + threadedWarmupIterations
        + " with more threads), "
        + measurementIterations
        + " × "
        + iterationMillis
        + " ms measured (median reported), at "
        + threadCounts.stream().map(t -> t + (t == 1 ? " thread" : " threads")).toList();
  }
}
