package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.benchmarks.backends.ArtifactVersions;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.SharedServers;
import io.github.persistentassignment.benchmarks.report.Environment;
import io.github.persistentassignment.benchmarks.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs every benchmark and writes the report: {@code benchmarks/run} (which builds this jar first)
 * or {@code java -jar benchmarks/target/persistent-assignment-benchmarks.jar [options]}.
 *
 * <p>Options: {@code --results DIR} (default {@code benchmarks/results}); {@code --backends a,b,…}
 * (default all: {@value #ALL}); {@code --quick} for shorter iterations while trying changes out. It
 * checks every backend first, starts the Redis Cluster and DynamoDB Local once for the whole run,
 * runs each {@link BenchmarkPass} in forked JVMs, and writes {@code DIR/raw/<pass>.json}, {@code
 * DIR/raw/<pass>.txt}, {@code DIR/raw/environment.json} and {@code DIR/latest.md}.
 */
public final class BenchmarkRun {
  static final String ALL = "memory,redis,redis-cluster,postgresql,mariadb,sqlite,dynamodb";

  /** JVM options of every forked benchmark JVM besides the servers' addresses. */
  private static final List<String> FORK_OPTIONS =
      List.of("-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED");

  private BenchmarkRun() {}

  /**
   * Runs the benchmarks and exits: 0 when the report is written, 2 for a usage error, 1 for any
   * other failure (a missing server, a failing benchmark).
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int status;
    try {
      run(args);
      status = 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    } catch (IOException | RunnerException | RuntimeException e) {
      e.printStackTrace();
      status = 1;
    }
    // DynamoDB Local's server threads would keep the JVM alive; the shutdown hooks stop it and the
    // Redis Cluster this run started.
    System.exit(status);
  }

  private static void run(String[] args) throws IOException, RunnerException {
    Path results = Path.of("benchmarks/results");
    List<String> backends = Backends.NAMES;
    RunSettings settings = RunSettings.FULL;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--results" -> results = Path.of(args[++i]);
        case "--backends" -> backends = Arrays.asList(args[++i].split(","));
        case "--quick" -> settings = RunSettings.QUICK;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; expected --results DIR, --backends a,b or --quick");
      }
    }
    Path raw = results.resolve("raw");
    prepare(raw);

    Environment environment =
        Environment.capture("benchmarks/run " + String.join(" ", args), settings.describe());
    environment.put("jmh", "JMH " + ArtifactVersions.of("org.openjdk.jmh", "jmh-core"));
    for (String name : backends) {
      try (BenchmarkBackend backend = Backends.open(name)) {
        environment.addBackend(name, backend.describe());
        log("found " + name + ": " + backend.describe());
      }
    }
    List<String> forkArguments = new ArrayList<>(FORK_OPTIONS);
    forkArguments.addAll(SharedServers.forkArguments(backends));

    List<BenchmarkPass> passes = BenchmarkPass.plan(settings, backends);
    long start = System.nanoTime();
    for (int i = 0; i < passes.size(); i++) {
      BenchmarkPass pass = passes.get(i);
      log("[" + (i + 1) + "/" + passes.size() + "] " + pass.name() + " (" + elapsed(start) + ")");
      new Runner(pass.options(settings, raw, forkArguments)).run();
    }
    environment.finish();
    environment.write(raw.resolve("environment.json"));
    log("wrote " + Report.write(results) + " after " + elapsed(start));
  }

  /** Creates the raw folder, removing an earlier run's files so that none is mixed in. */
  private static void prepare(Path raw) throws IOException {
    Files.createDirectories(raw);
    try (Stream<Path> old = Files.list(raw)) {
      for (Path file : old.toList()) {
        if (file.toString().endsWith(".json") || file.toString().endsWith(".txt")) {
          Files.delete(file);
        }
      }
    }
  }

  private static String elapsed(long startNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return elapsed.toMinutes() + " min " + elapsed.toSecondsPart() + " s";
  }

  private static void log(String line) {
    System.out.println("[benchmarks] " + line);
  }
}
