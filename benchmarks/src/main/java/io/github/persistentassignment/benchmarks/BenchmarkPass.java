package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.benchmarks.backends.Backends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * One JMH run of the harness: one benchmark class, for one backend and one thread count, so that an
 * operation's variants ({@code _ours}, {@code _raw}, {@code _naive}) run one right after the other
 * and see the same conditions. Its JSON and text output are kept under {@code raw/}.
 *
 * @param name the file name stem, such as {@code storage-redis-8t}
 * @param benchmark the benchmark class
 * @param backend the backend parameter, or null for a class without one
 * @param threads the thread count
 */
public record BenchmarkPass(
    String name, Class<?> benchmark, @Nullable String backend, int threads) {

  /** Benchmarks whose one call is long: 2 warm-up and 5 measured iterations in a full run. */
  static final List<Class<?>> SLOW_CALLS = List.of(PurgeBenchmark.class, CopyBenchmark.class);

  /** The backends the scaling and near-cache passes run on: one key-value, one SQL server. */
  static final List<String> SCALING = List.of("redis", "postgresql");

  /**
   * Every pass of a run: the codec and the decision's parts; then for each backend its storage
   * pairs, the C client's floor right after them (Redis, PostgreSQL: the same run window), the
   * per-request pair, {@code deleteAll}, {@code purge} of 10,000 entries and copy throughput (one
   * thread each), and where they apply the in-memory sticky hit, the scaling passes, the near cache
   * and the cluster's parallel {@code loadAll}; then the naive comparisons. Pairs run at every
   * thread count of the settings, the single-thread measurements (purge, copy, scaling, cache,
   * cluster, floor) once.
   *
   * @param settings the run's settings
   * @param backends the backends to include, from {@link
   *     io.github.persistentassignment.benchmarks.backends.Backends#NAMES}
   * @return the passes, in running order
   */
  public static List<BenchmarkPass> plan(RunSettings settings, List<String> backends) {
    List<BenchmarkPass> passes = new ArrayList<>();
    passes.add(new BenchmarkPass("codec", CodecBenchmark.class, null, 1));
    passes.add(new BenchmarkPass("decision", DecisionBenchmark.class, null, 1));
    for (String backend : backends) {
      perThreadCount(passes, settings, "storage", StorageBenchmark.class, backend);
      if (ClientFloor.BACKENDS.contains(backend)) {
        passes.add(new BenchmarkPass("floor-" + backend, ClientFloor.class, backend, 1));
      }
      perThreadCount(passes, settings, "request", RequestBenchmark.class, backend);
      perThreadCount(passes, settings, "delete-all", DeleteAllBenchmark.class, backend);
      passes.add(once("purge", PurgeBenchmark.class, backend));
      passes.add(once("copy", CopyBenchmark.class, backend));
      if (backend.equals("memory")) {
        perThreadCount(passes, settings, "memory-hit", MemoryHitBenchmark.class, null);
      }
      if (SCALING.contains(backend)) {
        passes.add(once("load-scaling", LoadScalingBenchmark.class, backend));
        passes.add(once("load-all-scaling", LoadAllScalingBenchmark.class, backend));
        passes.add(once("near-cache", NearCacheBenchmark.class, backend));
      }
      if (backend.equals("redis-cluster")) {
        passes.add(
            new BenchmarkPass("cluster-load-all-1t", ClusterLoadAllBenchmark.class, null, 1));
      }
    }
    for (String backend : backends) {
      if (Backends.WITH_NAIVE.contains(backend)) {
        perThreadCount(passes, settings, "naive", NaiveBaselineBenchmark.class, backend);
      }
    }
    return passes;
  }

  private static void perThreadCount(
      List<BenchmarkPass> passes,
      RunSettings settings,
      String stem,
      Class<?> benchmark,
      @Nullable String backend) {
    for (int threads : settings.threadCounts()) {
      String name = stem + (backend == null ? "" : "-" + backend) + "-" + threads + "t";
      passes.add(new BenchmarkPass(name, benchmark, backend, threads));
    }
  }

  private static BenchmarkPass once(String stem, Class<?> benchmark, String backend) {
    return new BenchmarkPass(stem + "-" + backend + "-1t", benchmark, backend, 1);
  }

  /**
   * The JMH options of this pass, failures fatal.
   *
   * @param settings the run's settings
   * @param rawDirectory where the JSON ({@code <name>.json}) and text ({@code <name>.txt}) go
   * @param forkArguments extra JVM arguments for forked JVMs
   * @return the options
   */
  public Options options(RunSettings settings, Path rawDirectory, List<String> forkArguments) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
            .threads(threads)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(rawDirectory.resolve(name + ".json").toString())
            .output(rawDirectory.resolve(name + ".txt").toString())
            .verbosity(VerboseMode.NORMAL)
            .jvmArgsAppend(forkArguments.toArray(String[]::new));
    if (backend != null) {
      options.param("backend", backend);
    }
    if (benchmark == CodecBenchmark.class || benchmark == DecisionBenchmark.class) {
      // The paired benchmarks count their sides' allocations themselves; the others get JMH's.
      options.addProfiler(GCProfiler.class);
    }
    settings.applyTo(options, threads);
    if (SLOW_CALLS.contains(benchmark) && settings.singleShot()) {
      options.param("entries", "100"); // the smoke run: that it works, not how fast
    }
    if (SLOW_CALLS.contains(benchmark) && !settings.singleShot()) {
      // One call takes from tens of milliseconds to seconds (DynamoDB Local) and re-seeds
      // thousands of entries first: fewer iterations keep the whole run within about 35 minutes.
      options
          .warmupIterations(Math.min(2, settings.warmupIterations()))
          .measurementIterations(Math.min(5, settings.measurementIterations()));
    }
    return options.build();
  }
}
