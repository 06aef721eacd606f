package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.ratio;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import java.util.List;

/** The Caffeine near cache's hit against the uncached load it saves. */
final class CacheSection {
  private static final String NEAR_CACHE = "NearCacheBenchmark";

  private CacheSection() {}

  static void append(StringBuilder out, Measurements results, List<String> backends) {
    out.append("## Near cache (Caffeine)\n\n")
        .append("A returning user with 20 stored entries, 5 used. Ours: a hit of")
        .append(" `CachingPersistentStorage` (cache-caffeine); other: the adapter's load of the")
        .append(" same user, the round trip the hit saves. `request`: `forUser` + 5")
        .append(" `getExperiment` over each. One thread, 10 calls per timed side.\n\n");
    Format.header(out, "backend", "operation", "cache hit µs", "uncached µs", "hit / uncached");
    boolean any = false;
    for (String backend : backends) {
      for (String operation : List.of("load", "request")) {
        Measurements.Pair pair = results.pair(NEAR_CACHE, operation, backend, 1);
        if (pair.ours().isEmpty()) {
          continue;
        }
        any = true;
        Format.row(
            out, backend, operation, time(pair.ours()), time(pair.other()), ratio(pair.ratio()));
      }
    }
    if (!any) {
      out.append("| not measured in this run | | | | |\n");
    }
    out.append('\n');
  }
}
