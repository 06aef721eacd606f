package io.github.persistentassignment.benchmarks;

import static io.github.persistentassignment.benchmarks.SampleEntries.REQUEST_CONFIGS;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.benchmarks.backends.Backends;
import io.github.persistentassignment.benchmarks.backends.BenchmarkBackend;
import io.github.persistentassignment.benchmarks.backends.RawCommands;
import io.github.persistentassignment.benchmarks.backends.SharedServers;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Redis Cluster {@code loadAll} of {@value StorageBenchmark#BULK_KEYS} users (two entries of each
 * used): ours, which sends each master its keys' {@code HGETALL}s in parallel, against the raw
 * client doing the same per-node pipelines one node after the other, over a connection to each
 * master. The ratio shows what querying the nodes in parallel buys over the sequential version. One
 * thread (the benchmark holds one connection per master).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClusterLoadAllBenchmark {
  private BenchmarkBackend opened;
  private RedisPersistentStorage ours;
  private final List<String> keys = new ArrayList<>();
  private final List<Jedis> masters = new ArrayList<>();
  private final List<List<String>> keysByMaster = new ArrayList<>();

  /** Opens the cluster, stores the users and works out which master holds each. */
  @Setup(Level.Trial)
  public void open() {
    opened = Backends.open("redis-cluster");
    ours = (RedisPersistentStorage) opened.storage();
    RawCommands raw = opened.raw();
    for (int i = 0; i < StorageBenchmark.BULK_KEYS; i++) {
      keys.add("cluster-bulk-" + i + ":userID");
    }
    raw.seed(keys, SampleEntries.USER_CONFIGS, SampleEntries.TYPICAL_JSON);
    int[] masterOfSlot = new int[16_384]; // Redis Cluster's slot count
    for (String node : SharedServers.redisCluster()) {
      Jedis jedis = new Jedis(HostAndPort.from(node));
      if (!ownSlots(jedis, masters.size() + 1, masterOfSlot)) {
        jedis.close(); // a replica
        continue;
      }
      masters.add(jedis);
      keysByMaster.add(new ArrayList<>());
    }
    for (String key : keys) {
      String redisKey = ours.redisKey(key);
      int master = masterOfSlot[JedisClusterCRC16.getSlot(redisKey)] - 1;
      if (master < 0) {
        throw new IllegalStateException("no master owns the slot of " + redisKey);
      }
      keysByMaster.get(master).add(redisKey);
    }
  }

  /**
   * Marks the slots a node serves as a master ({@code CLUSTER NODES}, its {@code myself} line).
   *
   * @return whether it is a master
   */
  private static boolean ownSlots(Jedis node, int number, int[] masterOfSlot) {
    for (String line : node.clusterNodes().split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 8 || !fields[2].contains("myself")) {
        continue;
      }
      if (!fields[2].contains("master")) {
        return false;
      }
      for (int i = 8; i < fields.length; i++) {
        if (fields[i].startsWith("[")) {
          continue; // a slot being migrated
        }
        String[] range = fields[i].split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[range.length - 1]);
        for (int slot = from; slot <= to; slot++) {
          masterOfSlot[slot] = number;
        }
      }
      return true;
    }
    return false;
  }

  /** Closes the connections, deletes what the trial wrote and closes the cluster. */
  @TearDown(Level.Trial)
  public void close() {
    masters.forEach(Jedis::close);
    opened.close();
  }

  /**
   * The bulk read, in parallel (ours) and node after node (raw), two entries of each user used.
   *
   * @param times where the two sides' times go
   * @param blackhole keeps results alive
   */
  @Benchmark
  public void loadAll(PairedTimes times, Blackhole blackhole) {
    times.measure(
        blackhole,
        1,
        () -> {
          Map<String, UserPersistedValues> read = Expect.users(keys.size(), ours.loadAll(keys));
          read.values().forEach(user -> Expect.used("redis-cluster", user, REQUEST_CONFIGS));
          return read;
        },
        this::sequential);
  }

  private Map<String, Map<String, StickyValues>> sequential() {
    Map<String, Map<String, StickyValues>> users = new HashMap<>();
    for (int m = 0; m < masters.size(); m++) {
      List<String> owned = keysByMaster.get(m);
      List<Response<Map<String, String>>> replies = new ArrayList<>(owned.size());
      try (Pipeline pipeline = masters.get(m).pipelined()) {
        owned.forEach(key -> replies.add(pipeline.hgetAll(key)));
        pipeline.sync();
      }
      for (int i = 0; i < owned.size(); i++) {
        users.put(
            owned.get(i),
            Expect.decoded(
                "redis-cluster",
                RawCommands.decode(replies.get(i).get(), REQUEST_CONFIGS),
                REQUEST_CONFIGS));
      }
    }
    return Expect.users(keys.size(), users);
  }
}
