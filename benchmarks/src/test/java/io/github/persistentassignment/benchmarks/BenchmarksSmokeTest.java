package io.github.persistentassignment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/**
 * Runs every benchmark of the full run's plan once per thread, in this JVM ({@link
 * RunSettings#SMOKE}), so that a benchmark that no longer works fails the build instead of the next
 * full run. Each benchmark checks that it did what it claims (a write wrote, a lookup found the
 * entry), so this also catches a setup that measures the wrong thing.
 */
@DisplayName("Every benchmark runs")
class BenchmarksSmokeTest {
  static final List<String> BACKENDS = Backends.NAMES;

  /** The passes without a backend that every plan starts with, run by {@link #codec}. */
  private static final List<Class<?>> CORE = List.of(CodecBenchmark.class, DecisionBenchmark.class);

  static {
    // JMH refuses to start while another JMH run holds /tmp/jmh.lock, to keep two measurements
    // from disturbing each other. The smoke run measures nothing, so a full run going on beside
    // the build must not fail it.
    System.setProperty("jmh.ignoreLock", "true");
  }

  @TempDir Path raw;

  @Test
  @DisplayName("the codec benchmarks")
  void codec() throws Exception {
    for (BenchmarkPass pass : BenchmarkPass.plan(RunSettings.SMOKE, List.of())) {
      assertRuns(pass);
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("BACKENDS")
  @DisplayName("the storage benchmarks, and the naive comparison where there is one")
  void backend(String name) throws Exception {
    // Skips (or fails, when PA_REQUIRE_BACKENDS=true) here, without a server, not inside JMH.
    try (BenchmarkBackend backend = Backends.open(name)) {
      assertThat(backend.describe()).isNotBlank();
    }
    List<BenchmarkPass> passes =
        BenchmarkPass.plan(RunSettings.SMOKE, List.of(name)).stream()
            // the backend's passes, and those it brings without a parameter (cluster, memory hit)
            .filter(pass -> name.equals(pass.backend()) || !CORE.contains(pass.benchmark()))
            .toList();
    assertThat(passes).isNotEmpty();
    for (BenchmarkPass pass : passes) {
      assertRuns(pass);
    }
  }

  private void assertRuns(BenchmarkPass pass) throws Exception {
    if (pass.benchmark() == ClientFloor.class) {
      Path floor = raw.resolve(pass.name() + ".json");
      ClientFloor.measure(pass.backend(), RunSettings.SMOKE, floor);
      assertThat(Files.readString(floor)).as(pass.name()).contains("\"micros\"");
      return;
    }
    Collection<RunResult> results =
        new Runner(pass.options(RunSettings.SMOKE, raw, List.of())).run();
    // At least one result per method; a benchmark with a size parameter has one per size.
    assertThat(results)
        .as(pass.name())
        .hasSizeGreaterThanOrEqualTo(benchmarkMethods(pass.benchmark()));
    assertThat(raw.resolve(pass.name() + ".json")).isNotEmptyFile();
    assertThat(Files.readString(raw.resolve(pass.name() + ".json"))).contains("primaryMetric");
  }

  private static int benchmarkMethods(Class<?> benchmark) {
    return (int)
        Arrays.stream(benchmark.getMethods())
            .map(Method::getDeclaredAnnotations)
            .filter(annotations -> Arrays.stream(annotations).anyMatch(Benchmark.class::isInstance))
            .count();
  }
}
