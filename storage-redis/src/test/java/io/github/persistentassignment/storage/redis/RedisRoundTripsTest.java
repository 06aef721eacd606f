package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.storage.redis.ServerStats.Delta;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counts what the servers executed for each operation ({@code INFO commandstats}, and {@code
 * total_reads_processed} for round trips), on a standalone server and on a three-master cluster
 * that this test starts itself, so nothing else runs on them.
 */
@DisplayName("RedisPersistentStorage round trips, counted by the server")
class RedisRoundTripsTest {
  private static final String PREFIX = RedisKitVariant.uniquePrefix("round-trips");
  private static final int JEDIS_OUTPUT_BUFFER = 8192;
  private static final StickyValues VALUES = TestValues.group("Test");

  private static LocalRedis standalone;
  private static RedisClient standaloneClient;
  private static ClusterFixture cluster;
  private static RedisClusterClient clusterClient;

  @BeforeAll
  static void start() {
    standalone = LocalRedis.standalone();
    standaloneClient = RedisClient.create(standalone.nodes().get(0));
    cluster = ClusterFixture.start();
    clusterClient = RedisClusterClient.create(cluster.hostAndPorts());
  }

  @AfterAll
  static void stop() {
    try {
      if (clusterClient != null) {
        RedisKeys.deleteByPrefix(clusterClient, PREFIX);
        clusterClient.close();
      }
      if (standaloneClient != null) {
        standaloneClient.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      if (standalone != null) {
        standalone.close();
      }
    }
  }

  static Stream<Arguments> servers() {
    return Stream.of(
        Arguments.of("standalone", standaloneClient, standalone.nodes()),
        Arguments.of("cluster", clusterClient, masters()));
  }

  private static List<HostAndPort> masters() {
    return List.copyOf(cluster.hostAndPorts());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  @DisplayName("load, save, delete and saveIfAbsent each take one round trip of one command")
  void oneRoundTripPerOperation(String name, UnifiedJedis client, List<HostAndPort> nodes) {
    String key = UUID.randomUUID() + ":userID";
    try (ServerStats stats = new ServerStats(nodes);
        RedisPersistentStorage storage =
            RedisPersistentStorage.builder(client).keyPrefix(PREFIX).build();
        RedisPersistentStorage expiring =
            RedisPersistentStorage.builder(client)
                .keyPrefix(PREFIX)
                .expireAfter(Duration.ofMinutes(5))
                .build()) {
      // Scripts are loaded on first use; warm them up so the counts show the steady state.
      storage.saveIfAbsent(key, "warm-up", VALUES);
      expiring.save(key, "warm-up", VALUES);

      Delta load = measure(name, "load", stats, () -> storage.load(key));
      Delta save = measure(name, "save", stats, () -> storage.save(key, "e", VALUES));
      Delta saveTtl = measure(name, "save with TTL", stats, () -> expiring.save(key, "e", VALUES));
      Delta delete = measure(name, "delete", stats, () -> storage.delete(key, "e"));
      Delta wrote =
          measure(
              name, "saveIfAbsent (wrote)", stats, () -> storage.saveIfAbsent(key, "e", VALUES));
      Delta found =
          measure(
              name, "saveIfAbsent (found)", stats, () -> storage.saveIfAbsent(key, "e", VALUES));
      Delta wroteTtl =
          measure(
              name,
              "saveIfAbsent with TTL (wrote)",
              stats,
              () -> expiring.saveIfAbsent(key, "f", VALUES));

      assertThat(load.calls()).isEqualTo(Map.of("hgetall", 1L));
      assertThat(save.calls()).isEqualTo(Map.of("hset", 1L));
      // Commands a script runs are counted too; the client sent one EVALSHA.
      assertThat(saveTtl.calls()).isEqualTo(Map.of("evalsha", 1L, "hset", 1L, "pexpire", 1L));
      assertThat(delete.calls()).isEqualTo(Map.of("hdel", 1L));
      assertThat(wrote.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L));
      assertThat(found.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L, "hget", 1L));
      assertThat(wroteTtl.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L, "pexpire", 1L));
      for (Delta delta : List.of(load, save, saveTtl, delete, wrote, found, wroteTtl)) {
        assertThat(delta.reads()).as("round trips of %s", delta).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("loadAll of 100 keys on a cluster is one pipeline per node")
  void loadAllIsOnePipelinePerNode() {
    List<String> keys = new ArrayList<>();
    try (RedisPersistentStorage storage =
        RedisPersistentStorage.builder(clusterClient).keyPrefix(PREFIX).build()) {
      for (int i = 0; i < 100; i++) {
        keys.add("bulk-" + i + ":userID");
        storage.save(keys.get(i), "e", VALUES);
      }
      try (ServerStats stats = new ServerStats(masters())) {
        List<Delta> perNode = stats.measure(() -> storage.loadAll(keys));
        System.out.println("[round trips] cluster loadAll of 100 keys, per node: " + perNode);
        assertThat(ServerStats.total(perNode).calls()).isEqualTo(Map.of("hgetall", 100L));
        for (Delta node : perNode) {
          assertThat(node.calls("hgetall")).as("keys on each node").isPositive();
          assertThat(node.reads()).as("round trips to each node: %s", node).isEqualTo(1);
        }
      }
      assertThat(storage.loadAll(keys).values()).allSatisfy(v -> assertThat(v.asMap()).hasSize(1));
    }
  }

  @Test
  @DisplayName("loadAll of 100 keys on a standalone server is one pipeline")
  void loadAllIsOnePipeline() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      keys.add("bulk-" + i + ":userID");
    }
    try (RedisPersistentStorage storage =
            RedisPersistentStorage.builder(standaloneClient).keyPrefix(PREFIX).build();
        ServerStats stats = new ServerStats(standalone.nodes())) {
      Delta delta =
          measure("standalone", "loadAll of 100 keys", stats, () -> storage.loadAll(keys));
      assertThat(delta.calls()).isEqualTo(Map.of("hgetall", 100L));
      // One pipeline: every command is sent before any reply is read. The client still flushes
      // its 8 KiB output buffer as it fills, so the server may read the pipeline in a few chunks.
      long requestBytes = keys.stream().mapToLong(key -> hgetallBytes(PREFIX + key)).sum();
      long chunks = (requestBytes + JEDIS_OUTPUT_BUFFER - 1) / JEDIS_OUTPUT_BUFFER;
      System.out.println(
          "[round trips] standalone loadAll: "
              + requestBytes
              + " request bytes, "
              + chunks
              + " buffer(s) of 8 KiB");
      assertThat(delta.reads()).isBetween(1L, chunks);
    }
  }

