package io.github.persistentassignment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.cli.CliProcess.Result;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's lifecycle commands (keys, stats, purge, forget) run as a separate process against
 * real servers, over a fixture store with one fair and one deliberately skewed split.
 */
@DisplayName("The lifecycle commands of the built jar")
class CliLifecycleIT {
  static final String EXPERIMENTS =
      """
      { "time": 1700000000000, "version": 1,
        "experiments": [
          { "name": "fair", "groups": [ {"name": "A", "weight": 50}, {"name": "B", "weight": 50} ] },
          { "name": "skewed", "groups": [ {"name": "A", "weight": 50}, {"name": "B", "weight": 50} ] } ] }
      """;

  @TempDir Path folder;

  /** One backend: where the fixture lives and the options that point the CLI at it. */
  abstract class Scenario {
    abstract String url();

    abstract Map<String, String> options();

    private final List<String> written = new ArrayList<>();

    private Result run(String... args) {
      List<String> all = new ArrayList<>(List.of(args));
      all.add("--store");
      all.add(url());
      options()
          .forEach(
              (name, value) -> {
                all.add("-o");
                all.add(name + "=" + value);
              });
      return CliProcess.run(folder, all.toArray(String[]::new));
    }

    private StickyValues entry(String group) {
      return StickyValues.builder().value(true).groupName(group).time(1L).configVersion(1).build();
    }

    /** 200 users: fair splits 100/100, skewed 150/50; u1 and u2 also have a stableID entry. */
    void seed() {
      try (PersistentStorage storage = PersistentStorages.open(url(), options())) {
        for (int i = 0; i < 200; i++) {
          String key = "u" + i + ":userID";
          storage.save(key, "fair", entry(i % 2 == 0 ? "A" : "B"));
          storage.save(key, "skewed", entry(i % 4 == 0 ? "B" : "A"));
          written.add(key);
        }
        storage.save("u1:stableID", "fair", entry("A"));
        storage.save("u2:stableID", "fair", entry("B"));
        written.add("u1:stableID");
        written.add("u2:stableID");
      }
    }

    void cleanUp() {
      try (PersistentStorage storage = PersistentStorages.open(url(), options())) {
        written.forEach(storage::deleteAll);
      }
    }

    @Test
    @DisplayName("assign keeps a visitor's group after login, and a version bump re-randomizes")
    void loginAndVersions() throws IOException {
      String v1 =
          """
          { "experiments": [ { "name": "checkout", "fallbackIdType": "stableID", "version": 1,
              "groups": [ {"name": "A", "weight": 50}, {"name": "B", "weight": 50} ] } ] }
          """;
      Path first = Files.writeString(folder.resolve("v1.json"), v1);
      Path second =
          Files.writeString(
              folder.resolve("v2.json"),
              v1.replace("\"version\": 1", "\"version\": 2, \"reassignBelowVersion\": 2"));
      written.add("visitor-7:stableID");
      written.add("u-login:userID");
      Result anonymous =
          run("assign", "--experiments", first.toString(), "--id", "stableID=visitor-7");
      assertThat(anonymous.out())
          .as(anonymous.toString())
          .contains("now stored under visitor-7:stableID");
      Result login =
          run(
              "assign",
              "--experiments",
              first.toString(),
              "--user",
              "u-login",
              "--id",
              "stableID=visitor-7");
      assertThat(login.out())
          .as(login.toString())
          .contains(
              "PERSISTED: served from the entry stored under the experiment's fallback id type");
      Result bumped = run("assign", "--experiments", second.toString(), "--user", "u-login");
      assertThat(bumped.out())
          .as(bumped.toString())
          .contains("was from version 1, which the experiment re-randomizes");
      try (PersistentStorage storage = PersistentStorages.open(url(), options())) {
        assertThat(storage.load("u-login:userID").get("checkout").map(StickyValues::configVersion))
            .contains(2);
      }
    }

    @Test
    @DisplayName("stats flags the skewed split and passes the fair one")
    void stats() throws IOException {
      seed();
      Path file = Files.writeString(folder.resolve("experiments.json"), EXPERIMENTS);
      Result stats = run("stats", "--experiments", file.toString());
      assertThat(stats.exitCode()).as(stats.toString()).isZero();
      assertThat(stats.out())
          .contains("402 entries")
          .containsPattern("fair +A +101 +50\\.0% +50\\.0%")
          .containsPattern("skewed +A +150 +75\\.0% +50\\.0%")
          .containsPattern("fair: chi-square p = 1\\.000  ok")
          .containsPattern("skewed: chi-square p = [0-9.e-]+  SRM");
    }

    @Test
    @DisplayName("keys lists the matching keys a page at a time")
    void keys() {
      seed();
      Result keys = run("keys", "u1*", "--limit", "5");
      assertThat(keys.exitCode()).as(keys.toString()).isZero();
      assertThat(keys.out()).contains("(5 keys; more match");
      Result one = run("keys", "u2:*");
      assertThat(one.out().lines().sorted().toList())
          .containsExactly("(2 keys)", "u2:stableID", "u2:userID");
    }

    @Test
    @DisplayName("purge removes one experiment for everyone; a second purge removes nothing")
    void purge() {
      seed();
      Result refused = run("purge", "skewed");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("--yes");
      Result purge = run("purge", "skewed", "--yes");
      assertThat(purge.exitCode()).as(purge.toString()).isZero();
      assertThat(purge.out()).contains("Removed 200 entries of skewed");
      assertThat(run("purge", "skewed", "--yes").out()).contains("Removed 0 entries of skewed");
      try (PersistentStorage storage = PersistentStorages.open(url(), options())) {
        assertThat(storage.load("u7:userID").asMap()).containsOnlyKeys("fair");
      }
    }

    @Test
    @DisplayName("forget erases a key, or a person under every id type; an unknown key is 0")
    void forget() {
      seed();
      Result key = run("forget", "u3:userID");
      assertThat(key.exitCode()).as(key.toString()).isZero();
      assertThat(key.out()).contains("Erased u3:userID: 2 entries.");
      Result person = run("forget", "--unit-id", "u1", "--id-types", "userID,stableID");
      assertThat(person.out())
          .contains(
              "Erased u1:userID: 2 entries.", "Erased u1:stableID: 1 entry.", "3 entries erased");
      Result unknown = run("forget", "nobody:userID");
      assertThat(unknown.exitCode()).isZero();
      assertThat(unknown.out()).contains("0 entries erased");
      try (PersistentStorage storage = PersistentStorages.open(url(), options())) {
        assertThat(storage.load("u1:stableID").asMap()).isEmpty();
        assertThat(storage.load("u2:stableID").asMap()).containsOnlyKeys("fair");
      }
    }
  }

  @Nested
  @DisplayName("on Redis")
  class OnRedis extends Scenario {
    private final String prefix = "pa-cli-" + UUID.randomUUID() + ":";

    @Override
    String url() {
      return TestBackends.redisUrl();
    }

    @Override
    Map<String, String> options() {
      return Map.of("keyPrefix", prefix);
    }

    @AfterEach
    void clean() {
      cleanUp();
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgres extends Scenario {
    private final String table =
        "pa_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    String url() {
      return TestBackends.postgresUrl();
    }

    @Override
    Map<String, String> options() {
      return Map.of("tableName", table, "createTableIfMissing", "true");
    }

    @AfterEach
    void drop() throws Exception {
      try (Connection connection = DriverManager.getConnection(url());
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
