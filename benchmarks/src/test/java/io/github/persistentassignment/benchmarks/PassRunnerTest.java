package io.github.persistentassignment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.benchmarks.report.PassLog;
import io.github.persistentassignment.benchmarks.report.PassOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The runner")
class PassRunnerTest {
  @TempDir Path raw;

  @Test
  @DisplayName("records a throwing pass as failed, with its error, and still runs the later ones")
  void survivesAFailingPass() {
    List<BenchmarkPass> passes =
        List.of(
            new BenchmarkPass("storage-memory-1t", StorageBenchmark.class, "memory", 1),
            new BenchmarkPass("storage-dynamodb-8t", StorageBenchmark.class, "dynamodb", 8),
            new BenchmarkPass("naive-redis-1t", NaiveBaselineBenchmark.class, "redis", 1));
    List<String> ran = new ArrayList<>();
    PassRunner runner =
        new PassRunner(
            raw,
            pass -> {
              ran.add(pass.name());
              if (pass.backend().equals("dynamodb")) {
                throw new IllegalStateException(
                    "benchmark failed",
                    new java.net.SocketTimeoutException("DynamoDB Local\n read timed out"));
              }
            },
            line -> {});

    List<PassOutcome> outcomes = runner.runAll(passes);

    assertThat(ran).containsExactly("storage-memory-1t", "storage-dynamodb-8t", "naive-redis-1t");
    assertThat(outcomes).extracting(PassOutcome::failed).containsExactly(false, true, false);
    assertThat(outcomes.get(1).error())
        .isEqualTo(
            "IllegalStateException: benchmark failed ← SocketTimeoutException: DynamoDB Local"
                + " read timed out");
    assertThat(outcomes.get(0).error()).isNull();
    assertThat(outcomes.get(2).loadBefore()).isNotBlank();
    // written as it goes, so the report (and a run stopped half-way) has every outcome
    assertThat(PassLog.read(raw)).isEqualTo(outcomes);
  }

  @Test
  @DisplayName("re-runs some passes: their outcomes replace the earlier ones, the rest are kept")
  void rerunReplacesOnlyThePassesRunAgain() {
    PassOutcome codec = new PassOutcome("codec", false, null, "1 1 1", "1 1 1", 50);
    PassOutcome memory =
        new PassOutcome("storage-memory-1t", true, "timeout", "2 2 2", "2 2 2", 60);
    PassOutcome redis = new PassOutcome("storage-redis-1t", false, null, "3 3 3", "3 3 3", 70);
    PassRunner runner = new PassRunner(raw, List.of(codec, memory, redis), pass -> {}, line -> {});

    List<PassOutcome> again =
        runner.runAll(
            List.of(new BenchmarkPass("storage-memory-1t", StorageBenchmark.class, "memory", 1)));

    assertThat(again).hasSize(1);
    assertThat(again.get(0).failed()).isFalse();
    assertThat(PassLog.read(raw)).containsExactly(codec, again.get(0), redis);
  }

  @Test
  @DisplayName("refuses to re-run a pass the plan does not have, naming the ones it has")
  void rerunOfAnUnknownPass() {
    List<BenchmarkPass> plan = List.of(new BenchmarkPass("codec", CodecBenchmark.class, null, 1));

    assertThat(BenchmarkRun.chosen(plan, List.of("codec"))).isEqualTo(plan);
    assertThat(BenchmarkRun.chosen(plan, List.of())).isEqualTo(plan);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BenchmarkRun.chosen(plan, List.of("codecs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rerun: no pass codecs with these backends; the passes are [codec]");
  }
}
