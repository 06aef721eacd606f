package io.github.persistentassignment.storage.redis;

import java.time.Duration;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Runs a standalone client's commands in at most two attempts, over one pool. */
final class StandaloneExecutor extends TwoAttemptExecutor {
  private final PooledConnectionProvider provider;

  StandaloneExecutor(PooledConnectionProvider provider, Duration operationTimeout) {
    super(operationTimeout);
    this.provider = provider;
  }

  @Override
  Connection connectionFor(CommandObject<?> command) {
    return provider.getConnection();
  }

  @Override
  Connection connectionTo(HostAndPort node, JedisRedirectionException redirection) {
    // A standalone server does not redirect; one that does is a cluster node, wrongly configured.
    throw redirection;
  }

  @Override
  void dropIdleConnectionsLike(Connection failed) {
    provider.getPool().clear();
  }

  @Override
  void layoutMayHaveChanged() {
    // One server: no layout to learn.
  }

  @Override
  public void close() {
    provider.close();
  }
}
