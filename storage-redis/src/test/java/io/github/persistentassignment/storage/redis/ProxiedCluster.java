package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.conformance.faults.FaultProxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A three-master Redis Cluster this JVM starts, whose nodes announce the addresses of fault proxies
 * instead of their own. A cluster client seeded with the proxies then learns only proxy addresses
 * from {@code CLUSTER SLOTS}, so its topology discovery and every connection it opens go through
 * the proxies too. The nodes keep talking to each other directly on their bus ports: the proxies
 * break the path from client to cluster, not the cluster.
 *
 * <p>The cluster is always started here, never taken from {@code PA_TEST_REDIS_CLUSTER}: announcing
 * other addresses reconfigures the nodes, which no shared cluster should suffer.
 */
final class ProxiedCluster implements AutoCloseable {
  private static final long ANNOUNCE_TIMEOUT_MILLIS = 15_000;

  private final LocalRedis cluster;
  // Announced (proxy) address -> real node address, for clients that must bypass the proxies.
  private final Map<HostAndPort, HostAndPort> realAddresses = new ConcurrentHashMap<>();

  private ProxiedCluster(LocalRedis cluster) {
    this.cluster = cluster;
  }

  /** Starts the cluster; the nodes announce their own addresses until {@link #announce}. */
  static ProxiedCluster start() {
    return new ProxiedCluster(LocalRedis.cluster());
  }

  /** The nodes' real addresses, in a fixed order. */
  List<InetSocketAddress> nodeAddresses() {
    return cluster.nodes().stream()
        .map(node -> new InetSocketAddress(node.getHost(), node.getPort()))
        .toList();
  }

  /**
   * Makes node {@code i} announce {@code proxies.get(i)} as its address, and waits until every node
   * reports that whole layout, so a client seeded now sees no real node address anywhere.
   */
  void announce(List<FaultProxy> proxies) {
    List<HostAndPort> nodes = cluster.nodes();
    if (proxies.size() != nodes.size()) {
      throw new IllegalArgumentException(
          "one proxy per node: " + nodes.size() + " nodes, " + proxies.size() + " proxies");
    }
    List<String> expected = new ArrayList<>();
    realAddresses.clear();
    for (int i = 0; i < nodes.size(); i++) {
      HostAndPort node = nodes.get(i);
      FaultProxy proxy = proxies.get(i);
      try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
        admin.configSet("cluster-announce-ip", proxy.host());
        admin.configSet("cluster-announce-port", Integer.toString(proxy.port()));
        // The bus is not proxied: keep announcing the node's real bus port.
        admin.configSet("cluster-announce-bus-port", Integer.toString(node.getPort() + 10_000));
        expected.add(admin.clusterMyId() + " " + proxy.host() + ":" + proxy.port() + "@");
      }
      realAddresses.put(new HostAndPort(proxy.host(), proxy.port()), node);
    }
    awaitLayout(nodes, expected);
  }

  /**
   * The proxies' {@code host:port}, as seeds for a cluster client that must go through them.
   *
   * @param proxies the proxies, in node order
   */
  static List<String> seeds(List<FaultProxy> proxies) {
    return proxies.stream().map(proxy -> proxy.host() + ":" + proxy.port()).toList();
  }

  /**
   * A new cluster client that reaches the real nodes directly, translating the announced proxy
   * addresses back to the nodes', so what it reads does not depend on the proxies' faults. The
   * caller closes it.
   */
  RedisClusterClient directClient() {
    return RedisClusterClient.builder()
        .nodes(new LinkedHashSet<>(cluster.nodes()))
        .clientConfig(
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000)
                .hostAndPortMapper(announced -> realAddresses.getOrDefault(announced, announced))
                .build())
        .build();
  }

  /**
   * Starts moving the slot of {@code redisKey} to another node and moves the slot's keys there, as
   * resharding does; until {@link #finishMove}, the old owner answers {@code ASK} for them.
   */
  SlotMove beginMovingSlotOf(String redisKey) {
    int slot = JedisClusterCRC16.getSlot(redisKey);
    List<HostAndPort> nodes = cluster.nodes();
    HostAndPort source =
        nodes.stream()
            .filter(node -> owns(node, slot))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no node owns slot " + slot));
    HostAndPort target = nodes.stream().filter(node -> !node.equals(source)).findFirst().get();
    SlotMove move = new SlotMove(slot, source, target, myId(source), myId(target));
    try (Jedis from = new Jedis(source, LocalRedis.clientConfig());
        Jedis to = new Jedis(target, LocalRedis.clientConfig())) {
      to.clusterSetSlotImporting(slot, move.sourceId());
      from.clusterSetSlotMigrating(slot, move.targetId());
      List<String> keys = from.clusterGetKeysInSlot(slot, 1_000);
      if (!keys.isEmpty()) {
        from.migrate(
            target.getHost(),
            target.getPort(),
            5_000,
            new MigrateParams(),
            keys.toArray(String[]::new));
      }
    }
    return move;
  }

  /** Gives the moving slot to its new owner on every node: the old owner now answers MOVED. */
  void finishMove(SlotMove move) {
    for (HostAndPort node : cluster.nodes()) {
      try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
        admin.clusterSetSlotNode(move.slot(), move.targetId());
      }
    }
  }

  /**
   * How many times a node was sent a command, from {@code INFO commandstats}: the calls it ran and
   * those it rejected (with a redirection, say).
   */
  static long commandsReceived(HostAndPort node, String command) {
    String stats;
    try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
      stats = admin.info("commandstats");
    }
    String prefix = "cmdstat_" + command + ":";
    return stats
        .lines()
        .filter(line -> line.startsWith(prefix))
        .flatMap(line -> Stream.of(line.substring(prefix.length()).split(",")))
        .filter(field -> field.startsWith("calls=") || field.startsWith("rejected_calls="))
        .mapToLong(field -> Long.parseLong(field.substring(field.indexOf('=') + 1)))
        .sum();
  }

  /** A slot on its way from one node (by real address and ID) to another. */
  record SlotMove(
      int slot, HostAndPort source, HostAndPort target, String sourceId, String targetId) {}

  private static boolean owns(HostAndPort node, int slot) {
    String myself;
    try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
      myself =
          admin
              .clusterNodes()
              .lines()
              .filter(line -> line.contains("myself"))
              .findFirst()
              .orElseThrow();
    }
    String[] fields = myself.split(" ");
    for (int i = 8; i < fields.length; i++) {
      if (fields[i].startsWith("[")) {
        continue; // a slot being imported or migrated, noted in brackets
      }
      String[] range = fields[i].split("-");
      int first = Integer.parseInt(range[0]);
      int last = range.length == 1 ? first : Integer.parseInt(range[1]);
      if (slot >= first && slot <= last) {
        return true;
      }
    }
    return false;
  }

  private static String myId(HostAndPort node) {
    try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
      return admin.clusterMyId();
    }
  }

  /** Stops the nodes. */
  @Override
  public void close() {
    cluster.close();
  }

  private static void awaitLayout(List<HostAndPort> nodes, List<String> expected) {
    // Each node learns the others' new addresses from gossip, within a few heartbeats.
    long deadline = System.currentTimeMillis() + ANNOUNCE_TIMEOUT_MILLIS;
    for (HostAndPort node : nodes) {
      while (true) {
        String layout;
        try (Jedis admin = new Jedis(node, LocalRedis.clientConfig())) {
          layout = admin.clusterNodes();
        }
        if (expected.stream().allMatch(layout::contains)) {
          break;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "node " + node + " did not learn the announced layout " + expected + ":\n" + layout);
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }
}
