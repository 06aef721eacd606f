package io.github.persistentassignment.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * The physical floor beside the adapter: the servers' own C clients, {@code redis-benchmark} and
 * {@code pgbench}, sending the adapter's commands (HGETALL and HSET of the benchmark's user; the
 * adapter's SELECT and upsert, on a table the pass creates and drops) over loopback, one
 * connection, one request at a time. What no Java client can beat; the report divides the adapter's
 * single-thread time by it. Runs the tools as processes, in the runner's own run window, and writes
 * their average latency to {@code raw/floor-<backend>.json}.
 */
final class ClientFloor {
  /** The backends with a C client to compare with. */
  static final List<String> BACKENDS = List.of("redis", "postgresql");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
  private static final String USER = "floor-user";

  /**
   * The user's storage key in a pgbench script: an escape string with the colon written {@code
   * \x3a}, since pgbench reads {@code :name} anywhere in a script, quoted or not, as one of its
   * variables.
   */
  private static final String PGBENCH_KEY = "E'" + USER + "\\x3auserID'";

  private ClientFloor() {}

  /**
   * Measures one backend's floor.
   *
   * @param backend {@code redis} or {@code postgresql}
   * @param settings the run's settings: the quick run measures for less time
   * @param file where the latencies go, as JSON: {@code backend}, and {@code micros}: command →
   *     average microseconds per request
   * @throws Exception when a tool is missing or fails
   */
  static void measure(String backend, RunSettings settings, Path file) throws Exception {
    Map<String, Double> result = new LinkedHashMap<>();
    switch (backend) {
      case "redis" -> redis(settings, result);
      case "postgresql" -> postgresql(settings, result);
      default -> throw new IllegalArgumentException("no C client floor for " + backend);
    }
    Files.writeString(
        file, JSON.writeValueAsString(Map.of("backend", backend, "micros", result)) + "\n");
  }

  private static void redis(RunSettings settings, Map<String, Double> result) throws Exception {
    URI url = URI.create(TestBackends.redisUrl());
    String key = "pa-floor-" + UUID.randomUUID().toString().substring(0, 8) + ":" + USER;
    int requests = settings.singleShot() ? 200 : settings == RunSettings.QUICK ? 5_000 : 20_000;
    try (Jedis jedis = new Jedis(url)) {
      for (String config : SampleEntries.USER_CONFIGS) {
        jedis.hset(key, config, SampleEntries.TYPICAL_JSON);
      }
      try {
        List<String> base =
            List.of(
                "redis-benchmark",
                "-h",
                url.getHost(),
                "-p",
                Integer.toString(url.getPort()),
                "-c",
                "1",
                "-n",
                Integer.toString(requests),
                "--csv");
        result.put(
            "HGETALL", redisLatency(run(with(base, "HGETALL", key), "redis-benchmark HGETALL")));
        result.put(
            "HSET",
            redisLatency(
                run(
                    with(base, "HSET", key, SampleEntries.SAVED_CONFIG, SampleEntries.TYPICAL_JSON),
                    "redis-benchmark HSET")));
      } finally {
        jedis.del(key);
      }
    }
  }

  /**
   * The average latency of {@code redis-benchmark --csv}, in µs: the sixth cell from the end of its
   * result line (the first cell, the command, holds the JSON and its commas).
   */
  static double redisLatency(String csv) {
    for (String line : csv.split("\r?\n")) {
      String[] cells = line.split("\",\"");
      if (cells.length >= 8 && !line.startsWith("\"test\"")) {
        return Double.parseDouble(cells[cells.length - 6]) * 1_000;
      }
    }
    throw new IllegalStateException("no latency in redis-benchmark's output: " + csv);
  }

  private static void postgresql(RunSettings settings, Map<String, Double> result)
      throws Exception {
    // The adapter's own table, created (and dropped on close) by the benchmark backend.
    try (BenchmarkBackend opened = Backends.open("postgresql")) {
      String table = ((JdbcPersistentStorage) opened.storage()).tableName();
      for (String config : SampleEntries.USER_CONFIGS) {
        opened.storage().save(USER + ":userID", config, SampleEntries.TYPICAL);
      }
      Path scripts = Files.createTempDirectory("pa-floor-");
      try {
        Path select = scripts.resolve("select.sql");
        Files.writeString(select, selectSql(table), StandardCharsets.UTF_8);
        Path upsert = scripts.resolve("upsert.sql");
        Files.writeString(upsert, upsertSql(table), StandardCharsets.UTF_8);
        int seconds = settings.singleShot() ? 1 : settings == RunSettings.QUICK ? 3 : 10;
        result.put("SELECT", pgbench(select, seconds));
        result.put("upsert", pgbench(upsert, seconds));
      } finally {
        for (String name : List.of("select.sql", "upsert.sql")) {
          Files.deleteIfExists(scripts.resolve(name));
        }
        Files.deleteIfExists(scripts);
      }
    }
  }

  /** The adapter's load statement, the current time passed in as {@code -D now=…}. */
  static String selectSql(String table) {
    return "SELECT config_name, sticky_values FROM "
        + table
        + " WHERE storage_key = "
        + PGBENCH_KEY
        + " AND (expires_at IS NULL OR expires_at > :now);\n";
  }

  /**
   * The adapter's upsert of one entry. The JSON goes in an escape string with its colons written
   * {@code \x3a}, as the key does.
   */
  static String upsertSql(String table) {
    String json =
        SampleEntries.TYPICAL_JSON.replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\x3a");
    return "INSERT INTO "
        + table
        + " AS pa (storage_key, config_name, sticky_values, updated_at, expires_at) VALUES ("
        + PGBENCH_KEY
        + ", '"
        + SampleEntries.SAVED_CONFIG
        + "', E'"
        + json
        + "', :now, NULL) ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values ="
        + " excluded.sticky_values, updated_at = excluded.updated_at, expires_at ="
        + " excluded.expires_at;\n";
  }

  private static double pgbench(Path script, int seconds) throws Exception {
    URI url = URI.create(TestBackends.postgresUrl().substring("jdbc:".length()));
    String database = url.getPath().substring(1);
    String user = "postgres";
    String query = url.getQuery() == null ? "" : url.getQuery();
    Matcher named = Pattern.compile("(?:^|&)user=([^&]+)").matcher(query);
    if (named.find()) {
      user = named.group(1);
    }
    String output =
        run(
            List.of(
                "pgbench",
                "-h",
                url.getHost(),
                "-p",
                Integer.toString(url.getPort() < 0 ? 5432 : url.getPort()),
                "-U",
                user,
                "-n",
                "-c",
                "1",
                "-M",
                "prepared",
                "-T",
                Integer.toString(seconds),
                "-D",
                "now=" + System.currentTimeMillis(),
                "-f",
                script.toString(),
                database),
            "pgbench " + script.getFileName());
    return pgbenchLatency(output);
  }

  /** The average latency pgbench prints, in µs. */
  static double pgbenchLatency(String output) {
    Matcher latency = PGBENCH_LATENCY.matcher(output);
    if (!latency.find()) {
      throw new IllegalStateException("no latency in pgbench's output: " + output);
    }
    return Double.parseDouble(latency.group(1)) * 1_000;
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of(more));
    return command;
  }

  private static String run(List<String> command, String what) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output;
    try {
      output = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException(what + " did not finish");
      }
    } finally {
      process.destroyForcibly();
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(what + " exited with " + process.exitValue() + ": " + text.strip());
    }
    return text;
  }
}
