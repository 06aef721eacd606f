package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import io.github.persistentassignment.spi.StoreOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opens Redis URLs for {@link io.github.persistentassignment.PersistentStorages}.
 *
 * <ul>
 *   <li>{@code redis://[[user]:password@]host[:port][/database]} and {@code rediss://…} (TLS) — a
 *       standalone server;
 *   <li>{@code redis-cluster://host:port,host:port,…} — a Redis Cluster, from some of its nodes;
 *       {@code rediss-cluster://…} connects with TLS, and {@code user:password@} before the first
 *       node authenticates to every node.
 * </ul>
 *
 * <p>Options, each the builder setting of the same name: {@code keyPrefix}, {@code expireAfter},
 * {@code maxValueBytes}, {@code connectTimeout}, {@code operationTimeout}, {@code poolTimeout} and
 * {@code maxConnections} (durations as {@code 500ms}, {@code 2s}, {@code 90d} or ISO-8601). The
 * builder's {@code clock} is the system clock here: a URL cannot carry one. An unknown option is an
 * {@link IllegalArgumentException} listing the known ones.
 *
 * <pre>{@code
 * PersistentStorage storage =
 *     PersistentStorages.open("redis://localhost:6379", Map.of("keyPrefix", "shop:pa:"));
 * }</pre>
 */
public final class RedisStorageProvider implements StorageProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public RedisStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss", "redis-cluster", "rediss-cluster");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    RedisPersistentStorage.Builder builder;
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://")) {
      builder = RedisPersistentStorage.clusterBuilder(clusterNodes(url));
    } else {
      builder = RedisPersistentStorage.builder(url);
    }
    StoreOptions settings = StoreOptions.of("Redis", options);
    settings.string("keyPrefix").ifPresent(builder::keyPrefix);
    settings.duration("expireAfter").ifPresent(builder::expireAfter);
    settings.count("maxValueBytes").ifPresent(builder::maxValueBytes);
    settings.duration("connectTimeout").ifPresent(builder::connectTimeout);
    settings.duration("operationTimeout").ifPresent(builder::operationTimeout);
    settings.duration("poolTimeout").ifPresent(builder::poolTimeout);
    settings.count("maxConnections").ifPresent(builder::maxConnections);
    settings.rejectUnknown();
    return builder.build();
  }

  /**
   * {@code redis-cluster://[user:password@]a:1,b:2} → {@code redis://[user:password@]a:1}, {@code
   * redis://[user:password@]b:2}: the node form {@link RedisPersistentStorage#clusterBuilder}
   * takes, with the TLS and credentials of the whole cluster on every node.
   */
  static List<String> clusterNodes(String url) {
    int schemeEnd = url.indexOf("://");
    String scheme =
        url.substring(0, schemeEnd).toLowerCase(Locale.ROOT).startsWith("rediss")
            ? "rediss"
            : "redis";
    String rest = url.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    String userInfo = "";
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      userInfo = rest.substring(0, at + 1);
      rest = rest.substring(at + 1);
    }
    List<String> nodes = new ArrayList<>();
    for (String node : rest.split(",", -1)) {
      if (node.isBlank()) {
        throw new IllegalArgumentException(
            "redis-cluster URL needs host:port nodes separated by commas, as in"
                + " redis-cluster://10.0.0.1:7000,10.0.0.2:7000");
      }
      nodes.add(scheme + "://" + userInfo + node.strip());
    }
    return nodes;
  }
}
