package io.github.persistentassignment.benchmarks.naive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.benchmarks.SampleEntries;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reason the naive layout is an anti-pattern, shown on real servers: a returning user (one
 * entry stored) gets 8 new experiments at once — 8 threads released together each save a different
 * config for that user. The naive adapter's read-modify-write keeps only some of them; ours keeps
 * all 8, every time. Rounds repeat until the naive adapter is seen losing (bounded), so the test
 * does not depend on one lucky interleaving, and ours then runs at least as many rounds.
 */
@DisplayName("Concurrent saves of different configs for one user")
class NaiveAdapterLosesEntriesTest {
  private static final int THREADS = 8;
  private static final int MAX_ROUNDS = 200;
  private static final int MIN_OUR_ROUNDS = 25;

  private static ExecutorService pool;

  @BeforeAll
  static void startThreads() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stopThreads() {
    pool.shutdownNow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"redis", "postgresql", "mariadb"})
  @DisplayName("the naive adapter loses entries; ours loses none in any round")
  void naiveLosesOursKeepsEverything(String name) throws Exception {
    try (BenchmarkBackend backend = Backends.open(name)) {
      int rounds = 0;
      int naiveLost = 0;
      while (naiveLost == 0 && rounds < MAX_ROUNDS) {
        rounds++;
        naiveLost = race(backend.naiveStorage(), "naive-" + rounds + ":userID");
      }
      assertThat(naiveLost)
          .as("entries the naive adapter lost in %d rounds of %d concurrent saves", rounds, THREADS)
          .isPositive();

      int ourRounds = Math.max(rounds, MIN_OUR_ROUNDS);
      for (int round = 1; round <= ourRounds; round++) {
        assertThat(race(backend.storage(), "ours-" + round + ":userID"))
            .as("entries our adapter lost in round %d", round)
            .isZero();
      }
      System.out.printf(
          "[%s] naive adapter: %d of %d entries lost in round %d; ours: none lost in %d rounds%n",
          name, naiveLost, THREADS, rounds, ourRounds);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"redis", "postgresql", "mariadb"})
  @DisplayName("one at a time, the naive adapter keeps every entry (the loss is the race's)")
  void naiveWorksSequentially(String name) {
    try (BenchmarkBackend backend = Backends.open(name)) {
      PersistentStorage naive = backend.naiveStorage();
      for (String config : SampleEntries.USER_CONFIGS) {
        naive.save("alone:userID", config, SampleEntries.TYPICAL);
      }
      naive.delete("alone:userID", SampleEntries.STORED_CONFIG);
      assertThat(naive.load("alone:userID").asMap())
          .hasSize(SampleEntries.USER_CONFIGS.size() - 1)
          .doesNotContainKey(SampleEntries.STORED_CONFIG)
          .allSatisfy((config, values) -> assertThat(values).isEqualTo(SampleEntries.TYPICAL));
      assertThat(naive.load("nobody:userID").isEmpty()).isTrue();
    }
  }

  /**
   * Stores one entry for a key, then releases 8 saves of other configs for it at once; returns how
   * many of the 9 entries are missing.
   */
  private static int race(PersistentStorage storage, String key) throws Exception {
    storage.save(key, SampleEntries.EXPERIMENT, SampleEntries.TYPICAL);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> saves = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      String config = "config-" + i;
      saves.add(
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                storage.save(key, config, SampleEntries.TYPICAL);
                return null;
              }));
    }
    for (Future<?> save : saves) {
      save.get(30, TimeUnit.SECONDS);
    }
    return THREADS + 1 - storage.load(key).asMap().size();
  }
}
