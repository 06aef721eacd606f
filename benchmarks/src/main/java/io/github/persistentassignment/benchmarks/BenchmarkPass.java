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

  /**
   * Every pass of a run: the codec and the decision's parts, then each backend's storage and
   * per-request benchmarks, then the naive comparisons, each at every thread count of the settings.
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
      for (int threads : settings.threadCounts()) {
        passes.add(
            new BenchmarkPass(
                "storage-" + backend + "-" + threads + "t",
                StorageBenchmark.class,
                backend,
                threads));
        passes.add(
            new BenchmarkPass(
                "request-" + backend + "-" + threads + "t",
                RequestBenchmark.class,
                backend,
                threads));
      }
    }
    for (String backend : backends) {
      if (Backends.WITH_NAIVE.contains(backend)) {
        for (int threads : settings.threadCounts()) {
          passes.add(
              new BenchmarkPass(
                  "naive-" + backend + "-" + threads + "t",
                  NaiveBaselineBenchmark.class,
                  backend,
                  threads));
        }
      }
    }
    return passes;
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
    } else {
      // The paired benchmarks count their sides' allocations themselves; the others get JMH's.
      options.addProfiler(GCProfiler.class);
    }
    return settings.applyTo(options, threads).build();
  }
}
