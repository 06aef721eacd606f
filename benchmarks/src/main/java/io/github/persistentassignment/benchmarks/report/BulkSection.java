package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.ratio;

import io.github.persistentassignment.benchmarks.CopyBenchmark;
import io.github.persistentassignment.benchmarks.PurgeBenchmark;
import java.util.List;
import java.util.Locale;

/**
 * Purge of a stopped experiment's 10,000 entries, and copy throughput, each ours against the plain
 * raw way.
 */
final class BulkSection {
  private BulkSection() {}

  static void append(StringBuilder out, Measurements results, List<String> backends) {
    out.append("## Purge of 10,000 entries\n\n")
        .append("One thread; before each call, untimed, 10,000 users get an entry of the stopped")
        .append(" config. Raw: the plain way with the same client — SCAN of every master with")
        .append(" pipelined HDELs; one `DELETE … WHERE config_name = ?`; a filtered Scan with")
        .append(" BatchWriteItem deletes — where the adapter deletes in batches (SQL) so as not")
        .append(" to hold one long transaction. Each side is checked to remove all 10,000.\n\n");
    Format.header(out, "backend", "ours ms", "raw ms", "ours / raw", "entries/s (ours)");
    boolean any = false;
    for (String backend : backends) {
      Measurements.Pair pair =
          results.pair(
              "PurgeBenchmark", "purge[entries=" + PurgeBenchmark.ENTRIES + "]", backend, 1);
      if (pair.ours().isEmpty()) {
        continue;
      }
      any = true;
      // PurgeBenchmark reports milliseconds; Measurement holds µs.
      out.append("| ")
          .append(backend)
          .append(" | ")
          .append(millis(pair.ours().get().micros()))
          .append(" | ")
          .append(pair.other().map(m -> millis(m.micros())).orElse("–"))
          .append(" | ")
          .append(ratio(pair.ratio()))
          .append(" | ")
          .append(Format.count(10_000 / (pair.ours().get().micros() / 1e6)))
          .append(" |\n");
    }
    if (!any) {
      out.append("| not measured in this run | | | | |\n");
    }
    out.append('\n');
  }

  static void copy(StringBuilder out, Measurements results, List<String> backends) {
    out.append("## Copy throughput\n\n")
        .append("One thread: 1,000 entries from an in-memory store into the backend. Ours: the")
        .append(" core copy API a migration uses, `forEachEntry` of the source and `copyIfAbsent`")
        .append(" of each entry; raw: a loop over the same entries as JSON, each written with the")
        .append(" raw insert-if-absent. The target is emptied, untimed, before each call.\n\n");
    Format.header(out, "backend", "ours entries/s", "raw entries/s", "ours time / raw time");
    boolean any = false;
    for (String backend : backends) {
      Measurements.Pair pair =
          results.pair("CopyBenchmark", "copy[entries=" + CopyBenchmark.ENTRIES + "]", backend, 1);
      if (pair.ours().isEmpty()) {
        continue;
      }
      any = true;
      out.append("| ")
          .append(backend)
          .append(" | ")
          .append(Format.count(1_000 / (pair.ours().get().micros() / 1e6)))
          .append(" | ")
          .append(pair.other().map(m -> Format.count(1_000 / (m.micros() / 1e6))).orElse("–"))
          .append(" | ")
          .append(ratio(pair.ratio()))
          .append(" |\n");
    }
    if (!any) {
      out.append("| not measured in this run | | | |\n");
    }
    out.append('\n');
  }

  private static String millis(double micros) {
    return String.format(Locale.ROOT, "%,.1f", micros / 1_000);
  }
}
