package io.github.persistentassignment.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The per-request pair of {@code RequestBenchmark} in the report: {@code forUser} and five {@code
 * getExperiment} calls of a returning user with twenty stored entries, against the raw read and the
 * five decodes (and, second, against those plus the same five live evaluations). Its target, from
 * the issue that added the per-request API, is judged on Redis and PostgreSQL.
 */
final class RequestSection {
  private static final String REQUEST = "RequestBenchmark";
  private static final String PAIR = "request_fiveOfTwenty";
  private static final String WITH_LIVE = "request_fiveOfTwentyLive";

  /** The backends the per-request target names. */
  static final List<String> JUDGED = List.of("redis", "postgresql");

  private RequestSection() {}

  /** ours / raw of the request on each judged backend, at or below {@link Targets#OVERHEAD}. */
  static Verdict verdict(Measurements results, List<Integer> threads) {
    List<String> parts = new ArrayList<>();
    boolean allMet = true;
    for (String backend : JUDGED) {
      for (int t : threads) {
        OptionalDouble ratio = results.pair(REQUEST, PAIR, backend, t).ratio();
        if (ratio.isPresent()) {
          parts.add(backend + " " + threadsLabel(t) + " " + Format.ratio(ratio.getAsDouble()));
          allMet &= ratio.getAsDouble() <= Targets.OVERHEAD;
        }
      }
    }
    return new Verdict(
        "a request (`forUser` + 5 `getExperiment`, 20 entries stored) within "
            + Format.ratio(Targets.OVERHEAD)
            + " one raw read + 5 decodes (Redis, PostgreSQL)",
        parts.isEmpty() ? "–" : String.join("; ", parts),
        parts.isEmpty()
            ? Verdict.NOT_MEASURED
            : allMet
                ? "met"
                : "missed: the live evaluation each `getExperiment` makes, which the raw side"
                    + " does not; the second pair in \"Per request\" leaves it out");
  }

  /** The section: one row per backend and thread count that the run measured. */
  static void append(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    List<String> rows = new ArrayList<>();
    for (String backend : backends) {
      for (int t : threads) {
        Optional<Measurement> ours = results.find(REQUEST, PAIR + "_ours", backend, t);
        if (ours.isEmpty()) {
          continue;
        }
        rows.add(
            "| "
                + backend
                + " | "
                + threadsLabel(t)
                + " | "
                + time(ours)
                + " | "
                + time(results.find(REQUEST, PAIR + "_raw", backend, t))
                + " | "
                + ratio(results.pair(REQUEST, PAIR, backend, t).ratio())
                + " | "
                + time(results.find(REQUEST, WITH_LIVE + "_raw", backend, t))
                + " | "
                + ratio(results.pair(REQUEST, WITH_LIVE, backend, t).ratio())
                + " |");
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    out.append("## Per request: `forUser` + 5 `getExperiment`\n\n")
        .append("A returning user with 20 stored entries; one request evaluates 5 of them, each")
        .append(" served its stored group. Raw: the one read the request needs, through the same")
        .append(" client, and the 5 entries it uses decoded with `StickyValuesCodec.decode`. The")
        .append(" raw side evaluates nothing: the live evaluation each `getExperiment` makes is")
        .append(" part of what the library adds. The last two columns are a second pair, whose")
        .append(" raw side also evaluates the same 5 experiments with the same catalog: what the")
        .append(" storage side of the library costs on its own. µs per request.\n\n")
        .append("| backend | threads | ours | raw: read + 5 decodes | ours / raw |")
        .append(" raw + 5 live evaluations | ours / (raw + live) |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    rows.forEach(row -> out.append(row).append('\n'));
    out.append('\n');
  }

  private static String time(Optional<Measurement> m) {
    return m.map(x -> Format.micros(x.micros())).orElse("–");
  }

  private static String ratio(OptionalDouble ratio) {
    return ratio.isPresent() ? Format.ratio(ratio.getAsDouble()) : "–";
  }

  private static String threadsLabel(int threads) {
    return String.format(Locale.ROOT, threads == 1 ? "%d thread" : "%d threads", threads);
  }
}
