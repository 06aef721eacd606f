package io.github.persistentassignment.conformance.servers;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the server a test runs against, in this order: the backend's environment variable (such as
 * {@code PA_TEST_REDIS_URL}); a container started through Docker; a server already listening on the
 * backend's default port on {@code 127.0.0.1}. When none is found the test is skipped, with a
 * message saying how to provide one, or fails with that message when {@code
 * PA_REQUIRE_BACKENDS=true} (as CI sets it).
 *
 * <p>{@link TestBackends} holds the instance built from the real environment. This class takes its
 * inputs as arguments so that every path can be tested without Docker or servers.
 */
public final class BackendResolver {
  /** The environment variable that turns a missing backend from a skip into a failure. */
  public static final String REQUIRE_BACKENDS = "PA_REQUIRE_BACKENDS";

  /** Starts a container for a backend, when Docker can. */
  @FunctionalInterface
  public interface DockerProbe {
    /**
     * Starts (or reuses) a container for the backend.
     *
     * @param backend the backend
     * @return the address of the running server, or empty when Docker or Testcontainers is not
     *     available or the backend has no container
     */
    Optional<String> startContainer(Backend backend);
  }

  /** Checks whether something listens on a loopback port. */
  @FunctionalInterface
  public interface PortProbe {
    /**
     * Whether a server accepts connections on {@code 127.0.0.1:port}.
     *
     * @param port the port
     * @return true when a connection succeeded
     */
    boolean isListening(int port);
  }

  private final Map<String, String> environment;
  private final DockerProbe docker;
  private final PortProbe ports;

  /**
   * Creates a resolver.
   *
   * @param environment the environment variables, such as {@code System.getenv()}
   * @param docker starts containers, or answers empty when it cannot
   * @param ports probes loopback ports
   */
  public BackendResolver(Map<String, String> environment, DockerProbe docker, PortProbe ports) {
    this.environment = Map.copyOf(requireNonNullArgument(environment, "environment"));
    this.docker = requireNonNullArgument(docker, "docker");
    this.ports = requireNonNullArgument(ports, "ports");
  }

  /**
   * Whether a missing backend fails the test rather than skipping it: {@code
   * PA_REQUIRE_BACKENDS=true}, ignoring case.
   *
   * @return true when backends are required
   */
  public boolean backendsRequired() {
    String value = environment.get(REQUIRE_BACKENDS);
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  /**
   * Looks for a server without skipping or failing.
   *
   * @param backend the kind of server
   * @return its address, or empty when none was found
   */
  public Optional<String> find(Backend backend) {
    requireNonNullArgument(backend, "backend");
    String configured = environment.get(backend.environmentVariable());
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured.trim());
    }
    if (backend.image() != null) {
      Optional<String> container = docker.startContainer(backend);
      if (container.isPresent()) {
        return container;
      }
    }
    if (backend.defaultPort() > 0 && ports.isListening(backend.defaultPort())) {
      return Optional.of(backend.address("127.0.0.1", backend.defaultPort()));
    }
    return Optional.empty();
  }

  /**
   * The address of a server for the calling test. When none is found the test is skipped through
   * {@link Assumptions#abort(String)}, or fails through {@link Assertions#fail(String)} when
   * {@linkplain #backendsRequired() backends are required}; either way the message says how to
   * provide one.
   *
   * @param backend the kind of server
   * @return its address
   */
  public String resolve(Backend backend) {
    Optional<String> found = find(backend);
    if (found.isPresent()) {
      return found.get();
    }
    if (backendsRequired()) {
      return Assertions.fail(
          backend.howToProvide()
              + " This is a failure, not a skip, because "
              + REQUIRE_BACKENDS
              + "=true.");
    }
    return Assumptions.abort(
        backend.howToProvide()
            + " Skipped; set "
            + REQUIRE_BACKENDS
            + "=true to make a missing backend fail instead.");
  }
}
