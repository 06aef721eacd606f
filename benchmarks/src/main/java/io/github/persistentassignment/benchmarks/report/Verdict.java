package io.github.persistentassignment.benchmarks.report;

/**
 * One target's outcome.
 *
 * @param target the target in words
 * @param measured what the run measured
 * @param status {@code met}, {@code missed: <reason>} or {@code not measured}
 */
record Verdict(String target, String measured, String status) {
  static final String NOT_MEASURED = "not measured";

  static Verdict notMeasured(String target) {
    return new Verdict(target, "–", NOT_MEASURED);
  }

  boolean met() {
    return status.equals("met");
  }
}
