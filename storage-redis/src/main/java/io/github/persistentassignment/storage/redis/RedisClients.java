package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.StorageException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Creates the Jedis clients the adapter owns, from parsed addresses and the builder's settings. */
final class RedisClients {
  private RedisClients() {}

  static RedisClient standalone(RedisAddress address, Settings settings) {
    JedisClientConfig config = clientConfig(address, settings).database(address.database()).build();
    PooledConnectionProvider provider =
        new PooledConnectionProvider(address.hostAndPort(), config, poolConfig(settings));
    return RedisClient.builder()
        .hostAndPort(address.hostAndPort())
        .clientConfig(config)
        .connectionProvider(provider)
        .commandExecutor(new StandaloneExecutor(provider))
        .build();
  }

  static RedisClusterClient cluster(List<RedisAddress> nodes, Settings settings) {
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
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    nodes.forEach(node -> seeds.add(node.hostAndPort()));
    JedisClientConfig config = clientConfig(first, settings).build();
    try {
      // Reads the cluster's layout from the first seed that answers.
      ClusterConnectionProvider provider =
          new ClusterConnectionProvider(seeds, config, poolConfig(settings));
      return RedisClusterClient.builder()
          .nodes(seeds)
          .clientConfig(config)
          .connectionProvider(provider)
          .commandExecutor(new ClusterExecutor(provider))
          .build();
    } catch (JedisException e) {
      throw new StorageException(
          "Could not reach Redis Cluster through " + describe(nodes) + ": " + e.getMessage(), e);
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
            .socketTimeoutMillis(millis(settings.socketTimeout()))
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

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  /** The builder's connection settings for clients the adapter creates. */
  record Settings(
      Duration connectTimeout, Duration socketTimeout, Duration poolTimeout, int maxConnections) {}
}
