package io.github.persistentassignment.conformance.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LatencyHistogram")
class LatencyHistogramTest {

  @Test
  @DisplayName(
      "every value falls in a bucket whose upper bound is at most 1/16 above it; below 32, exact")
  void bucketsAreTight() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long value = rnd.nextLong(Long.MAX_VALUE) >>> rnd.nextInt(63);
      long upper = LatencyHistogram.upperBoundOf(LatencyHistogram.bucketOf(value));
      assertThat(upper).as("upper bound of %d", value).isGreaterThanOrEqualTo(value);
      assertThat(upper - value).as("slack above %d", value).isLessThanOrEqualTo(value / 16);
    }
    assertThat(LatencyHistogram.upperBoundOf(LatencyHistogram.bucketOf(Long.MAX_VALUE)))
        .isEqualTo(Long.MAX_VALUE);
    for (long small = 0; small < 32; small++) {
      assertThat(LatencyHistogram.upperBoundOf(LatencyHistogram.bucketOf(small))).isEqualTo(small);
    }
  }

  @Test
  @DisplayName("percentiles of 1..10 000 µs are within about 6%, and the maximum is exact")
  void percentiles() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long micros = 10_000; micros >= 1; micros--) {
      histogram.record(micros * 1_000);
    }
    assertThat(histogram.count()).isEqualTo(10_000);
    assertThat(millis(histogram.percentile(0.50))).isCloseTo(5.0, within(5.0 * 0.07));
    assertThat(millis(histogram.percentile(0.90))).isCloseTo(9.0, within(9.0 * 0.07));
    assertThat(millis(histogram.percentile(0.99))).isCloseTo(9.9, within(9.9 * 0.07));
    assertThat(histogram.percentile(1.0)).isEqualTo(Duration.ofMillis(10));
    assertThat(histogram.max()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  @DisplayName("merging adds counts; an empty histogram reports zero; negative readings count as 0")
  void mergeAndEmpty() {
    LatencyHistogram empty = new LatencyHistogram();
    assertThat(empty.percentile(0.5)).isEqualTo(Duration.ZERO);
    assertThat(empty.max()).isEqualTo(Duration.ZERO);

    LatencyHistogram fast = new LatencyHistogram();
    LatencyHistogram slow = new LatencyHistogram();
    for (int i = 0; i < 99; i++) {
      fast.record(1_000);
    }
    slow.record(-5);
    slow.record(2_000_000);
    fast.add(slow);
    assertThat(fast.count()).isEqualTo(101);
    // 1 000 ns lies in the bucket 992..1 023.
    assertThat(fast.percentile(0.5)).isEqualTo(Duration.ofNanos(1_023));
    assertThat(fast.percentile(0.001)).isEqualTo(Duration.ZERO);
    assertThat(fast.max()).isEqualTo(Duration.ofMillis(2));
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
