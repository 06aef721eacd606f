package io.github.persistentassignment.benchmarks.report;

import org.jspecify.annotations.Nullable;

/**
 * One benchmark's result, from JMH's JSON.
 *
 * @param benchmarkClass the class's simple name, such as {@code StorageBenchmark}
 * @param method the method, such as {@code load_ours}
 * @param backend the {@code backend} parameter, or null
 * @param threads the thread count
 * @param micros the average time per operation, in microseconds
 * @param error the 99.9% confidence half-width, in microseconds (NaN when JMH had too few samples)
 * @param allocatedBytes bytes allocated per operation ({@code -prof gc}), or null without it
 */
public record Measurement(
    String benchmarkClass,
    String method,
    @Nullable String backend,
    int threads,
    double micros,
    double error,
    @Nullable Double allocatedBytes) {

  /**
   * The operation, the method's name before the last underscore ({@code load} of {@code
   * load_ours}).
   *
   * @return the operation
   */
  public String operation() {
    int underscore = method.lastIndexOf('_');
    return underscore < 0 ? method : method.substring(0, underscore);
  }

  /**
   * The side, the method's name after the last underscore ({@code ours}, {@code raw}, {@code
   * naive}, or for the end-to-end and codec benchmarks their case, such as {@code stickyHit}).
   *
   * @return the side
   */
  public String side() {
    int underscore = method.lastIndexOf('_');
    return underscore < 0 ? "" : method.substring(underscore + 1);
  }
}
