package io.github.persistentassignment.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The report")
class ReportTest {
  private static final String STORAGE = "StorageBenchmark";
  private static final String NAIVE = "NaiveBaselineBenchmark";

  @TempDir Path results;

  @Test
  @DisplayName("pairs each operation with its raw counterpart and judges every target")
  void verdicts() {
    List<Measurement> all = new ArrayList<>();
    all.add(storage("load_ours", "redis", 110));
    all.add(storage("load_raw", "redis", 100));
    all.add(storage("save_ours", "redis", 50));
    all.add(storage("save_raw", "redis", 40));
    all.add(storage("save_ours", "memory", 0.5));
    all.add(storage("save_raw", "memory", 0.1));
    all.add(new Measurement(NAIVE, "save_ours", "redis", 1, 45, 1, null));
    all.add(new Measurement(NAIVE, "save_naive", "redis", 1, 90, 1, null));
    all.add(new Measurement("CodecBenchmark", "roundTrip_typical", null, 1, 3.2, 0.1, 5_000.0));
    all.add(new Measurement("CodecBenchmark", "decode_typical", null, 1, 2, 0.1, 3_000.0));
    all.add(new Measurement("CodecBenchmark", "encode_typical", null, 1, 1.2, 0.1, 2_000.0));
    all.add(storage("assign_stickyHit", "memory", 0.5));

    String report = Report.render(new Measurements(all), Environment.capture("test", "settings"));

    assertThat(report)
        .contains(
            "| 1 thread: 1 of 2 within; highest 1.25× (redis save, 1 thread) | missed: see below |")
        .contains("| redis 1 thread 0.50× | met |")
        .contains("| 3.20 µs | met |")
        .contains("| 2,000,000 decisions/s on 1 thread | met |")
        // the miss, with the codec work it explains: one encode of 1.2 µs
        .contains(
            "| redis | save | 1 thread | 1.25× | 10.0 | 1.20 (0 decodes, 1 encodes) | 1.03× |")
        // memory is in-process: listed, marked as such, but not judged against the target
        .contains("| memory (in-process) | save | 1 thread | 5.00× |")
        .contains("| load (5 entries) | 110 | 100 | 1.10× |")
        .contains("| save | 50.0 | 40.0 | **1.25×** |")
        // what one round trip less can buy at best: write / (write + read)
        .contains("On redis, the raw write alone takes 40.0 µs and the raw read 100 µs (1 thread):")
        .contains("brings a save to at best 0.29× of read-and-write");
  }

  @Test
  @DisplayName("says when nothing was measured instead of claiming a target met")
  void nothingMeasured() {
    String report = Report.render(new Measurements(List.of()), Environment.capture("t", "s"));

    assertThat(report).contains("not measured").doesNotContain("| met |");
  }

  @Test
  @DisplayName("reads JMH's JSON (median of the iterations, in µs) and writes latest.md from raw/")
  void fromFiles() throws Exception {
    Path raw = Files.createDirectories(results.resolve("raw"));
    Files.writeString(
        raw.resolve("storage-redis-1t.json"),
        """
        [ { "benchmark": "io.github.persistentassignment.benchmarks.StorageBenchmark.load_ours",
            "mode": "avgt", "threads": 8, "params": { "backend": "redis" },
            "primaryMetric": { "score": 60000.0, "scoreError": 1500.0, "scoreUnit": "ns/op",
                               "rawData": [ [ 51000.0, 90000.0, 52000.0, 53000.0, 50000.0 ] ] },
            "secondaryMetrics": { "gc.alloc.rate.norm": { "score": 26221.5, "scoreUnit": "B/op" } }
          },
          { "benchmark": "io.github.persistentassignment.benchmarks.StorageBenchmark.load_raw",
            "mode": "avgt", "threads": 8, "params": { "backend": "redis" },
            "primaryMetric": { "score": 50.0, "scoreError": "NaN", "scoreUnit": "us/op" },
            "secondaryMetrics": {} } ]
        """);
    Environment environment = Environment.capture("benchmarks/run", "1 fork");
    environment.addBackend("redis", "Redis 7.0.15 (Jedis 8.0.2)");
    environment.finish();
    environment.write(raw.resolve("environment.json"));

    Measurements read = Measurements.readFolder(raw);
    Measurement ours = read.find(STORAGE, "load_ours", "redis", 8).orElseThrow();
    assertThat(ours.micros()).isEqualTo(52.0);
    assertThat(ours.error()).isEqualTo(1.5);
    assertThat(ours.allocatedBytes()).isEqualTo(26221.5);
    assertThat(ours.operation()).isEqualTo("load");
    assertThat(ours.side()).isEqualTo("ours");
    assertThat(read.find(STORAGE, "load_raw", "redis", 8).orElseThrow().error()).isNaN();
    assertThat(read.threadCounts()).containsExactly(8);

    Path report = Report.write(results);

    assertThat(Files.readString(report))
        .contains("| redis | Redis 7.0.15 (Jedis 8.0.2) |")
        .contains("| load (5 entries) | 52.0 | 50.0 | 1.04× |")
        .contains("Written by `benchmarks/run`");
    assertThat(new ObjectMapper().readTree(raw.resolve("environment.json").toFile()).get("cores"))
        .isNotNull();
  }

  private static Measurement storage(String method, String backend, double micros) {
    return new Measurement(STORAGE, method, backend, 1, micros, micros / 100, 1_000.0);
  }
}
