package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.micros;
import static io.github.persistentassignment.benchmarks.report.Format.ratio;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import io.github.persistentassignment.benchmarks.backends.Backends;
import java.util.List;
import java.util.Optional;

/** Ours against the naive whole-map adapter the design forbids. */
final class NaiveSection {
  private static final String NAIVE = "NaiveBaselineBenchmark";

  private NaiveSection() {}

  static void append(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    List<String> withNaive = backends.stream().filter(Backends.WITH_NAIVE::contains).toList();
    if (withNaive.isEmpty()) {
      return;
    }
    out.append("## Ours against a naive whole-map adapter\n\n")
        .append("The naive adapter keeps a user's whole map as one JSON value: load is one GET or")
        .append(" SELECT; save reads the map, changes one entry and writes it back (GET + SET,")
        .append(" SELECT + UPDATE). Same client, same user with 5 entries. It also loses entries")
        .append(" under concurrent saves (`NaiveAdapterLosesEntriesTest`).\n\n")
        .append("| backend | operation |");
    Format.columnsPerThreadCount(out, threads, "naive", "ours", "ours / naive");
    out.append("\n|---|---|").append("---:|".repeat(threads.size() * 3)).append('\n');
    for (String backend : withNaive) {
      for (String operation : List.of("save", "load")) {
        out.append("| ").append(backend).append(" | ").append(operation).append(" |");
        for (int t : threads) {
          Measurements.Pair pair = results.pair(NAIVE, operation, backend, t);
          out.append(' ')
              .append(time(pair.other()))
              .append(" | ")
              .append(time(pair.ours()))
              .append(" | ")
              .append(ratio(pair.ratio()))
              .append(" |");
        }
        out.append('\n');
      }
    }
    out.append('\n');
    for (String backend : withNaive) {
      Optional<Measurement> write = results.find(NAIVE, "save_ours", backend, 1);
      Optional<Measurement> read = results.find(NAIVE, "load_naive", backend, 1);
      if (write.isPresent() && read.isPresent()) {
        double w = write.get().micros();
        double r = read.get().micros();
        out.append("On ")
            .append(backend)
            .append(", our save (one write) takes ")
            .append(micros(w))
            .append(" µs and the naive adapter's read of the map ")
            .append(micros(r))
            .append(" µs (1 thread): a save that skips that read is at best ")
            .append(ratio(w / (w + r)))
            .append(" of read-then-write.\n");
      }
    }
    out.append('\n');
  }
}
