package io.github.persistentassignment.storage.jdbc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The driver properties that bound every network wait of a connection the storage's own pool opens:
 * connecting and logging in, and each read from the server. Each driver spells them differently,
 * and pgjdbc counts most of them in whole seconds. A property given in the JDBC URL wins over these
 * (both drivers let the URL override the properties they are passed).
 *
 * <p>Without them a query on a connection whose network path holds every byte would wait for ever:
 * pgjdbc enforces a query timeout by sending a cancel request over a new connection, which takes
 * the same dead path, and MariaDB's query timeout is enforced by the server it cannot reach.
 */
final class DriverTimeouts {
  private DriverTimeouts() {}

  /**
   * The properties for the driver that the URL names, or none for a driver without a network path
   * of its own here (SQLite, H2) or one this adapter does not know.
   *
   * @param jdbcUrl the pool's JDBC URL
   * @param connect how long opening a connection may take, login included
   * @param socket how long any read from the server may wait
   */
  static Map<String, String> forUrl(String jdbcUrl, Duration connect, Duration socket) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    Map<String, String> properties = new LinkedHashMap<>();
    if (url.startsWith("jdbc:postgresql:")) {
      // connectTimeout bounds the TCP connect, loginTimeout (fractional seconds) the whole login,
      // cancelSignalTimeout the side connection that carries a query-timeout cancel, and
      // socketTimeout every read on the connection.
      properties.put("connectTimeout", String.valueOf(wholeSeconds(connect)));
      properties.put("loginTimeout", String.valueOf(connect.toMillis() / 1000.0));
      properties.put("cancelSignalTimeout", String.valueOf(wholeSeconds(connect)));
      properties.put("socketTimeout", String.valueOf(wholeSeconds(socket)));
    } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      // MariaDB Connector/J and MySQL Connector/J: milliseconds. connectTimeout also bounds each
      // read of the handshake.
      properties.put("connectTimeout", String.valueOf(connect.toMillis()));
      properties.put("socketTimeout", String.valueOf(socket.toMillis()));
    } else if (url.startsWith("jdbc:sqlite:")) {
      // No network, but one writer at a time: a connection waits for the write lock this long
      // (sqlite-jdbc's default is 3 s) rather than failing at once with SQLITE_BUSY.
      properties.put("busy_timeout", String.valueOf(socket.toMillis()));
      // Write-ahead logging: readers no longer block the writer nor it them, and a commit costs no
      // fsync of the main file (synchronous=NORMAL is durable across application crashes; a power
      // loss may lose the last commits). Ignored for an in-memory database.
      properties.put("journal_mode", "WAL");
      properties.put("synchronous", "NORMAL");
    }
    return properties;
  }

  /** Rounded up, so a driver that counts in seconds never waits less than was asked. */
  static long wholeSeconds(Duration duration) {
    long seconds = duration.toSeconds();
    return duration.toNanosPart() == 0 && seconds > 0 ? seconds : seconds + 1;
  }
}
