package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.spi.StorageLimits;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Creates the Jedis clients the adapter owns, from parsed addresses and the builder's settings. */
final class RedisClients {
  /** The longest timeout a builder accepts: longer waits are better expressed as "none". */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /** The largest pool a builder accepts. */
  static final int MAX_CONNECTIONS = 10_000;

  private RedisClients() {}

  /** A pooled standalone client; it opens no connection until the first command. */
  static RedisClient standalone(RedisAddress address, Settings settings) {
    JedisClientConfig config = clientConfig(address, settings).database(address.database()).build();
    PooledConnectionProvider provider =
        new PooledConnectionProvider(address.hostAndPort(), config, poolConfig(settings));
    return RedisClient.builder()
        .hostAndPort(address.hostAndPort())
        .clientConfig(config)
        .connectionProvider(provider)
        .commandExecutor(new StandaloneExecutor(provider, settings.operationTimeout()))
        .build();
  }

  /**
   * Checks, without I/O, that cluster nodes can share one client: one scheme, one user and
   * password, database 0.
   *
   * @throws IllegalArgumentException naming the nodes that differ
   */
  static void checkClusterNodes(List<RedisAddress> nodes) {
    RedisAddress first = nodes.get(0);
    for (RedisAddress node : nodes) {
      if (node.tls() != first.tls()
          || !Objects.equals(node.user(), first.user())
          || !Objects.equals(node.password(), first.password())) {
        throw new IllegalArgumentException(
            "Redis Cluster nodes must share one scheme and one user and password: '"
                + first.redacted()
                + "' and '"
                + node.redacted()
                + "' differ");
      }
      if (node.database() != 0) {
        throw new IllegalArgumentException(
            "Redis Cluster has only database 0: '" + node.redacted() + "'");
      }
    }
  }

  /**
   * A cluster client. Unlike {@link #standalone}, this does I/O: it reads the cluster's layout from
   * the first seed that answers, so the adapter calls it on first use, never at build time.
   *
   * @throws redis.clients.jedis.exceptions.JedisException if no seed answered
   */
  static RedisClusterClient cluster(List<RedisAddress> nodes, Settings settings) {
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    nodes.forEach(node -> seeds.add(node.hostAndPort()));
    JedisClientConfig config = clientConfig(nodes.get(0), settings).build();
    ClusterConnectionProvider provider =
        new ClusterConnectionProvider(seeds, config, poolConfig(settings));
    try {
      return RedisClusterClient.builder()
          .nodes(seeds)
          .clientConfig(config)
          .connectionProvider(provider)
          .commandExecutor(new ClusterExecutor(provider, settings.operationTimeout()))
          .build();
    } catch (RuntimeException e) {
      provider.close();
      throw e;
    }
  }

  static String describe(List<RedisAddress> nodes) {
    return nodes.stream().map(RedisAddress::endpoint).toList().toString();
  }

  private static DefaultJedisClientConfig.Builder clientConfig(
      RedisAddress address, Settings settings) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis(settings.connectTimeout()))
            .socketTimeoutMillis(millis(settings.operationTimeout()))
            .hostAndPortMapper(ConnectionReturn.mapper())
            .ssl(address.tls());
    if (address.user() != null) {
      config.user(address.user());
    }
    if (address.password() != null) {
      config.password(address.password());
    }
    return config;
  }

  private static ConnectionPoolConfig poolConfig(Settings settings) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(settings.maxConnections());
    pool.setMaxIdle(settings.maxConnections());
    // Never wait forever for a free connection.
    pool.setMaxWait(settings.poolTimeout());
    return pool;
  }

  static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  /**
   * The connection settings of a client the adapter creates, checked.
   *
   * @param connectTimeout opening a TCP connection (and its TLS handshake)
   * @param operationTimeout waiting for Redis's replies: per call, over both attempts; per batch
   *     for bulk operations
   * @param poolTimeout waiting for a pooled connection when all are in use
   * @param maxConnections the pool's size, per node on a cluster
   */
  record Settings(
      Duration connectTimeout,
      Duration operationTimeout,
      Duration poolTimeout,
      int maxConnections) {

    /** Checks the settings given (null: the default), naming one out of range. */
    static Settings of(
        @Nullable Duration connectTimeout,
        @Nullable Duration operationTimeout,
        @Nullable Duration poolTimeout,
        @Nullable Integer maxConnections) {
      return new Settings(
          timeout(connectTimeout, RedisPersistentStorage.DEFAULT_CONNECT_TIMEOUT, "connectTimeout"),
          timeout(
              operationTimeout,
              RedisPersistentStorage.DEFAULT_OPERATION_TIMEOUT,
              "operationTimeout"),
          timeout(poolTimeout, RedisPersistentStorage.DEFAULT_POOL_TIMEOUT, "poolTimeout"),
          StorageLimits.checkCount(
              maxConnections == null
                  ? RedisPersistentStorage.DEFAULT_MAX_CONNECTIONS
                  : maxConnections,
              "maxConnections",
              MAX_CONNECTIONS));
    }

    /**
     * The longest one bulk batch (one pipeline, or one per cluster node in parallel) may take: a
     * pooled connection, a new one, and the replies.
     */
    Duration batchTimeout() {
      return poolTimeout.plus(connectTimeout).plus(operationTimeout);
    }

    /**
     * Jedis and Redis count these durations in whole milliseconds, and Jedis reads a timeout of 0
     * as "wait forever": less than a millisecond is refused rather than rounded down to that.
     */
    private static Duration timeout(@Nullable Duration value, Duration fallback, String name) {
      Duration timeout =
          StorageLimits.checkDuration(value == null ? fallback : value, name, MAX_TIMEOUT);
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + timeout);
      }
      return timeout;
    }
  }
}
