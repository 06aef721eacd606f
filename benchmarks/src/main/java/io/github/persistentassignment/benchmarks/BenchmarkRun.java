package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.benchmarks.backends.ArtifactVersions;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.SharedServers;
import io.github.persistentassignment.benchmarks.report.Environment;
import io.github.persistentassignment.benchmarks.report.PassLog;
import io.github.persistentassignment.benchmarks.report.PassOutcome;
import io.github.persistentassignment.benchmarks.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.Runner;

/**
 * Runs every benchmark and writes the report: {@code benchmarks/run} (which builds this jar first)
 * or {@code java -jar benchmarks/target/persistent-assignment-benchmarks.jar [options]}.
 *
 * <p>Options: {@code --results DIR} (default {@code benchmarks/results}); {@code --backends a,b,…}
 * (default all: {@value #ALL}); {@code --quick} for shorter iterations while trying changes out;
 * {@code --rerun pass,…} runs only the named passes again into the existing results (their raw
 * files and outcomes replaced, the rest kept) and says so in the report's machine section. It
 * checks every backend first, starts the Redis Cluster and DynamoDB Local once for the whole run,
 * runs each {@link BenchmarkPass} in forked JVMs, and writes {@code DIR/raw/<pass>.json}, {@code
 * DIR/raw/<pass>.txt}, {@code DIR/raw/environment.json}, {@code DIR/raw/passes.json} (how each pass
 * ended) and {@code DIR/latest.md}; with the default folder also {@code docs/performance.md} and
 * the README's performance summary. A pass that fails is recorded as failed and the run goes on.
 */
public final class BenchmarkRun {
  static final String ALL = "memory,redis,redis-cluster,postgresql,mariadb,sqlite,dynamodb";

  /** JVM options of every forked benchmark JVM besides the servers' addresses. */
  private static final List<String> FORK_OPTIONS =
      List.of("-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED");

  /** Where the committed report lives, relative to the repository's root. */
  private static final Path DEFAULT_RESULTS = Path.of("benchmarks/results");

  private BenchmarkRun() {}

  /**
   * Runs the benchmarks and exits: 0 when the report is written (a pass that failed is listed in it
   * as failed, with its error), 2 for a usage error, 1 when no report could be written (a missing
   * server).
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
    } catch (IOException | RuntimeException | Error e) {
      // An Error too (a class gone from a jar rebuilt under the run): without System.exit below,
      // DynamoDB Local's threads would keep this JVM, and the servers it started, alive.
      e.printStackTrace();
      status = 1;
    }
    // DynamoDB Local's server threads would keep the JVM alive; the shutdown hooks stop it and the
    // Redis Cluster this run started.
    System.exit(status);
  }

  private static void run(String[] args) throws IOException {
    Path results = DEFAULT_RESULTS;
    List<String> backends = Backends.NAMES;
    RunSettings settings = RunSettings.FULL;
    List<String> rerun = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--results" -> results = Path.of(args[++i]);
        case "--backends" -> backends = Arrays.asList(args[++i].split(","));
        case "--quick" -> settings = RunSettings.QUICK;
        case "--rerun" -> rerun = Arrays.asList(args[++i].split(","));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; expected --results DIR, --backends a,b, --quick or --rerun pass,pass");
      }
    }
    Path raw = results.resolve("raw");
    Environment environment;
    if (rerun.isEmpty()) {
      prepare(raw);
      environment =
          Environment.capture("benchmarks/run " + String.join(" ", args), settings.describe());
      environment.put("jmh", "JMH " + ArtifactVersions.of("org.openjdk.jmh", "jmh-core"));
    } else {
      // Some passes again, into the earlier run's results: its other raw files stay as they are.
      environment = Environment.read(raw.resolve("environment.json"));
    }
    for (String name : backends) {
      try (BenchmarkBackend backend = Backends.open(name)) {
        if (rerun.isEmpty()) {
          environment.addBackend(name, backend.describe());
        }
        log("found " + name + ": " + backend.describe());
      }
    }
    List<String> forkArguments = new ArrayList<>(FORK_OPTIONS);
    forkArguments.addAll(SharedServers.forkArguments(backends));

    List<BenchmarkPass> passes = chosen(BenchmarkPass.plan(settings, backends), rerun);
    long start = System.nanoTime();
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    RunSettings chosen = settings;
    PassRunner runner =
        new PassRunner(
            raw,
            rerun.isEmpty() ? List.of() : PassLog.read(raw),
            pass -> runPass(pass, chosen, raw, forkArguments),
            line -> log(line + " (" + elapsed(start) + ")"));
    List<PassOutcome> outcomes = runner.runAll(passes);
    long failed = outcomes.stream().filter(PassOutcome::failed).count();
    if (failed > 0) {
      log(failed + " of " + outcomes.size() + " passes failed; the report lists them");
    }
    if (rerun.isEmpty()) {
      environment.finish();
    } else {
      environment.put(
          "rerun",
          String.join(", ", rerun)
              + " run again from "
              + startedAt
              + " to "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + " (load beside each pass below)");
    }
    environment.write(raw.resolve("environment.json"));
    if (results.equals(DEFAULT_RESULTS)) {
      // The committed report: docs/performance.md and the README's summary come from it too.
      Report.publish(results, Path.of(".")).forEach(file -> log("wrote " + file));
    } else {
      log("wrote " + Report.write(results) + " (not the docs page or README: --results is set)");
    }
    log("finished after " + elapsed(start));
  }

  /** The passes to run: all, or those named by {@code --rerun}, each of which must exist. */
  static List<BenchmarkPass> chosen(List<BenchmarkPass> plan, List<String> rerun) {
    if (rerun.isEmpty()) {
      return plan;
    }
    List<String> names = plan.stream().map(BenchmarkPass::name).toList();
    for (String name : rerun) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "--rerun: no pass " + name + " with these backends; the passes are " + names);
      }
    }
    return plan.stream().filter(pass -> rerun.contains(pass.name())).toList();
  }

  /** One pass: a JMH run in forked JVMs, or the C clients' floor, run as processes. */
  private static void runPass(
      BenchmarkPass pass, RunSettings settings, Path raw, List<String> forkArguments)
      throws Exception {
    if (pass.benchmark() == ClientFloor.class) {
      ClientFloor.measure(pass.backend(), settings, raw.resolve(pass.name() + ".json"));
    } else {
      new Runner(pass.options(settings, raw, forkArguments)).run();
    }
  }

  /** Creates the raw folder, removing an earlier run's files so that none is mixed in. */
  private static void prepare(Path raw) throws IOException {
    Files.createDirectories(raw);
    try (Stream<Path> old = Files.list(raw)) {
      for (Path file : old.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") || name.endsWith(".txt")) {
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
