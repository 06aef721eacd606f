package io.github.persistentassignment.conformance.servers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts one container per backend per JVM through Testcontainers. Only loaded after {@link
 * TestBackends} has checked that Testcontainers is on the class path.
 */
final class DockerContainers {
  private static final Logger LOG = LoggerFactory.getLogger(DockerContainers.class);
  private static final DockerContainers INSTANCE = new DockerContainers();

  private final Map<Backend, Optional<String>> started = new ConcurrentHashMap<>();
  private volatile @Nullable Boolean dockerAvailable;

  private DockerContainers() {}

  static BackendResolver.DockerProbe probe() {
    return INSTANCE::startContainer;
  }

  private Optional<String> startContainer(Backend backend) {
    if (backend.image() == null || !dockerAvailable()) {
      return Optional.empty();
    }
    return started.computeIfAbsent(backend, this::start);
  }

  private boolean dockerAvailable() {
    Boolean available = dockerAvailable;
    if (available == null) {
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("Docker is not available to Testcontainers", e);
        available = false;
      }
      dockerAvailable = available;
    }
    return available;
  }

  private Optional<String> start(Backend backend) {
    GenericContainer<?> container = container(backend);
    try {
      container.start();
    } catch (RuntimeException e) {
      LOG.warn("Could not start a {} container; looking elsewhere", backend.displayName(), e);
      return Optional.empty();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop " + backend));
    String host = container.getHost();
    if (!isLoopback(host)) {
      LOG.warn(
          "Docker publishes the {} container on {}, not a loopback address; not using it",
          backend.displayName(),
          host);
      container.stop();
      return Optional.empty();
    }
    String address = backend.address(host, container.getMappedPort(backend.defaultPort()));
    LOG.info("Started {} in Docker at {}", backend.displayName(), address);
    return Optional.of(address);
  }

  @SuppressWarnings("resource") // stopped by the shutdown hook, or by Testcontainers' reaper
  private static GenericContainer<?> container(Backend backend) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(backend.image()))
            .withExposedPorts(backend.defaultPort())
            .withStartupTimeout(Duration.ofMinutes(2));
    switch (backend) {
      case POSTGRES:
        return container
            .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
            .withEnv("POSTGRES_DB", "test")
            .waitingFor(
                Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
      case MARIADB:
        return container
            .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
            .withEnv("MARIADB_DATABASE", "test")
            .waitingFor(Wait.forLogMessage(".*ready for connections.*\\s", 2));
      default:
        return container.waitingFor(Wait.forListeningPort());
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
