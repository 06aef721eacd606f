package io.github.persistentassignment.conformance.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Starts real {@code redis-server} processes (skipped without the binaries, failed instead when
 * {@code PA_REQUIRE_BACKENDS=true}) and asks them, through {@code redis-cli}, what they are.
 */
@DisplayName("LocalRedisServers")
class LocalRedisServersTest {

  @Test
  @DisplayName("a standalone server takes the extra arguments and stops listening when closed")
  void standalone() throws Exception {
    int port;
    try (LocalRedisServers redis = LocalRedisServers.standalone("--maxclients", "77")) {
      assertThat(redis.nodes()).hasSize(1).allMatch(node -> node.startsWith("127.0.0.1:"));
      assertThat(redis.url()).isEqualTo("redis://" + redis.nodes().get(0));
      port = port(redis.nodes().get(0));
      assertThat(cli(port, "config", "get", "maxclients")).contains("77");
    }
    assertThat(TestBackends.isListeningOnLoopback(port)).isFalse();
  }

  @Test
  @DisplayName("a cluster is three masters on distinct ports that cover all 16384 slots")
  void cluster() throws Exception {
    List<String> nodes;
    try (LocalRedisServers cluster = LocalRedisServers.cluster()) {
      nodes = cluster.nodes();
      assertThat(nodes).hasSize(3).doesNotHaveDuplicates();
      for (String node : nodes) {
        String info = cli(port(node), "cluster", "info");
        assertThat(info).contains("cluster_state:ok").contains("cluster_slots_assigned:16384");
      }
    }
    for (String node : nodes) {
      assertThat(TestBackends.isListeningOnLoopback(port(node))).as(node).isFalse();
    }
  }

  private static int port(String node) {
    return Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));
  }

  /** Runs redis-cli against a local port (present whenever the servers could be started). */
  private static String cli(int port, String... command) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("redis-cli finished").isTrue();
    return output;
  }
}
