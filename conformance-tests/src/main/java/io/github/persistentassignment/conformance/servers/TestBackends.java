package io.github.persistentassignment.conformance.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real servers for adapter tests: each method returns the address of a server of one kind, found as
 * {@link BackendResolver} describes (environment variable, then a Testcontainers container when
 * Testcontainers is on the class path and Docker is running, then a server on the default loopback
 * port), or skips the calling test with instructions, or fails it when {@code
 * PA_REQUIRE_BACKENDS=true}.
 *
 * <p>Call these from a test or a {@code @BeforeAll} method, so that a skip or failure is reported
 * against it:
 *
 * <pre>{@code
 * @BeforeAll
 * static void connect() {
 *   client = RedisClient.create(TestBackends.redisUrl());
 * }
 * }</pre>
 *
 * <p>Containers are started once per backend per JVM and stopped when it exits. Probing only ever
 * connects to {@code 127.0.0.1}; a container is used only when Docker publishes it on a loopback
 * address.
 */
public final class TestBackends {
  private static final Logger LOG = LoggerFactory.getLogger(TestBackends.class);
  private static final String TESTCONTAINERS_CLASS =
      "org.testcontainers.containers.GenericContainer";
  private static final int PROBE_TIMEOUT_MILLIS = 250;

  private static final BackendResolver RESOLVER =
      new BackendResolver(System.getenv(), dockerProbe(), TestBackends::isListeningOnLoopback);

  private TestBackends() {}

  /**
   * The resolver built from the real environment, Docker and loopback ports.
   *
   * @return the shared resolver
   */
  public static BackendResolver resolver() {
    return RESOLVER;
  }

  /**
   * A standalone Redis server, such as {@code redis://127.0.0.1:6379}.
   *
   * @return the Redis URL
   */
  public static String redisUrl() {
    return RESOLVER.resolve(Backend.REDIS);
  }

  /**
   * The seed nodes of a Redis Cluster, from {@code PA_TEST_REDIS_CLUSTER} ({@code
   * host:port,host:port,…}).
   *
   * @return the nodes as {@code host:port} strings
   */
  public static List<String> redisClusterNodes() {
    List<String> nodes = new ArrayList<>();
    for (String node : RESOLVER.resolve(Backend.REDIS_CLUSTER).split(",")) {
      if (!node.isBlank()) {
        nodes.add(node.trim());
      }
    }
    return List.copyOf(nodes);
  }

  /**
   * A PostgreSQL server, as a JDBC URL such as {@code
   * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
   *
   * @return the JDBC URL
   */
  public static String postgresUrl() {
    return RESOLVER.resolve(Backend.POSTGRES);
  }

  /**
   * A MariaDB server, as a JDBC URL such as {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}.
   *
   * @return the JDBC URL
   */
  public static String mariadbUrl() {
    return RESOLVER.resolve(Backend.MARIADB);
  }

  /**
   * A DynamoDB Local endpoint, such as {@code http://127.0.0.1:8000}.
   *
   * @return the endpoint URL
   */
  public static String dynamoDbEndpoint() {
    return RESOLVER.resolve(Backend.DYNAMODB);
  }

  /**
   * Whether {@code PA_REQUIRE_BACKENDS=true}: a missing backend then fails the test.
   *
   * @return true when backends are required
   */
  public static boolean backendsRequired() {
    return RESOLVER.backendsRequired();
  }

  /**
   * Containers through Testcontainers when it is on the class path, else a probe that finds none.
   * The check comes first so that a user without Testcontainers never loads a class that refers to
   * it.
   */
  static BackendResolver.DockerProbe dockerProbe() {
    if (!isPresent(TESTCONTAINERS_CLASS)) {
      return backend -> {
        LOG.debug("Testcontainers is not on the class path; no container for {}", backend);
        return Optional.empty();
      };
    }
    return DockerContainers.probe();
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, TestBackends.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static boolean isListeningOnLoopback(int port) {
    try (Socket socket = new Socket()) {
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      socket.connect(new InetSocketAddress(loopback, port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
