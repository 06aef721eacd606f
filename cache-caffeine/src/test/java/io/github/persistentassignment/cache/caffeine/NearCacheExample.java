package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics-and-cache.md's near-cache example, run against real Redis. The region between the
 * tags is copied into docs/metrics-and-cache.md, and storage-memory's {@code DocsSnippetsTest}
 * fails when the two differ.
 */
@DisplayName("docs/metrics-and-cache.md near-cache example")
class NearCacheExample {
  private final String keyPrefix = "pa-readme-" + UUID.randomUUID() + ":";

  @Test
  @DisplayName("serves a returning user from memory within freshFor")
  void example() {
    String redisUrl = TestBackends.redisUrl();
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(
                Experiment.builder("checkout_button")
                    .group("Control", 50, Map.of("color", "blue"))
                    .group("Test", 50, Map.of("color", "green"))
                    .build())
            .build();
    RedisPersistentStorage redis =
        RedisPersistentStorage.builder(redisUrl).keyPrefix(keyPrefix).build();
    try {
      // tag::near-cache[]
      CachingPersistentStorage storage =
          CachingPersistentStorage.builder(redis) // any PersistentStorage
              .maximumUsers(50_000) // keys held at most: one per user and id type
              .freshFor(Duration.ofSeconds(5)) // how long another instance's write may go unseen
              .serveStaleOnFailure(Duration.ofMinutes(10)) // a failed load answered from memory
              .build();
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();

      Assignment first = assignment.forUser(User.of("test-123")).getExperiment("checkout_button");
      // The same user's next request within 5 s is served from memory: no round trip to Redis.
      Assignment again = assignment.forUser(User.of("test-123")).getExperiment("checkout_button");

      storage.close(); // drops the cache; the Redis storage stays open until you close it
      // end::near-cache[]
      assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo(first.groupName());
      assertThat(redis.load("test-123:userID").get("checkout_button")).contains(first.values());
    } finally {
      redis.deleteAll("test-123:userID");
      redis.close();
    }
  }
}
