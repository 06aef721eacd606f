package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;

/**
 * The kit's network-fault tests against a three-master Redis Cluster, one fault proxy in front of
 * each node. The nodes announce the proxies' addresses, so the storage's cluster client discovers
 * the layout through the proxies and never learns a real node's address.
 */
@DisplayName("RedisPersistentStorage on Redis Cluster through a failing network")
class RedisClusterNetworkFaultTest extends RedisNetworkFaultVariant {
  private static final String PREFIX = "pa-fault-cluster-" + UUID.randomUUID() + ":";

  private static ProxiedCluster cluster;
  private static final List<RedisClusterClient> directClients = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = ProxiedCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    directClients.forEach(RedisClusterClient::close);
    directClients.clear();
    if (cluster != null) {
      cluster.close(); // the cluster's data goes with it
    }
  }

  @Override
  protected List<InetSocketAddress> serverAddresses() {
    return cluster.nodeAddresses();
  }

  @Override
  RedisPersistentStorage.Builder builderThrough(List<FaultProxy> proxies) {
    cluster.announce(proxies);
    return RedisPersistentStorage.clusterBuilder(ProxiedCluster.seeds(proxies)).keyPrefix(PREFIX);
  }

  @Override
  protected PersistentStorage createDirectStorage() {
    // The kit closes the storage, not a caller's client: these are closed with the cluster.
    RedisClusterClient client = cluster.directClient();
    directClients.add(client);
    return RedisPersistentStorage.builder(client).keyPrefix(PREFIX).build();
  }

  @Test
  @DisplayName("every node is reached through its proxy, and no connection goes around them")
  void noConnectionBypassesTheProxies() {
    // Enough keys that every node owns some of them.
    List<String> keys = IntStream.range(0, 30).mapToObj(i -> key("spread" + i)).toList();
    keys.forEach(storage()::load);
    for (FaultProxy proxy : proxies()) {
      assertThat(proxy.acceptedConnections())
          .as("connections through " + proxy.port())
          .isPositive();
    }

    proxies().forEach(FaultProxy::cut);
    for (String key : keys) {
      assertThat(fails(key)).as("load of %s with every proxy cut", key).isTrue();
    }
  }

  @Test
  @DisplayName(
      "a slot moving to another node is followed through ASK and MOVED, and calls then go"
          + " straight to its new owner")
  void followsAMovingSlot() throws InterruptedException {
    String key = key("mover");
    StickyValues values = TestValues.group("treatment");
    storage().save(key, "exp", values);

    ProxiedCluster.SlotMove move = cluster.beginMovingSlotOf(storage().redisKey(key));
    assertThat(storage().load(key).get("exp")).as("while the slot moves (ASK)").contains(values);
    cluster.finishMove(move);
    assertThat(storage().load(key).get("exp")).as("once it moved (MOVED)").contains(values);

    // The new layout is learned in the background: soon the old owner sees no more reads.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      long before = ProxiedCluster.commandsReceived(move.source(), "hgetall");
      assertThat(storage().load(key).get("exp")).contains(values);
      if (ProxiedCluster.commandsReceived(move.source(), "hgetall") == before) {
        break;
      }
      assertThat(System.nanoTime()).as("reads still sent to the old owner").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  @DisplayName(
      "loadAll queries the nodes at once: with 100 ms added on every node it takes less than"
          + " the three nodes' latencies in a row, and returns every slot's entries")
  void loadAllQueriesTheNodesInParallel() {
    List<String> keys = IntStream.range(0, 150).mapToObj(i -> key("parallel" + i)).toList();
    for (int i = 0; i < keys.size(); i += 3) {
      storage().save(keys.get(i), "exp", TestValues.group("g" + i));
    }
    storage().loadAll(keys); // opens a connection to every node
    Duration latency = Duration.ofMillis(100);
    proxies().forEach(proxy -> proxy.addLatency(latency));
    long started = System.nanoTime();
    var loaded = storage().loadAll(keys);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    proxies().forEach(FaultProxy::pass);
    System.out.println("[parallel] cluster loadAll of 150 keys on 3 nodes, +100 ms each: " + took);
    for (int i = 0; i < keys.size(); i++) {
      if (i % 3 == 0) {
        assertThat(loaded.get(keys.get(i)).get("exp")).contains(TestValues.group("g" + i));
      } else {
        assertThat(loaded.get(keys.get(i)).isEmpty()).isTrue();
      }
    }
    assertThat(took)
        .as("less than three latencies, as the nodes one after another would take")
        .isLessThan(latency.multipliedBy(3));
  }

  private boolean fails(String key) {
    try {
      storage().load(key);
      return false;
    } catch (StorageException expected) {
      return true;
    }
  }
}
