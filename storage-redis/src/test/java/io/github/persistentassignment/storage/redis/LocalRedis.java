package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.conformance.servers.LocalRedisServers;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * A Redis server or cluster this JVM starts ({@link LocalRedisServers}), seen through Jedis types,
 * for the tests that inspect or reset the server directly (statistics, scripts, a lower {@code
 * proto-max-bulk-len}), which a shared server must not be subjected to.
 */
final class LocalRedis implements AutoCloseable {
  private final LocalRedisServers server;

  private LocalRedis(LocalRedisServers server) {
    this.server = server;
  }

  /**
   * Starts one standalone server; skips the calling test without {@code redis-server}, or fails it
   * when {@code PA_REQUIRE_BACKENDS=true}.
   *
   * @param extraArguments more {@code redis-server} arguments, such as {@code
   *     "--proto-max-bulk-len", "1mb"}
   */
  static LocalRedis standalone(String... extraArguments) {
    return new LocalRedis(LocalRedisServers.standalone(extraArguments));
  }

  /**
   * Starts a Redis Cluster of three masters, for tests that reconfigure its nodes (announced
   * addresses, ACL users); skips or fails like {@link #standalone}.
   */
  static LocalRedis cluster() {
    return new LocalRedis(LocalRedisServers.cluster());
  }

  /** The servers' addresses: one for a standalone server, every node of a cluster. */
  List<HostAndPort> nodes() {
    return server.nodes().stream().map(HostAndPort::from).toList();
  }

  /** The server's URL. */
  String url() {
    return server.url();
  }

  /** Stops the server. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** Short timeouts for the direct connections tests open to a node. */
  static JedisClientConfig clientConfig() {
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(1_000)
        .socketTimeoutMillis(5_000)
        .build();
  }
}
