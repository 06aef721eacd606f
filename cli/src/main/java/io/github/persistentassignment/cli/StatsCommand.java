package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.catalog.Group;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Counts the stored entries per experiment and group, and with the experiments file checks each
 * experiment's split against its weights (a sample-ratio mismatch shows a broken assignment).
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Count the stored entries per experiment and group.",
      "With --experiments, compare each experiment's counts with its weights: a chi-square"
          + " p-value below 0.001 is flagged as a sample-ratio mismatch (SRM)."
    })
final class StatsCommand implements Callable<Integer> {
  /** Below this p-value a split is flagged: the conventional SRM threshold. */
  static final double SRM_THRESHOLD = 0.001;

  private static final String NO_GROUP = "(no group)";

  @Mixin StoreOptions store;

  @Option(
      names = "--experiments",
      paramLabel = "FILE",
      description = "The experiments file (JSON) whose weights the counts are checked against.")
  @Nullable Path experimentsFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ExperimentCatalog catalog =
        experimentsFile == null ? null : ExperimentCatalog.fromJson(experimentsFile);
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    long[] total = new long[1];
    Progress progress = Progress.forTerminal(out, 10_000);
    try (PersistentStorage storage = store.open()) {
      progress.start("entries read", 0);
      Enumerables.require(storage, store.url, "stats")
          .forEachEntry(
              entry -> {
                progress.step();
                String group = entry.values().groupName();
                counts
                    .computeIfAbsent(entry.configName(), name -> new TreeMap<>())
                    .merge(group == null ? NO_GROUP : group, 1L, Long::sum);
                total[0]++;
              });
      progress.finish();
    }
    if (counts.isEmpty()) {
      out.println("No entries stored in " + store.url + ".");
      return 0;
    }
    out.println(total[0] + (total[0] == 1 ? " entry" : " entries") + " in " + store.url + ":");
    out.println();
    Table table = new Table("EXPERIMENT", "GROUP", "ENTRIES", "SHARE", "EXPECTED");
    List<String> verdicts = new ArrayList<>();
    counts.forEach(
        (name, groups) -> {
          Experiment experiment = catalog == null ? null : catalog.experiment(name).orElse(null);
          long sum = groups.values().stream().mapToLong(Long::longValue).sum();
          groups.forEach(
              (group, count) ->
                  table.row(
                      name,
                      group,
                      count,
                      percent((double) count / sum),
                      expected(experiment, group)));
          if (experiment != null) {
            verdicts.add(verdict(experiment, groups));
          }
        });
    table.print(out);
    if (catalog != null) {
      out.println();
      verdicts.forEach(out::println);
    }
    return 0;
  }

  private static String expected(@Nullable Experiment experiment, String group) {
    if (experiment == null) {
      return "";
    }
    double weightSum = experiment.groups().stream().mapToDouble(Group::weight).sum();
    return experiment.group(group).map(g -> percent(g.weight() / weightSum)).orElse("not a group");
  }

  /** The chi-square test of one experiment's stored split against its weights. */
  private static String verdict(Experiment experiment, Map<String, Long> stored) {
    List<Group> groups = experiment.groups();
    long[] observed = new long[groups.size()];
    double[] weights = new double[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      observed[i] = stored.getOrDefault(groups.get(i).name(), 0L);
      weights[i] = groups.get(i).weight();
    }
    double p = ChiSquare.pValue(observed, weights);
    String line = experiment.name() + ": chi-square p = " + String.format(Locale.ROOT, "%.4g", p);
    return p < SRM_THRESHOLD
        ? line + "  SRM: the stored split does not match the weights"
        : line + "  ok";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
