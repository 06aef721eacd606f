package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.conformance.servers.LocalRedisServers;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;

/**
 * A Redis Cluster for tests: the one {@code PA_TEST_REDIS_CLUSTER} names, else three masters this
 * JVM starts ({@link LocalRedisServers#cluster()}) and stops on {@link #close()}.
 */
public final class ClusterFixture implements AutoCloseable {
  private final @Nullable LocalRedisServers local;
  private final List<String> nodes;

  private ClusterFixture(@Nullable LocalRedisServers local, List<String> nodes) {
    this.local = local;
    this.nodes = nodes;
  }

  /**
   * Starts (or finds) the cluster: skips the calling test when {@code redis-server} is missing, or
   * fails it when {@code PA_REQUIRE_BACKENDS=true}.
   *
   * @return the running cluster
   */
  public static ClusterFixture start() {
    String configured = System.getenv("PA_TEST_REDIS_CLUSTER");
    if (configured != null && !configured.isBlank()) {
      return new ClusterFixture(null, TestBackends.redisClusterNodes());
    }
    LocalRedisServers cluster = LocalRedisServers.cluster();
    return new ClusterFixture(cluster, cluster.nodes());
  }

  /** Whether this JVM started the cluster, so its statistics may be reset. */
  boolean startedHere() {
    return local != null;
  }

  /**
   * The cluster's seed nodes as {@code host:port}.
   *
   * @return the nodes
   */
  public List<String> nodes() {
    return nodes;
  }

  /**
   * The cluster's seed nodes.
   *
   * @return the nodes
   */
  public Set<HostAndPort> hostAndPorts() {
    Set<HostAndPort> set = new LinkedHashSet<>();
    nodes.forEach(node -> set.add(HostAndPort.from(node)));
    return set;
  }

  /** Stops the cluster if this JVM started it. */
  @Override
  public void close() {
    if (local != null) {
      local.close();
    }
  }
}
