package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import com.statsig.sdk.DynamicConfig;
import com.statsig.sdk.EvaluationReason;
import com.statsig.sdk.GetExperimentOptions;
import com.statsig.sdk.PersistentAssignmentOptions;
import com.statsig.sdk.StatsigOptions;
import com.statsig.sdk.StatsigServer;
import com.statsig.sdk.StatsigUser;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * docs/statsig.md's Statsig snippets. The regions between the tags are copied onto docs/statsig.md,
 * and storage-memory's {@code DocsSnippetsTest} fails when the two differ; the test here runs them
 * with the real SDK against a real Redis.
 */
@DisplayName("docs/statsig.md Statsig example")
class StatsigDocsExample {
  static StatsigPersistentStorage setUp(String redisUrl, StatsigOptions options) {
    // tag::statsig-setup[]
    // Any of our storages; this one creates its Redis client and closes it in close().
    PersistentStorage storage = RedisPersistentStorage.builder(redisUrl).build();
    StatsigPersistentStorage stickyStorage = StatsigPersistentStorage.of(storage);
    options.setUserPersistentStorage(stickyStorage);
    // Initialize Statsig with these options as usual; close the storage after shutting it down.
    // end::statsig-setup[]
    return stickyStorage;
  }

  static DynamicConfig evaluate(
      StatsigServer statsig, StatsigPersistentStorage stickyStorage, StatsigUser user) {
    // tag::statsig-evaluate[]
    // Always pass the user's stored values: getExperimentSync(user, name) without them
    // makes the SDK delete the user's stored assignment for that experiment.
    GetExperimentOptions sticky =
        new GetExperimentOptions(
            false, // disableExposureLogging
            stickyStorage.persistedValues(user, "userID"), // the experiment's id type
            new PersistentAssignmentOptions(false, false)); // enforceTargeting, enforceOverrides
    DynamicConfig experiment = statsig.getExperimentSync(user, "sticky_exp", sticky);
    // end::statsig-evaluate[]
    return experiment;
  }

  @AfterAll
  static void awaitSdkShutdowns() {
    OfflineStatsig.awaitShutdowns();
  }

  @Test
  @DisplayName("saves the first assignment in Redis, then serves it after the split changes")
  void example() {
    String url = TestBackends.redisUrl();
    String userId = "readme-" + UUID.randomUUID();
    StatsigUser user = new StatsigUser(userId);
    try (UnifiedJedis raw = RedisClient.create(URI.create(url))) {
      try {
        StatsigOptions v1Options = OfflineStatsig.offlineOptions(OfflineStatsig.V1_SPLIT);
        StatsigPersistentStorage stickyStorage = setUp(url, v1Options);
        DynamicConfig first;
        try (OfflineStatsig v1 = OfflineStatsig.start(v1Options)) {
          first = evaluate(v1.server(), stickyStorage, user);
        }
        assertThat(raw.hkeys("pa:" + userId + ":userID")).containsExactly("sticky_exp");

        StatsigOptions v2Options = OfflineStatsig.offlineOptions(OfflineStatsig.V2_SPLIT_CHANGED);
        v2Options.setUserPersistentStorage(stickyStorage);
        try (OfflineStatsig v2 = OfflineStatsig.start(v2Options)) {
          DynamicConfig again = evaluate(v2.server(), stickyStorage, user);
          assertThat(again.getGroupName()).isEqualTo(first.getGroupName());
          assertThat(again.getEvaluationDetails().getReason())
              .isEqualTo(EvaluationReason.PERSISTED);
        }
        stickyStorage.storage().close();
      } finally {
        raw.del("pa:" + userId + ":userID");
      }
    }
  }
}
