package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.micros;
import static io.github.persistentassignment.benchmarks.report.Format.ratio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The servers' own C clients ({@code redis-benchmark}, {@code pgbench}) beside the adapter: the
 * physical floor of a round trip, from {@code raw/floor-<backend>.json}.
 */
final class FloorSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Backend → the C client's command, and the adapter operation measured against it. */
  private record Row(String backend, String command, String operation, String client) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("redis", "HGETALL", "load", "redis-benchmark"),
          new Row("redis", "HSET", "save", "redis-benchmark"),
          new Row("postgresql", "SELECT", "load", "pgbench"),
          new Row("postgresql", "upsert", "save", "pgbench"));

  private FloorSection() {}

  /**
   * Reads the floor files of a raw folder.
   *
   * @param raw the folder
   * @return backend → command → µs per request
   */
  static Map<String, Map<String, Double>> read(Path raw) {
    Map<String, Map<String, Double>> floors = new LinkedHashMap<>();
    for (String backend : List.of("redis", "postgresql")) {
      Path file = raw.resolve("floor-" + backend + ".json");
      if (!Files.exists(file)) {
        continue;
      }
      try {
        JsonNode micros = JSON.readTree(file.toFile()).path("micros");
        Map<String, Double> commands = new LinkedHashMap<>();
        micros.properties().forEach(f -> commands.put(f.getKey(), f.getValue().asDouble()));
        floors.put(backend, commands);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file, e);
      }
    }
    return floors;
  }

  static void append(
      StringBuilder out, Measurements results, Map<String, Map<String, Double>> floors) {
    out.append("## The physical floor: the servers' C clients\n\n")
        .append("`redis-benchmark` and `pgbench` send the adapter's own commands — HGETALL and")
        .append(" HSET of the benchmark's user; the adapter's SELECT and upsert, prepared, on a")
        .append(" table the pass creates and drops — over loopback, one connection, one request")
        .append(" at a time, in the same run right after the backend's storage pass. Their")
        .append(" average latency is what no Java client can beat; adapter / C client is our")
        .append(" single-thread time (read: 2 entries decoded) over it, raw / C client the Java")
        .append(" client's own share.\n\n");
    Format.header(
        out,
        "backend",
        "command",
        "C client µs",
        "raw Java µs",
        "adapter µs",
        "adapter / C client",
        "raw / C client");
    boolean any = false;
    for (Row row : ROWS) {
      Double floor = floors.getOrDefault(row.backend(), Map.of()).get(row.command());
      if (floor == null) {
        continue;
      }
      any = true;
      Measurements.Pair pair = results.pair(Operation.STORAGE, row.operation(), row.backend(), 1);
      out.append("| ")
          .append(row.backend())
          .append(" | ")
          .append(row.command())
          .append(" (")
          .append(row.client())
          .append(") | ")
          .append(micros(floor))
          .append(" | ")
          .append(Format.time(pair.other()))
          .append(" | ")
          .append(Format.time(pair.ours()))
          .append(" | ")
          .append(over(pair.ours(), floor))
          .append(" | ")
          .append(over(pair.other(), floor))
          .append(" |\n");
    }
    if (!any) {
      out.append("| not measured in this run | | | | | | |\n");
    }
    out.append('\n');
  }

  private static String over(Optional<Measurement> side, double floor) {
    return side.isPresent() && floor > 0 ? ratio(side.get().micros() / floor) : "–";
  }
}
