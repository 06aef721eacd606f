package io.github.persistentassignment.storage.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionFactory;

/**
 * Opens the JDK {@link HttpURLConnection}s of the client the builder creates, as the SDK's
 * url-connection client does, but with connect and read timeouts that never reach past the current
 * operation's {@link Deadline}. The SDK's own timeout cannot stop a TCP connect in progress (see
 * {@link Deadline}); capping the connect itself can.
 *
 * <p>Connections follow the JVM's proxy settings ({@code https.proxyHost}, {@code
 * http.nonProxyHosts}, {@code java.net.useSystemProxies}) and TLS defaults. The JDK keeps idle
 * connections for reuse and, before it reuses one for a POST with a fixed length (which every SDK
 * request is), checks that the peer has not closed or reset it: connections an outage cut are
 * dropped then, not handed to the first requests after it.
 */
final class DeadlineBoundConnections implements UrlConnectionFactory {
  private final Duration connectTimeout;
  private final Duration readTimeout;

  DeadlineBoundConnections(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  @Override
  public HttpURLConnection createConnection(URI uri) {
    try {
      // No I/O happens here: the SDK connects later, on this same thread, within the deadline.
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(Deadline.capMillis(connectTimeout));
      connection.setReadTimeout(Deadline.capMillis(readTimeout));
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a connection to " + uri, e);
    }
  }
}
