package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of real Redis reached through the kit's {@link FaultProxy}, under {@link
 * PersistentAssignment} with an {@link ExperimentCatalog}: the proxy cuts Redis off (new
 * connections refused, open ones reset) while the requests go on.
 */
@DisplayName("The near cache over Redis through an outage")
class RedisOutageTest {
  private static final String EXPERIMENT = "checkout_button";
  private static final List<String> USERS = List.of("alice", "bob");

  private final String prefix = "pa-cache-" + UUID.randomUUID() + ":";
  private final FakeTime time = new FakeTime();
  private final ExperimentCatalog catalog =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder(EXPERIMENT)
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();
  private FaultProxy proxy;
  private RedisPersistentStorage direct;
  private RedisPersistentStorage proxied;

  @BeforeEach
  void connect() throws Exception {
    URI redis = URI.create(TestBackends.redisUrl()); // skips without a server, unless required
    proxy = FaultProxy.start(redis.getHost(), redis.getPort());
    direct = RedisPersistentStorage.builder(TestBackends.redisUrl()).keyPrefix(prefix).build();
    proxied =
        RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port())
            .keyPrefix(prefix)
            .build();
  }

  @AfterEach
  void cleanUp() {
    USERS.forEach(user -> direct.deleteAll(user + ":userID"));
    proxied.close();
    direct.close();
    proxy.close();
  }

  private PersistentAssignment over(PersistentStorage storage) {
    return PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
  }

  private static Assignment request(PersistentAssignment assignment, String user) {
    return assignment.forUser(User.of(user)).getExperiment(EXPERIMENT);
  }

  @Test
  @DisplayName(
      "with serveStaleOnFailure, a user loaded before the outage keeps the stored group"
          + " (PERSISTED) while a user not in the cache gets STORAGE_UNAVAILABLE")
  void cachedUserKeepsTheStoredGroup() {
    // Both users have a stored group; only alice has been seen by this process.
    Assignment bobsFirst = request(over(direct), "bob");
    CachingPersistentStorage cache =
        CachingPersistentStorage.builder(proxied)
            .serveStaleOnFailure(Duration.ofMinutes(10))
            .ticker(time)
            .build();
    PersistentAssignment assignment = over(cache);
    Assignment alicesFirst = request(assignment, "alice");
    assertThat(alicesFirst.reason()).isEqualTo(Reason.EVALUATED);

    time.advance(Duration.ofMinutes(1)); // past freshness: the next load asks Redis
    proxy.cut();

    Assignment alice = request(assignment, "alice");
    assertThat(alice.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(alice.groupName()).isEqualTo(alicesFirst.groupName());
    Assignment bob = request(assignment, "bob");
    assertThat(bob.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(cache.staleKeysServed()).isEqualTo(1);
    assertThat(assignment.storageFailures()).as("failures PersistentAssignment saw").isEqualTo(1);
    assertThatThrownBy(() -> cache.save("alice:userID", "other", alicesFirst.values()))
        .as("a write during the outage")
        .isInstanceOf(StorageException.class);

    proxy.pass();
    Assignment bobAfter = request(assignment, "bob");
    assertThat(bobAfter.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(bobAfter.groupName()).isEqualTo(bobsFirst.groupName());
  }

  @Test
  @DisplayName("without serveStaleOnFailure, a user whose key is past its freshness is not served")
  void staleKeyIsNotServedByDefault() {
    CachingPersistentStorage cache = CachingPersistentStorage.builder(proxied).ticker(time).build();
    PersistentAssignment assignment = over(cache);
    Assignment first = request(assignment, "alice");

    proxy.cut();
    assertThat(request(assignment, "alice").reason())
        .as("within freshFor the cache answers without asking Redis")
        .isEqualTo(Reason.PERSISTED);

    time.advance(CachingPersistentStorage.DEFAULT_FRESH_FOR);
    Assignment alice = request(assignment, "alice");
    assertThat(alice.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(cache.staleKeysServed()).isZero();

    proxy.pass();
    Assignment recovered = request(assignment, "alice");
    assertThat(recovered.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(recovered.groupName()).isEqualTo(first.groupName());
  }
}
