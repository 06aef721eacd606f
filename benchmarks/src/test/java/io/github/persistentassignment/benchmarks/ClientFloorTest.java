package io.github.persistentassignment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The C client floor")
class ClientFloorTest {
  @Test
  @DisplayName("reads redis-benchmark's average latency even when the command holds commas")
  void redisBenchmark() {
    String csv =
        "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\","
            + "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"\n"
            + "\"HSET k c {\"a\":1,\"b\":[2,3]}\",\"40000.00\",\"0.023\",\"0.016\",\"0.023\","
            + "\"0.031\",\"0.071\",\"0.183\"\n";

    assertThat(ClientFloor.redisLatency(csv))
        .isCloseTo(23.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  @DisplayName("reads pgbench's average latency, and fails on output without one")
  void pgbench() {
    assertThat(ClientFloor.pgbenchLatency("tps = 25000\nlatency average = 0.039 ms\n"))
        .isCloseTo(39.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThatThrownBy(() -> ClientFloor.pgbenchLatency("pgbench: error: Run was aborted"))
        .hasMessageContaining("no latency");
  }

  @Test
  @DisplayName("writes no colon into a pgbench script, where it would start a variable")
  void scripts() {
    for (String sql : new String[] {ClientFloor.selectSql("pa_t"), ClientFloor.upsertSql("pa_t")}) {
      assertThat(sql.replace(":now", "")).doesNotContain(":");
    }
    assertThat(ClientFloor.upsertSql("pa_t")).contains("ON CONFLICT (storage_key, config_name)");
  }
}
