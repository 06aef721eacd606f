package io.github.persistentassignment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.cli.CliProcess.Result;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The built jar, run as a separate process")
class CliJarIT {
  static final String EXPERIMENTS =
      """
      { "time": 1700000000000, "version": 1,
        "experiments": [
          { "name": "checkout_button",
            "defaultParameters": {"color": "grey"},
            "groups": [ {"name": "Control", "weight": 50, "parameters": {"color": "blue"}},
                        {"name": "Test", "weight": 50, "parameters": {"color": "green"}} ] },
          { "name": "us_only",
            "groups": [ {"name": "On", "weight": 100} ],
            "targeting": [ {"attribute": "country", "operator": "in", "value": ["US"]} ] } ] }
      """;

  @TempDir Path folder;

  private Result run(String... args) {
    return CliProcess.run(folder, args);
  }

  private Path experiments() throws IOException {
    return Files.writeString(folder.resolve("experiments.json"), EXPERIMENTS);
  }

  private String sqlite() {
    return "sqlite:" + folder.resolve("store.db");
  }

  @Nested
  @DisplayName("demo")
  class Demo {
    @Test
    @DisplayName(
        "saves on the first run into its own ./persistent-assignments-demo.db and loads on the"
            + " second, leaving the default store untouched")
    void twice() {
      Result first = run("demo");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out())
          .contains("on sqlite:./persistent-assignments-demo.db")
          .contains("nothing was stored for alice:userID, so she was evaluated live")
          .contains("0 moved")
          .contains("his stored entry is deleted")
          // one forUser request, three evaluations: one load, one save, then its own view
          .contains("1 read, 1 write of the store for the three")
          .contains("Summary")
          .contains("1 first evaluation")
          .contains("Run the demo again")
          .contains("inspect alice:userID --store sqlite:./persistent-assignments-demo.db");
      assertThat(first.err()).isEmpty();
      assertThat(folder.resolve("persistent-assignments-demo.db")).exists();
      assertThat(folder.resolve("persistent-assignments.db")).doesNotExist();

