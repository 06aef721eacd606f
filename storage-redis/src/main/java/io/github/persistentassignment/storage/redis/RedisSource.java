package io.github.persistentassignment.storage.redis;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where a storage's client comes from: exactly one of a caller's client, a URL or cluster nodes.
 */
record RedisSource(
    @Nullable UnifiedJedis callers, @Nullable RedisAddress url, List<RedisAddress> nodes) {

  static RedisSource of(UnifiedJedis client) {
    return new RedisSource(client, null, List.of());
  }

  static RedisSource of(RedisAddress url) {
    return new RedisSource(null, url, List.of());
  }

  /**
   * Parses and checks cluster nodes, without I/O.
   *
   * @throws IllegalArgumentException if there are none, one is malformed, or they differ in scheme
   *     or credentials
   */
  static RedisSource ofNodes(@Nullable Collection<String> nodes) {
    requireNonNullArgument(nodes, "nodes");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes must not be empty");
    }
    List<RedisAddress> parsed = new ArrayList<>();
    for (String node : nodes) {
      parsed.add(RedisAddress.parseNode(requireNonBlank(node, "node")));
    }
    RedisClients.checkClusterNodes(parsed);
    return new RedisSource(null, null, List.copyOf(parsed));
  }

  /** Fails when a connection setting was given for a caller's client, to which it cannot apply. */
  void rejectForCallersClient(String setting, @Nullable Object value) {
    if (value != null) {
      throw new IllegalArgumentException(
          setting
              + " applies only to a client the storage creates (from a URL or cluster nodes);"
              + " set it on your own client instead");
    }
  }

  /**
   * The connector of a storage: over the caller's client, or creating one with {@code settings}.
   */
  RedisConnector connector(RedisClients.@Nullable Settings settings) {
    if (callers != null) {
      return RedisConnector.callers(callers, describe(callers));
    }
    RedisClients.Settings checked = requireNonNullArgument(settings, "settings");
    if (url != null) {
      // A pooled standalone client opens no connection until the first command: create it now.
      RedisConnector connector =
          RedisConnector.owned(
              () -> RedisClients.standalone(url, checked), "Redis " + url.endpoint());
      connector.client();
      return connector;
    }
    return RedisConnector.owned(
        () -> RedisClients.cluster(nodes, checked),
        "Redis Cluster " + RedisClients.describe(nodes));
  }

  private static String describe(UnifiedJedis client) {
    if (client instanceof RedisClusterClient cluster) {
      return "Redis Cluster " + cluster.getClusterNodes().keySet();
    }
    return "Redis";
  }
}
