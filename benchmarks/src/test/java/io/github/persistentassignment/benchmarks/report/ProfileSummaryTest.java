package io.github.persistentassignment.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The profile summary")
class ProfileSummaryTest {
  @TempDir Path folder;

  @Test
  @DisplayName("attributes a recording's CPU samples to the methods under the benchmark method")
  void attributesSamples() throws Exception {
    Path file = folder.resolve("profile.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      long sink = spinningBenchmark(System.nanoTime() + 1_500_000_000L);
      recording.stop();
      recording.dump(file);
      assertThat(sink).isNotZero();
    }

    String summary = ProfileSummary.summarize(file, "spinningBenchmark");

    assertThat(summary).containsPattern("^[1-9][0-9]* samples of spinningBenchmark");
    assertThat(summary)
        .containsPattern("100\\.0%  [^\\n]*ProfileSummaryTest\\.spinningBenchmark")
        .contains("ProfileSummaryTest.mix");
    assertThat(ProfileSummary.summarize(file, "noSuchMethod")).startsWith("0 samples");
  }

  /** Burns CPU until the deadline, in a method of its own the summary should find. */
  private static long spinningBenchmark(long deadline) {
    long value = 1;
    while (System.nanoTime() < deadline) {
      value = mix(value);
    }
    return value;
  }

  private static long mix(long value) {
    long x = value;
    for (int i = 0; i < 1_000; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x == 0 ? 1 : x;
  }
}
