package io.github.persistentassignment.conformance.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Every path of backend resolution, with scripted environment, Docker and ports. */
class BackendResolverTest {
  private final List<Backend> containersAskedFor = new ArrayList<>();
  private final List<Integer> portsProbed = new ArrayList<>();

  private BackendResolver.DockerProbe noDocker() {
    return backend -> {
      containersAskedFor.add(backend);
      return Optional.empty();
    };
  }

  private BackendResolver.DockerProbe dockerAnswering(String address) {
    return backend -> {
      containersAskedFor.add(backend);
      return Optional.of(address);
    };
  }

  private BackendResolver.PortProbe listeningOn(Integer... ports) {
    return port -> {
      portsProbed.add(port);
      return List.of(ports).contains(port);
    };
  }

  private static BackendResolver.DockerProbe dockerMustNotBeAsked() {
    return backend -> fail("Docker was asked for " + backend);
  }

  private static BackendResolver.PortProbe portsMustNotBeProbed() {
    return port -> fail("port " + port + " was probed");
  }

  @Nested
  @DisplayName("An environment variable")
  class EnvironmentVariable {
    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("wins over Docker and loopback ports, which are not even tried")
    void wins(Backend backend) {
      BackendResolver resolver =
          new BackendResolver(
              Map.of(backend.environmentVariable(), " configured-address "),
              dockerMustNotBeAsked(),
              portsMustNotBeProbed());
      assertThat(resolver.resolve(backend)).isEqualTo("configured-address");
    }

    @Test
    @DisplayName("that is blank is ignored")
    void blankIsIgnored() {
      BackendResolver resolver =
          new BackendResolver(Map.of("PA_TEST_REDIS_URL", "  "), noDocker(), listeningOn(6379));
      assertThat(resolver.resolve(Backend.REDIS)).isEqualTo("redis://127.0.0.1:6379");
    }
  }

  @Nested
  @DisplayName("Docker")
  class Docker {
    @Test
    @DisplayName("is used when no variable is set, before any loopback port")
    void dockerBeforeLoopback() {
      BackendResolver resolver =
          new BackendResolver(
              Map.of(),
              dockerAnswering("jdbc:postgresql://127.0.0.1:49153/test?user=postgres"),
              portsMustNotBeProbed());
      assertThat(resolver.resolve(Backend.POSTGRES))
          .isEqualTo("jdbc:postgresql://127.0.0.1:49153/test?user=postgres");
      assertThat(containersAskedFor).containsExactly(Backend.POSTGRES);
    }

    @Test
    @DisplayName("is not asked for a Redis Cluster, which only the variable provides")
    void noContainerForCluster() {
      BackendResolver resolver =
          new BackendResolver(
              Map.of("PA_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
              dockerMustNotBeAsked(),
              portsMustNotBeProbed());
      assertThatThrownBy(() -> resolver.resolve(Backend.REDIS_CLUSTER))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("PA_TEST_REDIS_CLUSTER")
          .hasMessageNotContaining("Docker");
    }
  }

  @Nested
  @DisplayName("A server on the default loopback port")
  class Loopback {
    @Test
    @DisplayName("is used when there is neither a variable nor Docker, with the documented address")
    void defaultPorts() {
      BackendResolver resolver =
          new BackendResolver(Map.of(), noDocker(), listeningOn(6379, 5432, 3306, 8000));
      assertThat(resolver.resolve(Backend.REDIS)).isEqualTo("redis://127.0.0.1:6379");
      assertThat(resolver.resolve(Backend.POSTGRES))
          .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      assertThat(resolver.resolve(Backend.MARIADB))
          .isEqualTo("jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable");
      assertThat(resolver.resolve(Backend.DYNAMODB)).isEqualTo("http://127.0.0.1:8000");
      assertThat(portsProbed).containsExactly(6379, 5432, 3306, 8000);
    }

    @Test
    @DisplayName("is probed only on the backend's own port")
    void onlyOwnPort() {
      BackendResolver resolver = new BackendResolver(Map.of(), noDocker(), listeningOn(5432));
      assertThat(resolver.find(Backend.REDIS)).isEmpty();
      assertThat(portsProbed).containsExactly(6379);
    }

    @Test
    @DisplayName("the real probe sees a listening socket on 127.0.0.1 and nothing on a closed port")
    void realProbe() throws Exception {
      int port;
      try (java.net.ServerSocket server =
          new java.net.ServerSocket(
              0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
        port = server.getLocalPort();
        assertThat(TestBackends.isListeningOnLoopback(port)).isTrue();
      }
      assertThat(TestBackends.isListeningOnLoopback(port)).isFalse();
    }
  }

  @Nested
  @DisplayName("When no server is found")
  class NoneFound {
    @ParameterizedTest
    @EnumSource(
        value = Backend.class,
        names = {"REDIS", "POSTGRES", "MARIADB", "DYNAMODB"})
    @DisplayName("the test is skipped with a message saying how to provide one")
    void skips(Backend backend) {
      BackendResolver resolver = new BackendResolver(Map.of(), noDocker(), listeningOn());
      assertThatThrownBy(() -> resolver.resolve(backend))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining(backend.environmentVariable())
          .hasMessageContaining("Docker")
          .hasMessageContaining(String.valueOf(backend.image()))
          .hasMessageContaining("127.0.0.1:" + backend.defaultPort())
          .hasMessageContaining("PA_REQUIRE_BACKENDS=true");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("the test fails with the same instructions when PA_REQUIRE_BACKENDS=true")
    void failsWhenRequired(Backend backend) {
      BackendResolver resolver =
          new BackendResolver(Map.of("PA_REQUIRE_BACKENDS", "true"), noDocker(), listeningOn());
      assertThatThrownBy(() -> resolver.resolve(backend))
          .isInstanceOf(AssertionFailedError.class)
          .isNotInstanceOf(TestAbortedException.class)
          .hasMessageContaining(backend.environmentVariable())
          .hasMessageContaining(backend.howToProvide())
          .hasMessageContaining("PA_REQUIRE_BACKENDS=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", " True "})
    @DisplayName("PA_REQUIRE_BACKENDS is true in any case")
    void requiredSpellings(String value) {
      assertThat(
              new BackendResolver(Map.of("PA_REQUIRE_BACKENDS", value), noDocker(), listeningOn())
                  .backendsRequired())
          .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "false", "1", "yes", "${env.PA_REQUIRE_BACKENDS}"})
    @DisplayName("any other PA_REQUIRE_BACKENDS value, or none, skips")
    void notRequired(String value) {
      assertThat(
              new BackendResolver(Map.of("PA_REQUIRE_BACKENDS", value), noDocker(), listeningOn())
                  .backendsRequired())
          .isFalse();
      assertThat(new BackendResolver(Map.of(), noDocker(), listeningOn()).backendsRequired())
          .isFalse();
    }
  }
}
