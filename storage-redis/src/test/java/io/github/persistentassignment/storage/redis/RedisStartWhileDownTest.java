package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * An application starts while Redis is down: building the storage does no I/O, evaluations fail
 * open ({@code STORAGE_UNAVAILABLE}, no exception) while Redis refuses connections, and the same
 * storage works once Redis answers, on a standalone server and on a cluster (whose layout is read
 * on first use, and again on each later call until it succeeds).
 */
@DisplayName("RedisPersistentStorage built while Redis is down")
class RedisStartWhileDownTest {
  private static final ExperimentCatalog CATALOG =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  @Test
  @DisplayName("standalone: fails open while refused, then works without being rebuilt")
  void standalone() throws Exception {
    String prefix = RedisKitVariant.uniquePrefix("start-down");
    URI server = URI.create(TestBackends.redisUrl());
    try (FaultProxy proxy = FaultProxy.start(server.getHost(), server.getPort())) {
      proxy.refuseConnections();
      try (RedisPersistentStorage storage =
          withShortTimeouts(
                  RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port()))
              .keyPrefix(prefix)
              .build()) {
        failsOpenThenRecovers(storage, List.of(proxy));
      }
    } finally {
      try (RedisClient raw = RedisClient.create(server)) {
        RedisKeys.deleteByPrefix(raw, prefix);
      }
    }
  }

  @Test
  @DisplayName("cluster: building reads no layout; the first call after the nodes answer does")
  void cluster() throws Exception {
    String prefix = RedisKitVariant.uniquePrefix("start-down-cluster");
    List<FaultProxy> proxies = new ArrayList<>();
    try (ProxiedCluster cluster = ProxiedCluster.start()) {
      for (InetSocketAddress node : cluster.nodeAddresses()) {
        proxies.add(FaultProxy.start(node.getHostString(), node.getPort()));
      }
      cluster.announce(proxies);
      proxies.forEach(FaultProxy::refuseConnections);
      try (RedisPersistentStorage storage =
          withShortTimeouts(RedisPersistentStorage.clusterBuilder(ProxiedCluster.seeds(proxies)))
              .keyPrefix(prefix)
              .build()) {
        failsOpenThenRecovers(storage, proxies);
      }
    } finally {
      proxies.forEach(FaultProxy::close);
    }
  }

  private static RedisPersistentStorage.Builder withShortTimeouts(
      RedisPersistentStorage.Builder builder) {
    return builder
        .connectTimeout(Duration.ofMillis(500))
        .operationTimeout(Duration.ofMillis(500))
        .poolTimeout(Duration.ofMillis(250));
  }

  private static void failsOpenThenRecovers(
      RedisPersistentStorage storage, List<FaultProxy> proxies) {
    PersistentAssignment assignment =
        PersistentAssignment.builder().storage(storage).evaluator(CATALOG).build();
    User user = User.of("start-" + UUID.randomUUID());
    for (int i = 0; i < 3; i++) {
      // Each call tries again (a cluster's layout included), and fails open each time.
      assertThatCode(
              () ->
                  assertThat(assignment.forUser(user).getExperiment("checkout_button").reason())
                      .isEqualTo(Assignment.Reason.STORAGE_UNAVAILABLE))
          .doesNotThrowAnyException();
    }

    proxies.forEach(FaultProxy::pass);

    Assignment first = assignment.forUser(user).getExperiment("checkout_button");
    assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
    Assignment again = assignment.forUser(user).getExperiment("checkout_button");
    assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo(first.groupName());
  }
}
