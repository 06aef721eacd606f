package io.github.persistentassignment.benchmarks.report;

import io.github.persistentassignment.benchmarks.backends.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the report of a run from its {@code raw/} folder: {@code latest.md} (the targets and
 * whether they were met, then every comparison the run made, each a ratio of two times measured in
 * the same run), the user-facing {@code docs/performance.md}, and the targets table between the
 * root README's performance-summary markers.
 *
 * <p>Run on its own ({@code java -cp benchmarks.jar …report.Report benchmarks/results [repo root]})
 * it writes all three again from the files, without measuring anything.
 */
public final class Report {
  private Report() {}

  /**
   * Writes the report of the run in a results folder again.
   *
   * @param args the results folder (default {@code benchmarks/results}) and the repository's root
   *     (default: the folder two levels above the results)
   */
  public static void main(String[] args) {
    Path results = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
    Path root =
        args.length > 1 ? Path.of(args[1]) : results.toAbsolutePath().getParent().getParent();
    publish(results, root).forEach(path -> System.out.println("Wrote " + path));
  }

  /**
   * Writes {@code latest.md} in the results folder, {@code docs/performance.md} and the README's
   * summary in the repository.
   *
   * @param results the results folder, with its {@code raw/} folder
   * @param root the repository's root
   * @return the files written
   * @throws IllegalStateException if the README lacks the summary's markers (checked before
   *     anything is written)
   */
  public static List<Path> publish(Path results, Path root) {
    Path readme = root.resolve("README.md");
    String readmeText = readString(readme);
    Run run = Run.read(results.resolve("raw"));
    String summary = summaryForReadme(run);
    String newReadme = ReadmeSummary.replace(readmeText, summary);
    Path report = writeString(results.resolve("latest.md"), render(run));
    Path page = writeString(root.resolve("docs/performance.md"), PerformancePage.render(run));
    writeString(readme, newReadme);
    return List.of(report, page, readme);
  }

  /**
   * Writes {@code latest.md} in a results folder from its {@code raw/} folder.
   *
   * @param results the results folder
   * @return the report's path
   */
  public static Path write(Path results) {
    return writeString(results.resolve("latest.md"), render(Run.read(results.resolve("raw"))));
  }

  /** Everything a run left in its raw folder. */
  record Run(
      Measurements results,
      Environment environment,
      List<PassOutcome> passes,
      Map<String, Map<String, Double>> floors) {
    static Run read(Path raw) {
      return new Run(
          Measurements.readFolder(raw),
          Environment.read(raw.resolve("environment.json")),
          PassLog.read(raw),
          FloorSection.read(raw));
    }

    List<String> backends() {
      return results.backends(Backends.NAMES);
    }

    List<Integer> threads() {
      List<Integer> counts = results.threadCounts();
      return counts.isEmpty() ? List.of(1) : counts;
    }

    List<Verdict> verdicts() {
      return Targets.all(results, backends(), threads());
    }
  }

  /** The report from measurements alone, with no pass log or floor. */
  static String render(Measurements results, Environment environment) {
    return render(new Run(results, environment, List.of(), Map.of()));
  }

  static String render(Run run) {
    Measurements results = run.results();
    List<String> backends = run.backends();
    List<Integer> threads = run.threads();
    Environment environment = run.environment();
    StringBuilder out = new StringBuilder();
    out.append("# Benchmark results\n\n")
        .append("Written by `")
        .append(environment.get("command"))
        .append("` (run ")
        .append(environment.get("started"))
        .append(" to ")
        .append(environment.get("finished"))
        .append("). The raw JMH output (JSON and text, one file per pass) is in [raw/](raw/).")
        .append(" Times are microseconds per operation of one thread (at 8 threads too), the")
        .append(" median of the measured iterations. Every comparison of ours with a counterpart")
        .append(" (the raw client, the naive adapter, the uncached store) ran in one benchmark,")
        .append(" call by call, alternating which went first, so both sides saw the same machine")
        .append(" at the same moments; every target is such a ratio.\n\n");
    MachineSection.append(out, environment);
    targets(out, run.verdicts());
    AdapterSection.summary(out, results, backends);
    AdapterSection.append(out, results, backends, threads);
    FloorSection.append(out, results, run.floors());
    RequestSection.append(out, results, backends, threads);
    EndToEndSection.append(out, results, backends, threads);
    BulkSection.append(out, results, backends);
    BulkSection.copy(out, results, backends);
    ScalingSection.append(out, results);
    CacheSection.append(out, results, backends);
    NaiveSection.append(out, results, backends, threads);
    CoreSection.append(out, results);
    MachineSection.passes(out, run.passes());
    return out.toString();
  }

  static void targets(StringBuilder out, List<Verdict> verdicts) {
    out.append("## Targets\n\n");
    targetsTable(out, verdicts);
    out.append('\n');
  }

  static void targetsTable(StringBuilder out, List<Verdict> verdicts) {
    out.append("| target | measured | verdict |\n|---|---|---|\n");
    for (Verdict verdict : verdicts) {
      out.append("| ")
          .append(verdict.target())
          .append(" | ")
          .append(verdict.measured())
          .append(" | ")
          .append(verdict.status())
          .append(" |\n");
    }
  }

  /** The text the README shows between its markers: the targets table. */
  static String summaryForReadme(Run run) {
    StringBuilder out = new StringBuilder();
    targetsTable(out, run.verdicts());
    return out.toString();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static Path writeString(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }
}
