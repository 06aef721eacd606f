package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.ExperimentCatalog;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.catalog.Bucketing;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionPartsBenchmark {
  ExperimentCatalog catalog = SampleEntries.catalog();
  User user = User.of("user-0");
  InMemoryPersistentStorage storage = InMemoryPersistentStorage.create();
  String salt = "checkout_button_2024";
  String unit = "user-0";

  @Setup
  public void seed() {
    for (String c : SampleEntries.USER_CONFIGS)
      storage.save("user-0:userID", c, SampleEntries.TYPICAL);
  }

  @Benchmark
  public int bucket() {
    return Bucketing.bucket(salt, unit);
  }

  @Benchmark
  public Optional<Evaluation> evaluate() {
    return catalog.evaluate(user, SampleEntries.EXPERIMENT);
  }

  @Benchmark
  public UserPersistedValues load() {
    return storage.load("user-0:userID");
  }
}