      Result second = run("demo");
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.out())
          .contains("PERSISTED): loaded from storage. An earlier run saved this assignment")
          .contains("served their stored groups")
          .contains("1 read, 0 writes of the store for the three")
          .contains("1 second run")
          .contains("alice's group came from storage");
    }
  }

  @Nested
  @DisplayName("assign, inspect and delete")
  class AssignInspectDelete {
    @Test
    @DisplayName("the first assignment is stored, the next is served from storage, then removed")
    void lifecycle() throws IOException {
      Path file = experiments();
      Result first =
          run(
              "assign",
              "--experiments",
              file.toString(),
              "--user",
              "u1",
              "--store",
              sqlite(),
              "checkout_button");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out())
          .contains("experiment checkout_button")
          .contains(
              "reason      EVALUATED: evaluated live; this first assignment is now stored"
                  + " under u1:userID");
      String group =
          first
              .out()
              .lines()
              .filter(l -> l.startsWith("  group"))
              .findFirst()
              .orElseThrow()
              .substring("  group".length())
              .strip();

      Result second =
          run("assign", "--experiments", file.toString(), "--user", "u1", "--store", sqlite());
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.out())
          .contains("  group       " + group)
          .contains("PERSISTED: served from the assignment stored under u1:userID")
          .contains("experiment us_only")
          .contains(
              "the user fails the experiment's targeting (country in [US]: the user has no"
                  + " country (give it with --attr country=…)), so nothing is stored");

      Result targeted =
          run(
              "assign",
              "--experiments",
              file.toString(),
              "--user",
              "u1",
              "--attr",
              "country=US",
              "--store",
              sqlite(),
              "us_only");
      assertThat(targeted.out()).contains("group       On").contains("now stored");

      Result inspect = run("inspect", "u1:userID", "--store", sqlite());
      assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
      assertThat(inspect.out())
          .contains("2 entries stored under u1:userID")
          .contains("\"group_name\" : \"" + group + "\"")
          .contains("\"config_version\" : 1");

      Result delete = run("delete", "u1:userID", "checkout_button", "--store", sqlite());
      assertThat(delete.exitCode()).as(delete.toString()).isZero();
      assertThat(delete.out())
          .contains("Deleted u1:userID / checkout_button:")
          .contains("1 entry deleted");
      Result all = run("delete", "u1:userID", "--store", sqlite());
      assertThat(all.out()).contains("Deleted u1:userID / us_only:");
      assertThat(run("inspect", "u1:userID", "--store", sqlite()).out())
          .contains("No entries stored under u1:userID");
    }

    @Test
    @DisplayName(
        "one run is one request: a name given twice is served from what it saved; an experiment"
            + " made inactive has its entry deleted, once")
    void oneRequestAndInactive() throws IOException {
      Path file = experiments();
      Result twice =
          run(
              "assign",
              "--experiments",
              file.toString(),
              "--user",
              "u2",
              "--store",
              sqlite(),
              "checkout_button",
              "checkout_button");
      assertThat(twice.exitCode()).as(twice.toString()).isZero();
      assertThat(twice.out())
          .contains(
              "EVALUATED: evaluated live; this first assignment is now stored under u2:userID")
          .contains("PERSISTED: served from the assignment stored under u2:userID");

      Path inactive =
          Files.writeString(
              folder.resolve("inactive.json"),
              EXPERIMENTS.replace(
                  "\"name\": \"checkout_button\",",
                  "\"name\": \"checkout_button\", \"active\": false,"));
      Result stopped =
          run(
              "assign",
              "--experiments",
              inactive.toString(),
              "--user",
              "u2",
              "--store",
              sqlite(),
              "checkout_button");
      assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
      assertThat(stopped.out())
          .contains("group       (none)")
          .contains("the experiment is not active, so its stored entry was deleted");
      assertThat(run("inspect", "u2:userID", "--store", sqlite()).out())
          .contains("No entries stored under u2:userID");
      Result again =
          run(
              "assign",
              "--experiments",
              inactive.toString(),
              "--user",
              "u2",
              "--store",
              sqlite(),
              "checkout_button");
      assertThat(again.out()).contains("the experiment is not active, so nothing is stored");
    }
  }

  @Nested
  @DisplayName("copy")
  class Copy {
    private void seed(int users) throws IOException {
      Path file = experiments();
      for (int i = 0; i < users; i++) {
        Result r =
            run(
                "assign",
                "--experiments",
                file.toString(),
                "--user",
                "c" + i,
                "--store",
                sqlite(),
                "checkout_button");
        assertThat(r.exitCode()).as(r.toString()).isZero();
      }
    }

    @Test
    @DisplayName("SQLite to memory copies every entry")
    void toMemory() throws IOException {
      seed(3);
      Result copy = run("copy", sqlite(), "memory:");
      assertThat(copy.exitCode()).as(copy.toString()).isZero();
      assertThat(copy.out()).contains("Read 3 entries in ").containsPattern("copied: +3");
    }

    @Test
    @DisplayName("SQLite to a real Redis copies once; a re-run finds everything already there")
    void toRedis() throws IOException {
      seed(3);
      String prefix = "pa-cli-" + UUID.randomUUID() + ":";
      String redis = TestBackends.redisUrl();
      try {
        Result copy = run("copy", sqlite(), redis, "--to-option", "keyPrefix=" + prefix);
        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(copy.out()).containsPattern("copied: +3");
        Result again = run("copy", sqlite(), redis, "--to-option", "keyPrefix=" + prefix);
        assertThat(again.out()).containsPattern("copied: +0").containsPattern("same: +3");
        try (PersistentStorage target =
            PersistentStorages.open(redis, Map.of("keyPrefix", prefix))) {
          assertThat(target.load("c1:userID").get("checkout_button")).isPresent();
        }
      } finally {
        try (PersistentStorage target =
            PersistentStorages.open(redis, Map.of("keyPrefix", prefix))) {
          for (int i = 0; i < 3; i++) {
            target.delete("c" + i + ":userID", "checkout_button");
          }
        }
      }
    }

    @Test
    @DisplayName("SQLite to a real PostgreSQL table")
    void toPostgres() throws Exception {
      seed(2);
      String url = TestBackends.postgresUrl();
      String table = "pa_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try {
        Result copy =
            run(
                "copy",
                sqlite(),
                url,
                "--to-option",
                "tableName=" + table,
                "--to-option",
                "createTableIfMissing=true");
        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(copy.out()).containsPattern("copied: +2");
        Result inspect = run("inspect", "c0:userID", "--store", url, "-o", "tableName=" + table);
        assertThat(inspect.out()).contains("1 entry stored under c0:userID");
      } finally {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement()) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
      }
    }
  }

  @Nested
  @DisplayName("check")
  class Check {
    @Test
    @DisplayName("runs the conformance kit against a SQLite file and cleans up after itself")
    void sqliteFile() {
      Result result = run("check", sqlite());
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .contains("Checking " + sqlite() + " with the conformance kit")
          .containsPattern("PASSED: \\d+ checks, \\d+ passed, 0 failed, \\d+ skipped\\.")
          .containsPattern("Removed the \\d+ test entries");
      assertThat(result.err()).isEmpty();
      Result inspect = run("copy", sqlite(), "memory:");
      assertThat(inspect.out()).as("nothing left behind").contains("Read 0 entries in ");
    }

    @Test
    @DisplayName("runs the conformance kit against a real Redis")
    void redis() {
      Result result =
          run(
              "check",
              TestBackends.redisUrl(),
              "-o",
              "keyPrefix=pa-check-" + UUID.randomUUID() + ":");
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out()).contains("PASSED").contains(" 0 failed");
    }

    @Test
    @DisplayName("a database without the table fails with the DDL to apply")
    void missingTable() {
      Result result =
          run(
              "check",
              TestBackends.postgresUrl(),
              "-o",
              "tableName=pa_never_created_"
                  + UUID.randomUUID().toString().substring(0, 8).replace("-", ""));
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err()).contains("does not exist").contains("createTableIfMissing");
    }
  }

  @Nested
  @DisplayName("bench")
  class Bench {
    @Test
    @DisplayName("prints percentiles and throughput per operation, and deletes its keys")
    void sqliteFile() {
      Result result = run("bench", sqlite(), "--calls", "300", "--warmup", "50", "--keys", "50");
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .contains("p50 µs", "p99 µs", "p99.9 µs", "calls/s")
          .containsPattern("\\n  save +300 ")
          .containsPattern("\\n  load +300 ")
          .containsPattern("\\n  saveIfAbsent \\(new\\) +300 ")
          .containsPattern("\\n  delete +300 ");
      assertThat(run("copy", sqlite(), "memory:").out()).contains("Read 0 entries in ");
    }
  }

  @Nested
  @DisplayName("errors")
  class Errors {
    private void oneLine(Result result, String expected) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err().lines()).as(result.toString()).hasSize(1);
      assertThat(result.err()).startsWith("persistent-assignment: ").contains(expected);
      assertThat(result.err()).doesNotContain("\tat ");
    }

    private void usageError(Result result, String expected) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.err()).as(result.toString()).contains(expected).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("an unknown scheme is a usage error listing the schemes that are available")
    void unknownScheme() {
      usageError(
          run("inspect", "a:userID", "--store", "mongodb://localhost/x"),
          "no storage provider for scheme 'mongodb:'");
      assertThat(run("inspect", "a:userID", "--store", "mongodb://x").err())
          .contains("sqlite:")
          .contains("redis:")
          .contains("jdbc:")
          .contains("dynamodb:")
          .contains("memory:");
    }

    @Test
    @DisplayName("an unknown store option, a bad bench count and check memory: are usage errors")
    void usageErrors() {
      usageError(
          run("inspect", "a:userID", "--store", sqlite(), "-o", "bogus=1"),
          "unknown option(s) ['bogus']");
      usageError(run("bench", sqlite(), "--calls", "-5"), "--calls, --threads and --keys");
      usageError(run("check", "memory:"), "a memory: URL opens a new empty store each time");
      Result attribute =
          run("assign", "--experiments", "x.json", "--user", "u", "--attr", "country");
      usageError(attribute, "should be in KEY=VALUE format");
      assertThat(attribute.err())
          .doesNotContain("option option")
          .contains("Try 'persistent-assignment assign --help'");
    }

    @Test
    @DisplayName("a JDBC URL whose driver is not bundled names the driver to add")
    void missingDriver() {
      usageError(
          run("inspect", "a:userID", "--store", "jdbc:mysql://127.0.0.1:1/x"),
          "com.mysql:mysql-connector-j");
      usageError(run("inspect", "a:userID", "--store", "jdbc:h2:mem:x"), "com.h2database:h2");
    }

    @Test
    @DisplayName("inspect of a bare unit ID suggests the <unitID>:<idType> form")
    void inspectHint() {
      Result result = run("inspect", "alice", "--store", sqlite());
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out()).contains("such as alice:userID").contains("keys alice:*");
    }

    @Test
    @DisplayName("a malformed experiments file names the file and the place")
    void malformedExperiments() throws IOException {
      Path file =
          Files.writeString(
              folder.resolve("bad.json"),
              "{\"experiments\": [{\"name\": \"x\", \"groups\": [{\"name\": \"A\", \"weight\":"
                  + " \"fifty\"}]}]}");
      oneLine(
          run("assign", "--experiments", file.toString(), "--user", "u", "--store", "memory:"),
          "bad.json: /experiments/0/groups/0/weight");
    }

    @Test
    @DisplayName("a missing experiments file")
    void missingExperiments() {
      oneLine(
          run("assign", "--experiments", "nope.json", "--user", "u", "--store", "memory:"),
          "nope.json");
    }

    @Test
    @DisplayName(
        "an unreachable Redis or PostgreSQL on a closed loopback port; --verbose adds the trace")
    void unreachable() throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      oneLine(
          run("inspect", "a:userID", "--store", "redis://127.0.0.1:" + port), "127.0.0.1:" + port);
      oneLine(
          run("inspect", "a:userID", "--store", "jdbc:postgresql://127.0.0.1:" + port + "/x"),
          "127.0.0.1:" + port);
      Result verbose =
          run("inspect", "a:userID", "--store", "redis://127.0.0.1:" + port, "--verbose");
      assertThat(verbose.exitCode()).isEqualTo(1);
      assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    @DisplayName("a usage error exits 2 with the usage")
    void usage() {
      Result result = run("assign", "--user", "u");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("Missing required option: '--experiments=FILE'");
    }
  }

  @Test
  @DisplayName(
      "bin/persistent-assignment runs the tool under its own name, and the completion script it"
          + " prints registers for that name in bash")
  void launcher() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path launcher = root.resolve("bin/persistent-assignment");
    assertThat(Files.isExecutable(launcher)).as("%s is executable", launcher).isTrue();
    Process version =
        new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
    String printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(version.waitFor()).as(printed).isZero();
    assertThat(printed).startsWith("persistent-assignment ");
    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                "source <(\"$0\" generate-completion) && complete -p persistent-assignment",
                launcher.toString())
            .redirectErrorStream(true)
            .start();
    String completion = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(completion).isZero();
    assertThat(completion).contains("persistent-assignment");
  }

  @Test
  @DisplayName("--help lists the commands, --version prints the version")
  void helpAndVersion() {
    Result help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("demo").contains("assign").contains("copy");
    assertThat(run("--version").out()).startsWith("persistent-assignment ");
    assertThat(run("generate-completion").out()).contains("persistent-assignment Bash Completion");
  }
}
