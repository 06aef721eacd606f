package io.github.persistentassignment.conformance.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LoadReport} as one summary line or as a Markdown page. */
final class LoadReportMarkdown {
  private static final double MEBIBYTE = 1024.0 * 1024.0;

  private LoadReportMarkdown() {}

  static String summaryLine(LoadReport report) {
    ReadBackResult readBack = report.readBack();
    return String.format(
        Locale.ROOT,
        "[load] %s: %s - %,d calls in %s by %d threads (%,.0f calls/s), %,d errors, %,d inconsistent"
            + " reads, %,d disagreements; read back %,d/%,d intact (lost %,d, unexpected %,d, corrupt"
            + " %,d); heap after GC %s -> %s (%s, limit %s)",
        report.name(),
        report.passed() ? "PASSED" : "FAILED",
        report.totalCalls(),
        seconds(report.elapsed()),
        report.threads(),
        report.callsPerSecond(),
        report.errors(),
        report.inconsistentReads(),
        report.disagreements(),
        readBack.intactEntries(),
        readBack.expectedEntries(),
        readBack.lostEntries(),
        readBack.unexpectedEntries(),
        readBack.corruptEntries(),
        mebibytes(report.heap().afterWarmUpBytes()),
        mebibytes(report.heap().atEndBytes()),
        signedMebibytes(report.heap().growthBytes()),
        mebibytes(report.heap().allowedGrowthBytes()));
  }

  static String render(LoadReport report, LoadSettings settings) {
    StringBuilder md = new StringBuilder();
    md.append("# Sustained load: ").append(report.name()).append("\n\n");
    md.append(
            report.passed() ? "**PASSED**" : "**FAILED**: " + String.join("; ", report.failures()))
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d threads for %s (warm-up %s) over %,d keys, %d configs owned per thread and key,"
                + " %,d contended entries; mix: %s; seed %d.%n%n",
            settings.threads(),
            seconds(report.elapsed()),
            seconds(settings.warmUp()),
            settings.keys(),
            settings.configsPerThread(),
            settings.contendedSlots(),
            settings.mix().describe(),
            settings.seed()));
    md.append("| operation | calls | errors | p50 | p90 | p99 | max |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<LoadOperation, OperationStats> entry : report.operations().entrySet()) {
      OperationStats stats = entry.getValue();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %s | %s | %s | %s |%n",
              entry.getKey().label(),
              stats.calls(),
              stats.errors(),
              latency(stats.p50()),
              latency(stats.p90()),
              latency(stats.p99()),
              latency(stats.max())));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| **all** | **%,d** | **%,d** | | | | |%n%n",
            report.totalCalls(),
            report.operations().values().stream().mapToLong(OperationStats::errors).sum()));
    md.append(
        String.format(Locale.ROOT, "Throughput: %,.0f calls/s.%n%n", report.callsPerSecond()));
    ReadBackResult readBack = report.readBack();
    md.append(
        String.format(
            Locale.ROOT,
            "During the run: %,d inconsistent reads; %,d disagreements among %,d decided contended"
                + " entries, whose racing saveIfAbsent calls were told of the winner %,d times.%n%n"
                + "Read back through a fresh storage instance: %,d keys, %,d entries expected,"
                + " %,d intact; lost %,d, unexpected %,d, corrupt %,d, unreadable keys %,d.%n%n",
            report.inconsistentReads(),
            report.disagreements(),
            report.contendedEntries(),
            report.contendedAnswers(),
            readBack.keys(),
            readBack.expectedEntries(),
            readBack.intactEntries(),
            readBack.lostEntries(),
            readBack.unexpectedEntries(),
            readBack.corruptEntries(),
            readBack.unreadableKeys()));
    HeapUsage heap = report.heap();
    md.append(
        String.format(
            Locale.ROOT,
            "Heap used after GC: %s at start, %s after warm-up, %s at end; growth %s (limit %s),"
                + " while the values the run holds to check against went from %,d to %,d.%n",
            mebibytes(heap.atStartBytes()),
            mebibytes(heap.afterWarmUpBytes()),
            mebibytes(heap.atEndBytes()),
            signedMebibytes(heap.growthBytes()),
            mebibytes(heap.allowedGrowthBytes()),
            heap.rememberedValuesAfterWarmUp(),
            heap.rememberedValuesAtEnd()));
    if (!report.problems().isEmpty()) {
      md.append("\n## First problems found\n\n");
      report.problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
    }
    return md.toString();
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MEBIBYTE);
  }

  private static String signedMebibytes(long bytes) {
    return String.format(Locale.ROOT, "%+.1f MiB", bytes / MEBIBYTE);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Microseconds below a millisecond, else milliseconds, so both Redis and memory read well. */
  static String latency(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos < 10_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%d µs", Math.round(nanos / 1e3));
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }
}
