package io.github.persistentassignment.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark's time goes, from a JFR recording of it ({@code -prof jfr} in JMH): the share
 * of CPU samples in which each method is on the stack ("total"), and at the top of it ("self").
 * Only the benchmark threads' samples count: those whose stack passes through the benchmark method.
 *
 * <pre>{@code
 * java -cp benchmarks/target/persistent-assignment-benchmarks.jar org.openjdk.jmh.Main \
 *     'StorageBenchmark.load_ours' -p backend=redis -f 1 -prof jfr:dir=/tmp/jfr
 * java -cp benchmarks/target/persistent-assignment-benchmarks.jar \
 *     io.github.persistentassignment.benchmarks.report.ProfileSummary /tmp/jfr/…/profile.jfr load_ours
 * }</pre>
 */
public final class ProfileSummary {
  private static final int TOP = 25;

  private ProfileSummary() {}

  /**
   * Prints the summary.
   *
   * @param args the recording, and the benchmark method's name
   * @throws IOException if the recording cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ProfileSummary RECORDING.jfr BENCHMARK_METHOD");
      System.exit(2);
    }
    System.out.print(summarize(Path.of(args[0]), args[1]));
  }

  /**
   * Summarizes a recording.
   *
   * @param recording the JFR file
   * @param benchmarkMethod the benchmark method whose threads count, such as {@code load_ours}
   * @return the summary as text
   * @throws IOException if the recording cannot be read
   */
  static String summarize(Path recording, String benchmarkMethod) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        RecordedStackTrace stack = event.getStackTrace();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null) {
          continue;
        }
        List<RecordedFrame> frames = stack.getFrames();
        int benchmark = benchmarkFrame(frames, benchmarkMethod);
        if (benchmark < 0) {
          continue;
        }
        samples++;
        self.merge(name(frames.get(0)), 1, Integer::sum);
        // The benchmark method and what it called; the harness above it is in every sample.
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames.subList(0, benchmark + 1)) {
          if (seen.add(name(frame))) {
            total.merge(name(frame), 1, Integer::sum);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(samples)
        .append(" samples of ")
        .append(benchmarkMethod)
        .append("\n\ntotal (on the stack)\n");
    top(out, total, samples);
    out.append("\nself (top of the stack)\n");
    top(out, self, samples);
    return out.toString();
  }

  private static void top(StringBuilder out, Map<String, Integer> counts, int samples) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(
            entry ->
                out.append(
                        String.format(Locale.ROOT, "%6.1f%%  ", 100.0 * entry.getValue() / samples))
                    .append(entry.getKey())
                    .append('\n'));
  }

  /** The index of the outermost frame of the benchmark method, or -1. */
  private static int benchmarkFrame(List<RecordedFrame> frames, String benchmarkMethod) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).getMethod().getName().equals(benchmarkMethod)) {
        return i;
      }
    }
    return -1;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
