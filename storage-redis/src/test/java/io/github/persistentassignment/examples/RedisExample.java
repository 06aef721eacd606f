package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.ClusterFixture;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * docs/redis.md's Redis snippets. The regions between the tags are copied onto docs/redis.md, and
 * {@code DocsSnippetsTest} fails when the two differ; these tests run them against real servers.
 */
@DisplayName("docs/redis.md Redis examples")
class RedisExample {
  private static final ExperimentCatalog CATALOG =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  static Assignment standalone(String redisUrl, String userId) {
    ExperimentCatalog catalog = CATALOG;
    // tag::redis-standalone[]
    // redisUrl: "redis://localhost:6379", or "rediss://user:password@host:6380/0" for TLS and ACL.
    // The storage creates the client from it, owns it and closes it.
    try (PersistentStorage storage =
        RedisPersistentStorage.builder(redisUrl)
            .expireAfter(Duration.ofDays(90)) // optional: expire 90 days after the last save
            .build()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
      // Per request; the user's hash is loaded once, at the first evaluation.
      UserAssignments user = assignment.forUser(User.of(userId));
      return user.getExperiment("checkout_button");
    }
    // end::redis-standalone[]
  }

  static Assignment cluster(Set<HostAndPort> seedNodes, String userId) {
    ExperimentCatalog catalog = CATALOG;
    // tag::redis-cluster[]
    // A client you already have (RedisClient, RedisClusterClient or any UnifiedJedis) is shared,
    // never closed by the storage; close it yourself when the application stops.
    try (RedisClusterClient redis = RedisClusterClient.create(seedNodes);
        PersistentStorage storage = RedisPersistentStorage.builder(redis).build()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
      UserAssignments user = assignment.forUser(User.of(userId));
      return user.getExperiment("checkout_button");
    }
    // end::redis-cluster[]
  }

  static long settingsAndErasing(String redisUrl, String userKey) {
    // tag::redis-settings[]
    // Each setting is also a store-URL option of the same name, as in
    // PersistentStorages.open("redis://host:6379", Map.of("operationTimeout", "500ms")).
    RedisPersistentStorage storage =
        RedisPersistentStorage.builder(redisUrl)
            .keyPrefix("myapp:pa:")
            .expireAfter(Duration.ofDays(90))
            .connectTimeout(Duration.ofSeconds(1))
            .operationTimeout(Duration.ofMillis(500)) // one call's replies; each bulk batch's
            .poolTimeout(Duration.ofMillis(200))
            .maxConnections(16)
            .maxValueBytes(64 * 1024)
            .build(); // checks every setting, connects to nothing: starts while Redis is down
    // end::redis-settings[]
    try (storage) {
      storage.save(userKey, "old_experiment", TestValuesForExamples.VALUES);
      // tag::redis-erase[]
      storage.deleteAll(userKey); // erase one user: one DEL of their hash
      long removed = storage.purge("old_experiment"); // a stopped experiment: SCAN + HDEL batches
      // end::redis-erase[]
      return removed;
    }
  }

  @Test
  @DisplayName("the settings example builds, and erases a user and a stopped experiment")
  void settingsExample() {
    String url = TestBackends.redisUrl();
    String userKey = "readme-" + UUID.randomUUID() + ":userID";
    try (UnifiedJedis raw = RedisClient.create(URI.create(url))) {
      try {
        assertThat(settingsAndErasing(url, userKey)).isZero();
        assertThat(raw.exists("myapp:pa:" + userKey)).isFalse();
      } finally {
        raw.del("myapp:pa:" + userKey);
      }
    }
  }

  /** A value to store; the kit's samples are for the kit. */
  private static final class TestValuesForExamples {
    static final io.github.persistentassignment.StickyValues VALUES =
        io.github.persistentassignment.StickyValues.builder().value(true).groupName("Test").build();
  }

  @Test
  @DisplayName("the standalone example saves the first assignment, then serves it")
  void standaloneExample() {
    String url = TestBackends.redisUrl();
    String userId = "readme-" + UUID.randomUUID();
    try (UnifiedJedis raw = RedisClient.create(URI.create(url))) {
      try {
        Assignment first = standalone(url, userId);
        Assignment again = standalone(url, userId);
        assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
        assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
        assertThat(again.groupName()).isEqualTo(first.groupName());
        assertThat(raw.hkeys("pa:" + userId + ":userID")).containsExactly("checkout_button");
        assertThat(raw.pttl("pa:" + userId + ":userID")).isPositive();
      } finally {
        raw.del("pa:" + userId + ":userID");
      }
    }
  }

  @Test
  @DisplayName("the cluster example saves the first assignment, then serves it")
  void clusterExample() {
    String userId = "readme-" + UUID.randomUUID();
    try (ClusterFixture fixture = ClusterFixture.start()) {
      Set<HostAndPort> seeds = fixture.hostAndPorts();
      Assignment first = cluster(seeds, userId);
      Assignment again = cluster(seeds, userId);
      assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
      assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo(first.groupName());
      try (RedisClusterClient raw = RedisClusterClient.create(seeds)) {
        raw.del("pa:" + userId + ":userID");
      }
    }
  }
}
