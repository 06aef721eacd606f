package io.github.persistentassignment.conformance.load;

import java.time.Duration;

/**
 * How one {@link LoadOperation} fared in a {@link SustainedLoad} run. Latencies are measured around
 * the storage call alone, failed calls included, and are accurate to about 6%.
 *
 * @param calls how many times it was called
 * @param errors how many of those calls threw
 * @param p50 the median latency
 * @param p90 the latency 90% of calls did not exceed
 * @param p99 the latency 99% of calls did not exceed
 * @param max the slowest call
 */
public record OperationStats(
    long calls, long errors, Duration p50, Duration p90, Duration p99, Duration max) {

  static OperationStats of(LatencyHistogram latencies, long errors) {
    return new OperationStats(
        latencies.count(),
        errors,
        latencies.percentile(0.50),
        latencies.percentile(0.90),
        latencies.percentile(0.99),
        latencies.max());
  }
}
