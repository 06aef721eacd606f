package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Bucketing;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parts of the assignment decision that involve no storage: the live evaluation of the
 * experiment by {@link ExperimentCatalog} (targeting, allocation, group), and one of the two
 * SHA-256 buckets it computes. Beside {@code StorageBenchmark.assign_stickyHit} on the in-memory
 * store they show where a decision's time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {
  // Non-final fields, so the JIT cannot fold the inputs into constants.
  private ExperimentCatalog catalog = SampleEntries.catalog();
  private User user = User.of("user-0");
  private String salt = "checkout_button_2024";
  private String unitId = "user-0";

  /**
   * Evaluates the experiment for a user: what every decision does first.
   *
   * @return the evaluation
   */
  @Benchmark
  public Optional<Evaluation> evaluate_live() {
    return catalog.evaluate(user, SampleEntries.EXPERIMENT);
  }

  /**
   * One bucket: SHA-256 of salt and unit ID; an evaluation computes two.
   *
   * @return the bucket
   */
  @Benchmark
  public int bucket_sha256() {
    return Bucketing.bucket(salt, unitId);
  }
}
