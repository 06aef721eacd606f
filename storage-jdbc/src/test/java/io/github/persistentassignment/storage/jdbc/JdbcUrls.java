package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test servers' JDBC URLs, and the same URLs pointed at a {@link FaultProxy} instead. */
final class JdbcUrls {
  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)");

  private JdbcUrls() {}

  /** The MariaDB server's URL, without TLS: Connector/J wants it, the loopback server has none. */
  static String mariadb() {
    String url = TestBackends.mariadbUrl();
    return url.contains("sslMode") ? url : withParameter(url, "sslMode=disable");
  }

  /** The URL with one more {@code name=value} parameter. */
  static String withParameter(String url, String parameter) {
    return url + (url.contains("?") ? "&" : "?") + parameter;
  }

  /** The host and port the URL names. */
  static InetSocketAddress server(String url) {
    Matcher matcher = hostPort(url);
    return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }

  /** The same URL, reaching the server through the proxy. */
  static String through(String url, FaultProxy proxy) {
    return hostPort(url).replaceFirst("//" + proxy.host() + ":" + proxy.port());
  }

  private static Matcher hostPort(String url) {
    Matcher matcher = HOST_PORT.matcher(url);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no //host:port in " + url);
    }
    return matcher;
  }
}
