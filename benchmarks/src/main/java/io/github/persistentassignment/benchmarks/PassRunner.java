package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.benchmarks.report.Environment;
import io.github.persistentassignment.benchmarks.report.PassLog;
import io.github.persistentassignment.benchmarks.report.PassOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a run's passes one after another and keeps going when one fails: a single timeout in one
 * pass of a half-hour run must not cost the report of all the others. Each outcome, with the load
 * average before and after the pass, goes to {@code raw/passes.json} as soon as the pass ends.
 */
final class PassRunner {
  /** Runs one pass; anything it throws marks that pass failed. */
  @FunctionalInterface
  interface PassAction {
    void run(BenchmarkPass pass) throws Exception;
  }

  private final Path raw;
  private final List<PassOutcome> earlier;
  private final PassAction action;
  private final Consumer<String> log;

  PassRunner(Path raw, PassAction action, Consumer<String> log) {
    this(raw, List.of(), action, log);
  }

  /**
   * A runner that re-runs some passes of an earlier run: their outcomes replace the earlier ones of
   * the same name in {@code passes.json}, and every other earlier outcome is kept.
   */
  PassRunner(Path raw, List<PassOutcome> earlier, PassAction action, Consumer<String> log) {
    this.raw = raw;
    this.earlier = List.copyOf(earlier);
    this.action = action;
    this.log = log;
  }

  /**
   * Runs every pass, each whether or not an earlier one failed.
   *
   * @param passes the passes, in running order
   * @return each pass's outcome, in the same order
   */
  List<PassOutcome> runAll(List<BenchmarkPass> passes) {
    List<PassOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < passes.size(); i++) {
      BenchmarkPass pass = passes.get(i);
      log.accept("[" + (i + 1) + "/" + passes.size() + "] " + pass.name());
      outcomes.add(runOne(pass));
      PassLog.write(raw, merged(outcomes));
    }
    return outcomes;
  }

  /** The earlier outcomes with this run's in place of those of the same name, then the new ones. */
  private List<PassOutcome> merged(List<PassOutcome> outcomes) {
    List<PassOutcome> all = new ArrayList<>();
    List<PassOutcome> unplaced = new ArrayList<>(outcomes);
    for (PassOutcome old : earlier) {
      PassOutcome now =
          outcomes.stream().filter(o -> o.name().equals(old.name())).findFirst().orElse(old);
      all.add(now);
      unplaced.remove(now);
    }
    all.addAll(unplaced);
    return all;
  }

  private PassOutcome runOne(BenchmarkPass pass) {
    String loadBefore = Environment.loadAverage();
    long start = System.nanoTime();
    String error = null;
    try {
      action.run(pass);
    } catch (Exception | Error e) {
      // An OutOfMemoryError or a JMH failure of one pass; the next pass runs in a fresh fork.
      error = describe(e);
      log.accept("pass " + pass.name() + " failed: " + error);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    return new PassOutcome(
        pass.name(), error != null, error, loadBefore, Environment.loadAverage(), seconds);
  }

  /** The failure and its causes, type and message each, on one line for the report's table. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" ← ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage().replaceAll("\\s+", " ").strip());
      }
    }
    return text.length() > 500 ? text.substring(0, 500) + "…" : text.toString();
  }
}