  @Test
  @DisplayName("a script flushed from the server is sent again, and the operation succeeds")
  void reloadsFlushedScript() {
    String key = UUID.randomUUID() + ":userID";
    try (RedisPersistentStorage storage =
            RedisPersistentStorage.builder(standaloneClient).keyPrefix(PREFIX).build();
        ServerStats stats = new ServerStats(standalone.nodes());
        Jedis admin = new Jedis(standalone.nodes().get(0), LocalRedis.clientConfig())) {
      storage.saveIfAbsent(key, "a", VALUES);
      admin.scriptFlush(); // only ever on a server this test started
      Delta delta = stats.measure(() -> storage.saveIfAbsent(key, "b", VALUES)).get(0);
      assertThat(delta.calls()).containsEntry("evalsha", 1L).containsEntry("eval", 1L);
      assertThat(storage.load(key).asMap()).containsOnlyKeys("a", "b");
      Delta after = stats.measure(() -> storage.saveIfAbsent(key, "c", VALUES)).get(0);
      assertThat(after.calls()).containsEntry("evalsha", 1L).doesNotContainKey("eval");
    }
  }

  /** The size of {@code HGETALL key} in the Redis protocol. */
  private static long hgetallBytes(String key) {
    int length = key.getBytes(StandardCharsets.UTF_8).length;
    return "*2\r\n$7\r\nHGETALL\r\n".length()
        + 1
        + Integer.toString(length).length()
        + 2
        + length
        + 2;
  }

  private static Delta measure(
      String server, String operation, ServerStats stats, Runnable action) {
    Delta delta = ServerStats.total(stats.measure(action));
    System.out.println("[round trips] " + server + " " + operation + ": " + delta);
    return delta;
  }
}
