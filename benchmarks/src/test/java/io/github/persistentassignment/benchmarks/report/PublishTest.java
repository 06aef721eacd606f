package io.github.persistentassignment.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Publishing a run")
class PublishTest {
  @TempDir Path root;
  private Path results;
  private Path raw;

  @BeforeEach
  void run() throws Exception {
    results = root.resolve("benchmarks/results");
    raw = Files.createDirectories(results.resolve("raw"));
    Environment environment = Environment.capture("benchmarks/run", "1 fork");
    environment.finish();
    environment.write(raw.resolve("environment.json"));
    PassLog.write(
        raw,
        List.of(
            new PassOutcome(
                "storage-redis-1t", false, null, "1.00 1.00 1.00", "1.10 1.00 1.00", 90),
            new PassOutcome(
                "storage-dynamodb-8t",
                true,
                "SdkClientException: timed out",
                "2.0 1 1",
                "2 1 1",
                30)));
    Files.writeString(
        raw.resolve("floor-redis.json"),
        "{ \"backend\": \"redis\", \"micros\": { \"HGETALL\": 25.0, \"HSET\": 20.0 } }");
    Files.writeString(
        raw.resolve("storage-redis-1t.json"),
        """
        [ { "benchmark": "io.github.persistentassignment.benchmarks.StorageBenchmark.load",
            "threads": 1, "params": { "backend": "redis" },
            "primaryMetric": { "score": 1, "scoreUnit": "us/op" },
            "secondaryMetrics": {
              "calls": { "rawData": [ [ 1000 ] ] },
              "oursNanos": { "rawData": [ [ 50000000 ] ] },
              "otherNanos": { "rawData": [ [ 40000000 ] ] } } } ]
        """);
    // one file per size here; JMH writes one array per pass
    Files.writeString(
        raw.resolve("load-scaling-1.json"), scaling("LoadScalingBenchmark.load", "entries", 1, 40));
    Files.writeString(
        raw.resolve("load-scaling-10.json"),
        scaling("LoadScalingBenchmark.load", "entries", 10, 60));
    Files.writeString(
        root.resolve("README.md"),
        "# Title\n\n## Performance\n\nOld text.\n\n<!-- performance-summary:begin -->\n| old |\n"
            + "<!-- performance-summary:end -->\n\n## Next\n");
  }

  private static String scaling(String benchmark, String parameter, int size, double micros) {
    return "[ { \"benchmark\": \"io.github.persistentassignment.benchmarks."
        + benchmark
        + "\", \"threads\": 1, \"params\": { \"backend\": \"redis\", \""
        + parameter
        + "\": \""
        + size
        + "\" }, \"primaryMetric\": { \"score\": 1, \"scoreUnit\": \"us/op\" },"
        + " \"secondaryMetrics\": { \"calls\": { \"rawData\": [ [ 1000 ] ] },"
        + " \"oursNanos\": { \"rawData\": [ [ "
        + (long) (micros * 1e6)
        + " ] ] }, \"otherNanos\": { \"rawData\": [ [ 1000000 ] ] } } } ]";
  }

  @Test
  @DisplayName("writes the report, the docs page and only the README's summary")
  void writesAllThree() throws Exception {
    List<Path> written = Report.publish(results, root);

    assertThat(written).hasSize(3);
    String report = Files.readString(results.resolve("latest.md"));
    assertThat(report)
        .contains("| storage-dynamodb-8t | **failed**: SdkClientException: timed out | 2.0 1 1 |")
        .contains("| storage-redis-1t | ok | 1.00 1.00 1.00 | 1.10 1.00 1.00 | 90 |")
        .contains("1 of 2 passes failed")
        // the floor: adapter 50 µs over HGETALL's 25 µs
        .contains("| redis | HGETALL (redis-benchmark) | 25.0 | 40.0 | 50.0 | 2.00× | 1.60× |")
        // scaling: 40 → 60 µs for 10× the entries, k = log(1.5)/log(10)
        .contains("| 10 | 60.0 | 1.00 | 60.00× | k = 0.18 |")
        .contains("| load and loadAll within 1.10× the raw client + decoding the entries used");
    String readme = Files.readString(root.resolve("README.md"));
    assertThat(readme)
        .startsWith(
            "# Title\n\n## Performance\n\nOld text.\n\n<!-- performance-summary:begin -->\n")
        .contains("| target | measured | verdict |")
        .doesNotContain("| old |")
        .endsWith("<!-- performance-summary:end -->\n\n## Next\n");
    String page = Files.readString(root.resolve("docs/performance.md"));
    assertThat(page.lines().findFirst()).hasValue("# Performance");
    assertThat(page).contains("## Targets").contains("## Related").contains("benchmarks/run");
    assertThat(page.strip()).endsWith("- [Full report](../benchmarks/results/latest.md)");
  }

  @Test
  @DisplayName("the docs page links only to files of the repository, relative to docs/")
  void pageLinks() throws Exception {
    Report.publish(results, root);
    String page = Files.readString(root.resolve("docs/performance.md"));

    Matcher link = Pattern.compile("\\]\\(([^)]+)\\)").matcher(page);
    List<String> targets = link.results().map(m -> m.group(1)).toList();
    assertThat(targets)
        .containsExactly(
            "../benchmarks/results/latest.md",
            "../README.md",
            "failure-behaviour.md",
            "metrics-and-cache.md",
            "../benchmarks/README.md",
            "../benchmarks/results/latest.md");
    // the ones this module writes or owns resolve in the temporary repository
    assertThat(root.resolve("docs").resolve("../benchmarks/results/latest.md").normalize())
        .exists();
    assertThat(root.resolve("docs").resolve("../README.md").normalize()).exists();
  }

  @Test
  @DisplayName("fails with a clear message, writing nothing, when the README has no markers")
  void missingMarkers() throws Exception {
    Files.writeString(root.resolve("README.md"), "# Title\n\n## Performance\n\n| old |\n");

    assertThatThrownBy(() -> Report.publish(results, root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<!-- performance-summary:begin -->");
    assertThat(results.resolve("latest.md")).doesNotExist();
    assertThat(root.resolve("docs/performance.md")).doesNotExist();
  }
}
