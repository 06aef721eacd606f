package io.github.persistentassignment.spring.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Real PostgreSQL and Redis for the tests, each test with its own table or key prefix. */
public final class Backends {
  private Backends() {}

  /**
   * A unique name, such as a table or key prefix.
   *
   * @param prefix the start
   * @return the prefix and a random part
   */
  public static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * A HikariCP pool to PostgreSQL, through {@code hostPort} when given (a fault proxy).
   *
   * @param hostPort "host:port" to connect to instead of the server's, or null
   * @return the pool; the caller closes it
   */
  public static HikariDataSource postgres(String hostPort) {
    String url = TestBackends.postgresUrl();
    if (hostPort != null) {
      URI server = URI.create(url.substring("jdbc:".length()));
      url = url.replace(server.getHost() + ":" + server.getPort(), hostPort);
    }
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "socketTimeout=3&connectTimeout=2");
    pool.setConnectionTimeout(1_000);
    pool.setValidationTimeout(500);
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(0);
    pool.setInitializationFailTimeout(-1); // no connection at startup: a store may be down
    return pool;
  }

  /**
   * The PostgreSQL server's "host:port".
   *
   * @return host and port
   */
  public static URI postgresServer() {
    return URI.create(TestBackends.postgresUrl().substring("jdbc:".length()));
  }

  /**
   * Drops a table.
   *
   * @param table the table
   */
  public static void dropTable(String table) {
    try (HikariDataSource pool = postgres(null);
        Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A Redis client, to {@code hostPort} when given (a fault proxy).
   *
   * @param hostPort "host:port" instead of the server's, or null
   * @return the client; the caller closes it
   */
  public static RedisClient redis(String hostPort) {
    URI server = URI.create(TestBackends.redisUrl());
    String url =
        hostPort == null
            ? server.toString()
            : server.toString().replace(server.getHost() + ":" + server.getPort(), hostPort);
    return RedisClient.create(URI.create(url));
  }

  /**
   * The Redis server's URL.
   *
   * @return the URL
   */
  public static URI redisServer() {
    return URI.create(TestBackends.redisUrl());
  }

  /**
   * Deletes every key under a prefix (never a flush: other tests share the server).
   *
   * @param prefix the test's key prefix
   */
  public static void deleteKeys(String prefix) {
    try (UnifiedJedis client = redis(null)) {
      List<String> keys = new ArrayList<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*"));
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      for (String key : keys) {
        client.del(key);
      }
    }
  }
}
