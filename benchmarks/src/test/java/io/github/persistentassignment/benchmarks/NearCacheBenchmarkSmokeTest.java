package io.github.persistentassignment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/**
 * Runs {@link NearCacheBenchmark} once over the in-memory store, in this JVM ({@link
 * RunSettings#SMOKE}). The full run's plan measures the near cache over Redis and PostgreSQL, which
 * {@link BenchmarksSmokeTest} runs with the rest of the plan; this covers the store it leaves out.
 */
@DisplayName("The near-cache benchmark runs")
class NearCacheBenchmarkSmokeTest {
  static {
    // As in BenchmarksSmokeTest: a full run holding JMH's lock must not fail the build.
    System.setProperty("jmh.ignoreLock", "true");
  }

  @TempDir Path raw;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory"})
  @DisplayName("over each store")
  void runs(String backend) throws Exception {
    // Skips (or fails, when PA_REQUIRE_BACKENDS=true) here, without a server, not inside JMH.
    try (BenchmarkBackend opened = Backends.open(backend)) {
      assertThat(opened.describe()).isNotBlank();
    }
    BenchmarkPass pass =
        new BenchmarkPass("near-cache-" + backend, NearCacheBenchmark.class, backend, 1);
    Collection<RunResult> results =
        new Runner(pass.options(RunSettings.SMOKE, raw, List.of())).run();
    assertThat(results).hasSize(2);
    assertThat(raw.resolve(pass.name() + ".json")).isNotEmptyFile();
  }
}
