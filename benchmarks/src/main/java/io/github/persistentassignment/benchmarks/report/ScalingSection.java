package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.ratio;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How load and loadAll grow with their size, and Redis Cluster's parallel loadAll against the same
 * reads node after node.
 */
final class ScalingSection {
  /** One scaling series: a benchmark, its size parameter and the sizes. */
  private record Series(
      String benchmarkClass, String method, String parameter, List<Integer> sizes, String label) {
    Measurements.Pair pair(Measurements results, String backend, int size) {
      return results.pair(benchmarkClass, method + "[" + parameter + "=" + size + "]", backend, 1);
    }
  }

  private static final List<Series> SERIES =
      List.of(
          new Series(
              "LoadScalingBenchmark",
              "load",
              "entries",
              List.of(1, 10, 100),
              "load, entries stored for the user"),
          new Series(
              "LoadAllScalingBenchmark",
              "loadAll",
              "users",
              List.of(1, 10, 100, 1000),
              "loadAll, users read"));

  private static final List<String> BACKENDS = List.of("redis", "postgresql");

  /** Growth of time with size, as the exponent k of size^k, up to which it is called linear. */
  static final double LINEAR_EXPONENT = 1.10;

  private static final String CLUSTER = "ClusterLoadAllBenchmark";

  private ScalingSection() {}

  /** Time grows at most linearly with the entries or users read. */
  static Verdict linearVerdict(Measurements results) {
    String target = "load and loadAll time grows at most linearly with entries and users";
    List<String> parts = new ArrayList<>();
    List<String> steeper = new ArrayList<>();
    for (Series series : SERIES) {
      for (String backend : BACKENDS) {
        OptionalDouble exponent = steepest(results, series, backend);
        if (exponent.isPresent()) {
          parts.add(series.method() + " " + backend + " " + exponent(exponent.getAsDouble()));
          if (exponent.getAsDouble() > LINEAR_EXPONENT) {
            steeper.add(series.method() + " on " + backend);
          }
        }
      }
    }
    if (parts.isEmpty()) {
      return Verdict.notMeasured(target);
    }
    return new Verdict(
        target,
        "steepest step, time ∝ size^k: " + String.join("; ", parts),
        steeper.isEmpty()
            ? "met"
            : "missed: "
                + String.join(", ", steeper)
                + " grow faster than linearly (see \"Scaling\")");
  }

  /** Redis Cluster loadAll faster in parallel than node after node. */
  static Verdict clusterVerdict(Measurements results) {
    String target = "Redis Cluster loadAll queries its nodes in parallel: faster than node by node";
    OptionalDouble ratio = results.pair(CLUSTER, "loadAll", null, 1).ratio();
    if (ratio.isEmpty()) {
      return Verdict.notMeasured(target);
    }
    return new Verdict(
        target,
        "parallel / sequential " + ratio(ratio.getAsDouble()) + " (100 users, 3 masters, 1 thread)",
        ratio.getAsDouble() < 1
            ? "met"
            : "missed: on a 2-core machine the three masters and the client share the CPU, so"
                + " requests sent at once are not served at once");
  }

  /** The largest exponent between two consecutive sizes, ours' side. */
  private static OptionalDouble steepest(Measurements results, Series series, String backend) {
    double steepest = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < series.sizes().size(); i++) {
      int from = series.sizes().get(i - 1);
      int to = series.sizes().get(i);
      Optional<Measurement> a = series.pair(results, backend, from).ours();
      Optional<Measurement> b = series.pair(results, backend, to).ours();
      if (a.isEmpty() || b.isEmpty()) {
        return OptionalDouble.empty();
      }
      double k = Math.log(b.get().micros() / a.get().micros()) / Math.log((double) to / from);
      steepest = Math.max(steepest, k);
    }
    return steepest == Double.NEGATIVE_INFINITY
        ? OptionalDouble.empty()
        : OptionalDouble.of(steepest);
  }

  static void append(StringBuilder out, Measurements results) {
    out.append("## Scaling\n\n")
        .append("One thread. Load of one user with 1, 10 or 100 stored entries, 2 of them used;")
        .append(" loadAll of 1 to 1,000 users of 5 entries, 2 of each used; ours and the raw")
        .append(" client + decoding, call by call. k is the exponent of the step from the size")
        .append(" before: time ∝ size^k, so k ≤ 1 is linear or better (a fixed cost per call")
        .append(" keeps it below 1 at small sizes).\n\n");
    boolean any = false;
    for (Series series : SERIES) {
      for (String backend : BACKENDS) {
        if (series.pair(results, backend, series.sizes().get(0)).ours().isEmpty()) {
          continue;
        }
        any = true;
        out.append("### ").append(series.label()).append(", ").append(backend).append("\n\n");
        Format.header(out, series.parameter(), "ours µs", "raw µs", "ours / raw", "k (ours)");
        Integer previous = null;
        for (int size : series.sizes()) {
          Measurements.Pair pair = series.pair(results, backend, size);
          String k = "–";
          if (previous != null) {
            Optional<Measurement> before = series.pair(results, backend, previous).ours();
            if (before.isPresent() && pair.ours().isPresent()) {
              k =
                  exponent(
                      Math.log(pair.ours().get().micros() / before.get().micros())
                          / Math.log((double) size / previous));
            }
          }
          out.append("| ")
              .append(size)
              .append(" | ")
              .append(time(pair.ours()))
              .append(" | ")
              .append(time(pair.other()))
              .append(" | ")
              .append(Format.ratio(pair.ratio()))
              .append(" | ")
              .append(k)
              .append(" |\n");
          previous = size;
        }
        out.append('\n');
      }
    }
    if (!any) {
      out.append("Not measured in this run.\n\n");
    }
    Measurements.Pair cluster = results.pair(CLUSTER, "loadAll", null, 1);
    out.append("### Redis Cluster: loadAll in parallel against node by node\n\n")
        .append("100 users spread over 3 masters, 2 entries of each used. Ours: the adapter's")
        .append(" loadAll, which sends each master its pipeline at once. Sequential: the raw")
        .append(" client sending the same per-master pipelines of HGETALL one master after the")
        .append(" other over a connection to each, decoding the same entries.\n\n");
    Format.header(out, "threads", "ours (parallel) µs", "sequential µs", "ours / sequential");
    out.append("| 1 | ")
        .append(time(cluster.ours()))
        .append(" | ")
        .append(time(cluster.other()))
        .append(" | ")
        .append(Format.ratio(cluster.ratio()))
        .append(" |\n\n");
  }

  private static String exponent(double k) {
    return String.format(Locale.ROOT, "k = %.2f", k);
  }
}
