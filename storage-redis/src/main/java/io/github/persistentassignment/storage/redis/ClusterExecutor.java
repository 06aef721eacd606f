package io.github.persistentassignment.storage.redis;

import java.time.Duration;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClusterInfoCache;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Runs a cluster client's commands in at most two attempts, on the node that owns the key's slot.
 * Jedis's own cluster executor would retry up to five times, timeouts included, and learn the
 * cluster's layout again in the caller's thread after a failure, each step with its own timeouts;
 * this one leaves the relearning to a {@link LayoutRefresher} in the background.
 */
final class ClusterExecutor extends TwoAttemptExecutor {
  private final ClusterConnectionProvider provider;
  private final LayoutRefresher refresher;

  ClusterExecutor(ClusterConnectionProvider provider, Duration operationTimeout) {
    super(operationTimeout);
    this.provider = provider;
    this.refresher = new LayoutRefresher(provider);
  }

  @Override
  Connection connectionFor(CommandObject<?> command) {
    return provider.getConnection(command.getArguments());
  }

  @Override
  Connection connectionTo(HostAndPort node, JedisRedirectionException redirection) {
    return provider.getConnection(node);
  }

  @Override
  void dropIdleConnectionsLike(Connection failed) {
    ConnectionPool pool =
        provider.getNodes().get(JedisClusterInfoCache.getNodeKey(failed.getHostAndPort()));
    if (pool != null) {
      pool.clear();
    }
  }

  @Override
  void layoutMayHaveChanged() {
    refresher.request();
  }

  @Override
  public void close() {
    try {
      refresher.close();
    } finally {
      provider.close();
    }
  }
}
