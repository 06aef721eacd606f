package io.github.persistentassignment.storage.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;

/**
 * One parsed server address: a {@code redis://} or {@code rediss://} URL, or a bare {@code
 * host:port} (cluster nodes). Credentials stay here and never reach a message: {@link #redacted()}
 * is what errors show.
 */
record RedisAddress(
    HostAndPort hostAndPort,
    boolean tls,
    @Nullable String user,
    @Nullable String password,
    int database,
    String redacted) {

  private static final int DEFAULT_PORT = 6379;

  /**
   * Parses a {@code redis://[user[:password]@]host[:port][/database]} or {@code rediss://…} URL.
   *
   * @throws IllegalArgumentException naming the URL (with any password hidden) if it is not one
   */
  static RedisAddress parseUrl(String url) {
    String shown = redact(url);
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid(shown, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw invalid(shown, "the scheme must be redis or rediss");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw invalid(shown, "no host");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    checkPort(port, shown);
    String user = null;
    String password = null;
    String userInfo = uri.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        // redis://secret@host is the classic single-password form (AUTH <password>).
        password = userInfo;
      } else {
        user = userInfo.substring(0, colon).isEmpty() ? null : userInfo.substring(0, colon);
        password = userInfo.substring(colon + 1);
      }
    }
    int database = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw invalid(shown, "the path must be a database number");
      }
      if (database < 0) {
        throw invalid(shown, "the database number must not be negative");
      }
    }
    return new RedisAddress(
        new HostAndPort(host, port), scheme.equals("rediss"), user, password, database, shown);
  }

  /**
   * Parses a cluster node: {@code host:port}, or a URL as {@link #parseUrl}.
   *
   * @throws IllegalArgumentException naming the node if it is neither
   */
  static RedisAddress parseNode(String node) {
    String trimmed = node.strip();
    if (trimmed.contains("://")) {
      return parseUrl(trimmed);
    }
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid Redis Cluster node '" + trimmed + "': expected host:port or a redis:// URL");
    }
    String host = trimmed.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid Redis Cluster node '" + trimmed + "': the port is not a number", e);
    }
    checkPort(port, trimmed);
    return new RedisAddress(new HostAndPort(host, port), false, null, null, 0, trimmed);
  }

  /** {@code host:port}, for messages. */
  String endpoint() {
    return hostAndPort.getHost() + ":" + hostAndPort.getPort();
  }

  private static void checkPort(int port, String shown) {
    if (port < 1 || port > 65_535) {
      throw invalid(shown, "the port must be between 1 and 65535");
    }
  }

  private static IllegalArgumentException invalid(String shown, String reason) {
    return new IllegalArgumentException("Invalid Redis URL '" + shown + "': " + reason);
  }

  /** The URL with the password of its user info replaced by {@code ***}. */
  static String redact(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String userInfo = url.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String hidden = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
    return url.substring(0, scheme + 3) + hidden + url.substring(at);
  }
}
