package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.ratio;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import java.util.List;

/** The two-step API end to end, and the in-memory sticky hit against a map lookup + decode. */
final class EndToEndSection {
  private EndToEndSection() {}

  static void append(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("## End to end: `getUserPersistedValues` + `getExperiment`\n\n")
        .append("A sticky hit loads a returning user's 5 entries and serves the stored group; its")
        .append(" raw counterpart is the one read it needs. A first assignment loads nothing,")
        .append(" evaluates, and saves with saveIfAbsent; its raw counterpart is the read and the")
        .append(" insert-if-absent. Each ratio is everything the library does around those round")
        .append(" trips: decoding, the evaluation, building the result.\n\n| backend |");
    Format.columnsPerThreadCount(out, threads, "sticky hit", "/ raw", "first assignment", "/ raw");
    out.append("\n|---|").append("---:|".repeat(threads.size() * 4)).append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (int t : threads) {
        for (String side : List.of("assign_stickyHit", "assign_firstAssignment")) {
          Measurements.Pair pair = results.pair(Operation.STORAGE, side, backend, t);
          out.append(' ')
              .append(time(pair.ours()))
              .append(" | ")
              .append(ratio(pair.ratio()))
              .append(" |");
        }
      }
      out.append('\n');
    }
    out.append('\n');
    out.append("### In memory: the sticky hit against a map lookup + decode\n\n")
        .append("Ours: the sticky hit over `InMemoryPersistentStorage`. Raw: a map lookup of the")
        .append(" user's stored JSON and `StickyValuesCodec.decode` of the entry, the least a")
        .append(" hand-written cache could do. 100 calls per timed side.\n\n");
    Format.header(
        out, "threads", "ours µs", "lookup + decode µs", "ours / raw", "decisions/s per thread");
    for (int t : threads) {
      Measurements.Pair pair = results.pair("MemoryHitBenchmark", "stickyHit", null, t);
      if (pair.ours().isEmpty()) {
        continue;
      }
      Format.row(
          out,
          t,
          time(pair.ours()),
          time(pair.other()),
          ratio(pair.ratio()),
          Format.count(1e6 / pair.ours().get().micros()));
    }
    out.append('\n');
  }
}
