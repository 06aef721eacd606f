package io.github.persistentassignment.conformance.servers;

import org.jspecify.annotations.Nullable;

/**
 * A kind of server the adapters' tests run against, and how {@link TestBackends} finds one: the
 * environment variable that names it, the container image started for it, and its default port on
 * the loopback address.
 */
public enum Backend {
  /** A standalone Redis server. */
  REDIS("Redis", "PA_TEST_REDIS_URL", "redis://127.0.0.1:6379", "redis:7-alpine", 6379),
  /**
   * A Redis Cluster, named by its seed nodes. Only the environment variable finds one: a cluster
   * needs several cooperating processes, which a test fixture starts.
   */
  REDIS_CLUSTER(
      "Redis Cluster",
      "PA_TEST_REDIS_CLUSTER",
      "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002",
      null,
      0),
  /** A PostgreSQL server with a database {@code test} that user {@code postgres} reaches. */
  POSTGRES(
      "PostgreSQL",
      "PA_TEST_POSTGRES_URL",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
      "postgres:16-alpine",
      5432),
  /** A MariaDB (or MySQL) server with a database {@code test} that user {@code root} reaches. */
  MARIADB(
      "MariaDB",
      "PA_TEST_MARIADB_URL",
      "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable",
      "mariadb:11",
      3306),
  /** DynamoDB Local. */
  DYNAMODB(
      "DynamoDB Local",
      "PA_TEST_DYNAMODB_ENDPOINT",
      "http://127.0.0.1:8000",
      "amazon/dynamodb-local",
      8000);

  private final String displayName;
  private final String environmentVariable;
  private final String example;
  private final @Nullable String image;
  private final int defaultPort;

  Backend(
      String displayName,
      String environmentVariable,
      String example,
      @Nullable String image,
      int defaultPort) {
    this.displayName = displayName;
    this.environmentVariable = environmentVariable;
    this.example = example;
    this.image = image;
    this.defaultPort = defaultPort;
  }

  /**
   * The server's name for messages, such as {@code PostgreSQL}.
   *
   * @return the name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The environment variable that names this backend's address, such as {@code PA_TEST_REDIS_URL}.
   * It wins over every other way of finding a server.
   *
   * @return the variable's name
   */
  public String environmentVariable() {
    return environmentVariable;
  }

  /**
   * The container image started through Testcontainers.
   *
   * @return the image, or null when no container is started for this backend
   */
  public @Nullable String image() {
    return image;
  }

  /**
   * The port the server listens on by default, probed on {@code 127.0.0.1}.
   *
   * @return the port, or 0 when a server on a default port is not looked for
   */
  public int defaultPort() {
    return defaultPort;
  }

  /**
   * The address of a server of this kind at {@code host:port}, in the form the environment variable
   * takes: a Redis URL, a JDBC URL, an HTTP endpoint.
   *
   * @param host the host, a loopback address
   * @param port the port
   * @return the address
   */
  public String address(String host, int port) {
    String hostPort = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    switch (this) {
      case REDIS:
        return "redis://" + hostPort;
      case POSTGRES:
        return "jdbc:postgresql://" + hostPort + "/test?user=postgres";
      case MARIADB:
        // Local and container test servers have no TLS; Connector/J 4 would insist on it.
        return "jdbc:mariadb://" + hostPort + "/test?user=root&sslMode=disable";
      case DYNAMODB:
        return "http://" + hostPort;
      case REDIS_CLUSTER:
      default:
        return hostPort;
    }
  }

  /**
   * How to provide a server of this kind, for the message of a skipped or failed test.
   *
   * @return the instructions
   */
  public String howToProvide() {
    StringBuilder how =
        new StringBuilder("No ")
            .append(displayName)
            .append(" server was found for this test. Provide one: set ")
            .append(environmentVariable)
            .append(" (for example ")
            .append(environmentVariable)
            .append('=')
            .append(example)
            .append(')');
    if (image != null) {
      how.append(
              "; or install and start Docker, with org.testcontainers:testcontainers on the test")
          .append(" class path, and ")
          .append(image)
          .append(" is started for you");
    }
    if (defaultPort > 0) {
      how.append("; or start ")
          .append(displayName)
          .append(" listening on 127.0.0.1:")
          .append(defaultPort)
          .append(" (it is then used as ")
          .append(address("127.0.0.1", defaultPort))
          .append(')');
    }
    return how.append('.').toString();
  }
}
