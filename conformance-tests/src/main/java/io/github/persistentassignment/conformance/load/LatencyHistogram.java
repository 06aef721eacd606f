package io.github.persistentassignment.conformance.load;

import java.time.Duration;

/**
 * Call latencies in logarithmic buckets: 16 buckets per power of two, so a percentile is within
 * about 6% of the true value while the histogram stays a fixed 960 counters, however long the run.
 * Not thread-safe: each worker thread records into its own histograms, merged when the run ends.
 */
final class LatencyHistogram {
  private static final int SUB_BUCKET_BITS = 4;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  // Exponents 4..62 of a positive long, after the values below 16 that get one bucket each.
  private static final int BUCKETS = (63 - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long maxNanos;

  /** Records one call that took {@code nanos}; a negative reading (clock skew) counts as zero. */
  void record(long nanos) {
    long value = Math.max(0, nanos);
    counts[bucketOf(value)]++;
    count++;
    maxNanos = Math.max(maxNanos, value);
  }

  /** Adds another histogram's calls to this one. */
  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  long count() {
    return count;
  }

  Duration max() {
    return Duration.ofNanos(maxNanos);
  }

  /**
   * The latency that {@code fraction} of the calls did not exceed, rounded up to its bucket's upper
   * bound (never beyond the slowest call); zero when nothing was recorded.
   */
  Duration percentile(double fraction) {
    if (count == 0) {
      return Duration.ZERO;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Duration.ofNanos(Math.min(upperBoundOf(i), maxNanos));
      }
    }
    return max();
  }

  static int bucketOf(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - SUB_BUCKET_BITS;
    int subBucket = (int) (value >>> shift) - SUB_BUCKETS;
    return (shift + 1) * SUB_BUCKETS + subBucket;
  }

  static long upperBoundOf(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int shift = bucket / SUB_BUCKETS - 1;
    long lowest = (long) (SUB_BUCKETS + bucket % SUB_BUCKETS) << shift;
    return lowest + (1L << shift) - 1;
  }
}
