package io.github.persistentassignment.conformance.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the network-fault tests write what they measured: one Markdown table per test class under
 * {@code target/fault-report/}, a row per outage, and the same row on standard output, so a CI log
 * and a developer both see the waits and recovery times without opening a debugger.
 */
final class FaultReport {
  private static final String HEADER =
      "| outage | calls | median wait | longest wait | timeout | recovery | failed after heal |\n"
          + "|---|---|---|---|---|---|---|\n";

  /** Files this JVM has started: the first row of a run replaces an earlier run's file. */
  private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();

  private final String name;
  private final Path file;

  private FaultReport(String name, Path file) {
    this.name = name;
    this.file = file;
  }

  /** The report of one test class, in the working directory's {@code target/fault-report}. */
  static FaultReport of(Class<?> testClass) {
    String name = testClass.getSimpleName();
    return new FaultReport(name, Path.of("target", "fault-report", name + ".md"));
  }

  /**
   * Appends one outage's figures; the first row of a run starts the file afresh, with its header.
   */
  synchronized void add(
      String outage,
      List<Duration> waits,
      Duration timeout,
      Duration recovery,
      int failedAfterHeal) {
    List<Duration> sorted = waits.stream().sorted().toList();
    String row =
        String.format(
            "| %s | %d | %s | %s | %s | %s | %d |%n",
            outage,
            sorted.size(),
            millis(sorted.get(sorted.size() / 2)),
            millis(sorted.get(sorted.size() - 1)),
            millis(timeout),
            millis(recovery),
            failedAfterHeal);
    System.out.print("[fault-report] " + name + " " + row);
    try {
      Files.createDirectories(file.getParent());
      if (STARTED.add(file)) {
        Files.writeString(file, "# " + name + "\n\n" + HEADER, StandardCharsets.UTF_8);
      }
      Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
