package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.storage.redis.ServerStats.Delta;
import java.net.InetSocketAddress;
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

  // The clients are shared by every test here: JUnit must not close them after one.
  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
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
      client.hset(PREFIX + key, "warm-up-corrupt", "{not json");
      storage.saveIfAbsent(key, "warm-up-corrupt", VALUES);

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
      assertThat(saveTtl.calls()).isEqualTo(Map.of("evalsha", 1L, "hset", 1L, "pexpireat", 1L));
      assertThat(delete.calls()).isEqualTo(Map.of("hdel", 1L));
      assertThat(wrote.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L));
      assertThat(found.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L, "hget", 1L));
      assertThat(wroteTtl.calls()).isEqualTo(Map.of("evalsha", 1L, "hsetnx", 1L, "pexpireat", 1L));
      for (Delta delta : List.of(load, save, saveTtl, delete, wrote, found, wroteTtl)) {
        assertThat(delta.reads()).as("round trips of %s", delta).isEqualTo(1);
      }

      client.hset(PREFIX + key, "corrupt", "{not json");
      Delta overCorrupt =
          measure(
              name,
              "saveIfAbsent over a corrupt entry",
              stats,
              () -> assertThat(storage.saveIfAbsent(key, "corrupt", VALUES)).isEmpty());
      // The conditional write returns the stored text; core finds it corrupt and replaces it
      // with the compare-and-set script.
      assertThat(overCorrupt.calls())
          .isEqualTo(Map.of("evalsha", 2L, "hsetnx", 1L, "hget", 2L, "hset", 1L));
      assertThat(overCorrupt.reads()).isEqualTo(2);

      Delta deleteAll = measure(name, "deleteAll", stats, () -> storage.deleteAll(key));
      assertThat(deleteAll.calls()).isEqualTo(Map.of("del", 1L));
      assertThat(deleteAll.reads()).isEqualTo(1);
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

  // The clients are shared by every test here: JUnit must not close them after one.
  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  @DisplayName("purge of 1 000 entries is SCAN, then one pipelined HDEL batch per step and node")
  void purge(String name, UnifiedJedis client, List<HostAndPort> nodes) {
    String prefix = PREFIX + "purge-" + name + ":";
    try (RedisPersistentStorage storage =
        RedisPersistentStorage.builder(client).keyPrefix(prefix).build()) {
      for (int i = 0; i < 1_000; i++) {
        storage.save("user-" + i + ":userID", "stopped", VALUES);
      }
      try (ServerStats stats = new ServerStats(nodes)) {
        long[] removed = {0};
        List<Delta> perNode = stats.measure(() -> removed[0] = storage.purge("stopped"));
        Delta total = ServerStats.total(perNode);
        System.out.println(
            "[round trips] " + name + " purge of 1000 entries: " + total + ", per node " + perNode);
        assertThat(removed[0]).isEqualTo(1_000);
        assertThat(total.calls("hdel")).isEqualTo(1_000);
        assertThat(total.calls().keySet()).containsOnly("scan", "hdel");
        // SCAN steps of 500 keys, then each step's HDELs in one pipeline per node: the pipelines'
        // round trips (a few request reads each, as the 8 KiB output buffer fills) are far fewer
        // than one per entry.
        assertThat(total.reads() - total.calls("scan")).isBetween(1L, 60L);
      }
    }
  }

  @Test
  @DisplayName("the first call after building while Redis was down costs the handshake, then one")
  void firstCallAfterStartingDown() throws Exception {
    try (FaultProxy proxy =
            FaultProxy.start(
                standalone.nodes().get(0).getHost(), standalone.nodes().get(0).getPort());
        ServerStats stats = new ServerStats(standalone.nodes())) {
      proxy.refuseConnections();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port())
              .keyPrefix(PREFIX)
              .connectTimeout(Duration.ofMillis(500))
              .build()) {
        assertThatThrownBy(() -> storage.load("down:userID")).isInstanceOf(StorageException.class);
        proxy.pass();
        Delta first =
            measure(
                "standalone",
                "first load after starting down",
                stats,
                () -> storage.load("down:userID"));
        Delta next = measure("standalone", "next load", stats, () -> storage.load("down:userID"));
        assertThat(first.calls("hgetall")).isEqualTo(1);
        // A new connection's handshake (CLIENT SETINFO), then the command.
        assertThat(first.reads()).isBetween(1L, 3L);
        assertThat(next.calls()).isEqualTo(Map.of("hgetall", 1L));
        assertThat(next.reads()).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName(
      "on a cluster built while down, the first call reads the layout, then sends the command")
  void firstClusterCallAfterStartingDown() throws Exception {
    List<FaultProxy> proxies = new ArrayList<>();
    try (ProxiedCluster proxied = ProxiedCluster.start()) {
      for (InetSocketAddress node : proxied.nodeAddresses()) {
        proxies.add(FaultProxy.start(node.getHostString(), node.getPort()));
      }
      proxied.announce(proxies);
      proxies.forEach(FaultProxy::refuseConnections);
      List<HostAndPort> nodes =
          proxied.nodeAddresses().stream()
              .map(node -> new HostAndPort(node.getHostString(), node.getPort()))
              .toList();
      try (ServerStats stats = new ServerStats(nodes);
          RedisPersistentStorage storage =
              RedisPersistentStorage.clusterBuilder(ProxiedCluster.seeds(proxies))
                  .keyPrefix(PREFIX)
                  .connectTimeout(Duration.ofMillis(500))
                  .build()) {
        assertThatThrownBy(() -> storage.load("down:userID")).isInstanceOf(StorageException.class);
        proxies.forEach(FaultProxy::pass);
        Delta first =
            measure(
                "cluster",
                "first load after starting down",
                stats,
                () -> storage.load("down:userID"));
        Delta next = measure("cluster", "next load", stats, () -> storage.load("down:userID"));
        assertThat(first.calls("cluster|slots")).as("the layout, read once").isEqualTo(1);
        assertThat(first.calls("hgetall")).isEqualTo(1);
        assertThat(next.calls()).isEqualTo(Map.of("hgetall", 1L));
        assertThat(next.reads()).isEqualTo(1);
      }
    } finally {
      proxies.forEach(FaultProxy::close);
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
