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
    all.add(new Measurement(NAIVE, "load_naive", "redis", 1, 55, 1, null));
    all.add(new Measurement("CodecBenchmark", "roundTrip_typical", null, 1, 3.2, 0.1, 5_000.0));
    all.add(new Measurement("CodecBenchmark", "decode_typical", null, 1, 2, 0.1, 3_000.0));
    all.add(new Measurement("CodecBenchmark", "encode_typical", null, 1, 1.2, 0.1, 2_000.0));
    all.add(new Measurement("CodecBenchmark", "jacksonReadTree_typical", null, 1, 2.5, 0.1, null));
    all.add(new Measurement("CodecBenchmark", "jacksonWrite_typical", null, 1, 1.5, 0.1, null));
    all.add(storage("loadEveryEntry_ours", "redis", 110));
    all.add(storage("loadEveryEntry_raw", "redis", 108));
    all.add(storage("assign_stickyHit_ours", "memory", 0.5));
    all.add(storage("assign_stickyHit_raw", "memory", 0.1));

    String report = Report.render(new Measurements(all), Environment.capture("test", "settings"));

    assertThat(report)
        .contains(
            "| 1 thread: 1 of 2 within; highest 1.25× (redis save, 1 thread) | missed: 1 pair"
                + " over it: redis save 1.25× — the adapter's own work")
        // DESIGN 14's reads: load within 1.10× on redis
        .contains("| 1 thread: 1 of 1 within; highest 1.10× (redis load, 1 thread) | met |")
        .contains("| redis 1 thread 0.50× | met |")
        // the codec against Jackson's tree over the same bytes: 3.2 / (2.5 + 1.5)
        .contains("| 0.80× (3.20 µs against 4.00 µs) | met |")
        .contains("| 2,000,000 decisions/s on 1 thread | met |")
        // the miss, with the codec work it explains: one encode of 1.2 µs
        .contains(
            "| redis | save | 1 thread | 1.25× | 10.0 | 1.20 (0 decodes, 1 encodes) | 1.03× |")
        // memory is in-process: listed, marked as such, but not judged against the target
        .contains("| memory (in-process) | save | 1 thread | 5.00× |")
        .contains("| load (5 entries, 2 used) | 110 | 100 | 1.10× |")
        .contains("| save | 50.0 | 40.0 | **1.25×** |")
        // what one round trip less can buy at best: write / (write + read), 45 / (45 + 55)
        .contains("On redis, our save (one write) takes 45.0 µs and the naive adapter's read")
        .contains("a save that skips that read is at best 0.45× of read-then-write")
        // the summary: ratios at 1 thread, save against the naive adapter, the sticky hit
        .contains("| redis | 1.10× | 1.25× | – | – | – | – | – | 0.50× | – |")
        .contains("| memory | – | 5.00× | – | – | – | – | – | – | 0.500 |")
        // the reads with every entry used on both sides
        .contains("| redis | 1.02× | – |");
  }

  @Test
  @DisplayName("shows the per-request pair and judges it on Redis and PostgreSQL only")
  void perRequest() {
    String request = "RequestBenchmark";
    List<Measurement> all = new ArrayList<>();
    all.add(new Measurement(request, "request_fiveOfTwenty_ours", "redis", 1, 105, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwenty_raw", "redis", 1, 100, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwentyLive_ours", "redis", 1, 106, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwentyLive_raw", "redis", 1, 104, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwenty_ours", "postgresql", 1, 60, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwenty_raw", "postgresql", 1, 50, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwenty_ours", "memory", 1, 5, 1, null));
    all.add(new Measurement(request, "request_fiveOfTwenty_raw", "memory", 1, 1, 1, null));

    String report = Report.render(new Measurements(all), Environment.capture("test", "settings"));

    assertThat(report)
        .contains("| redis 1 thread 1.05×; postgresql 1 thread 1.20× | missed: the live evaluation")
        .contains("## Per request: `forUser` + 5 `getExperiment`")
        .contains("| redis | 1 thread | 105 | 100 | 1.05× | 104 | 1.02× |")
        .contains("| postgresql | 1 thread | 60.0 | 50.0 | 1.20× | – | – |")
        // listed, but not judged: the target names Redis and PostgreSQL
        .contains("| memory | 1 thread | 5.00 | 1.00 | 5.00× |");
  }

  @Test
  @DisplayName("judges the codec on its call-by-call pair with Jackson when the run has it")
  void codecPairedWithJackson() {
    String codec = "CodecBenchmark";
    List<Measurement> all = new ArrayList<>();
    // the sides measured apart say "missed" (4.8 against 4.0); the pair, measured together, wins
    all.add(new Measurement(codec, "roundTrip_typical", null, 1, 4.8, 0.1, null));
    all.add(new Measurement(codec, "jacksonReadTree_typical", null, 1, 2.5, 0.1, null));
    all.add(new Measurement(codec, "jacksonWrite_typical", null, 1, 1.5, 0.1, null));
    all.add(new Measurement(codec, "roundTripVsJackson_typical_ours", null, 1, 3.0, 0.1, null));
    all.add(new Measurement(codec, "roundTripVsJackson_typical_raw", null, 1, 4.0, 0.1, null));

    String report = Report.render(new Measurements(all), Environment.capture("test", "settings"));

    assertThat(report)
        .contains("| 0.75× (timed call by call: 3.00 µs against 4.00 µs) | met |")
        .contains(
            "| decode + encode ↔ readTree + write, timed call by call | 3.00 | 4.00 | 0.75× |");
  }

  @Test
  @DisplayName("says when nothing was measured instead of claiming a target met")
  void nothingMeasured() {
    String report = Report.render(new Measurements(List.of()), Environment.capture("t", "s"));

    assertThat(report).contains("not measured").doesNotContain("| met |");
  }

  @Test
  @DisplayName("reads JMH's JSON (each side's median per call, in µs) and writes latest.md")
  void fromFiles() throws Exception {
    Path raw = Files.createDirectories(results.resolve("raw"));
    // A paired benchmark: each side's nanoseconds and bytes per iteration, and the calls made.
    Files.writeString(
        raw.resolve("storage-redis-8t.json"),
        """
        [ { "benchmark": "io.github.persistentassignment.benchmarks.StorageBenchmark.load",
            "mode": "avgt", "threads": 8, "params": { "backend": "redis" },
            "primaryMetric": { "score": 104.0, "scoreError": 3.0, "scoreUnit": "us/op" },
            "secondaryMetrics": {
              "calls": { "rawData": [ [ 1000, 2000, 1000 ] ] },
              "oursNanos": { "rawData": [ [ 52000000, 104000000, 90000000 ] ] },
              "otherNanos": { "rawData": [ [ 50000000, 100000000, 80000000 ] ] },
              "oursBytes": { "rawData": [ [ 19000000, 38000000, 19000000 ] ] },
              "otherBytes": { "rawData": [ [ 6000000, 12000000, 6000000 ] ] } } } ]
        """);
    // A classic benchmark: its median iteration, converted from ns.
    Files.writeString(
        raw.resolve("codec.json"),
        """
        [ { "benchmark": "io.github.persistentassignment.benchmarks.CodecBenchmark.decode_typical",
            "mode": "avgt", "threads": 1,
            "primaryMetric": { "score": 2100.0, "scoreError": 100.0, "scoreUnit": "ns/op",
                               "rawData": [ [ 1900.0, 2000.0, 5000.0 ] ] },
            "secondaryMetrics": { "gc.alloc.rate.norm": { "score": 2448.5, "scoreUnit": "B/op" } }
          } ]
        """);
    Environment environment = Environment.capture("benchmarks/run", "1 fork");
    environment.addBackend("redis", "Redis 7.0.15 (Jedis 8.0.2)");
    environment.finish();
    environment.write(raw.resolve("environment.json"));

    Measurements read = Measurements.readFolder(raw);
    Measurement ours = read.find(STORAGE, "load_ours", "redis", 8).orElseThrow();
    Measurement raw8 = read.find(STORAGE, "load_raw", "redis", 8).orElseThrow();
    assertThat(ours.micros()).isEqualTo(52.0); // iterations 52, 52, 90 µs per call
    assertThat(raw8.micros()).isEqualTo(50.0); // 50, 50, 80
    assertThat(ours.allocatedBytes()).isEqualTo(19_000.0);
    assertThat(ours.operation()).isEqualTo("load");
    assertThat(ours.side()).isEqualTo("ours");
    Measurement decode = read.find("CodecBenchmark", "decode_typical", null, 1).orElseThrow();
    assertThat(decode.micros()).isEqualTo(2.0);
    assertThat(decode.error()).isEqualTo(0.1);
    assertThat(decode.allocatedBytes()).isEqualTo(2448.5);
    assertThat(read.threadCounts()).containsExactly(8);

    Path report = Report.write(results);

    assertThat(Files.readString(report))
        .contains("| redis | Redis 7.0.15 (Jedis 8.0.2) |")
        .containsPattern("\\| CPU priority \\| nice -?[0-9]+ ")
        .contains("| load (5 entries, 2 used) | 52.0 | 50.0 | 1.04× |")
        .contains("Written by `benchmarks/run`");
    assertThat(new ObjectMapper().readTree(raw.resolve("environment.json").toFile()).get("cores"))
        .isNotNull();
  }

  private static Measurement storage(String method, String backend, double micros) {
    return new Measurement(STORAGE, method, backend, 1, micros, micros / 100, 1_000.0);
  }
}
