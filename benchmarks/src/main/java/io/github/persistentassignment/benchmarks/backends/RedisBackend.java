package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.benchmarks.naive.NaiveRedisStorage;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@link RedisPersistentStorage} over a client the benchmark owns (standalone, or a cluster of
 * three masters), and that same client sending the commands the adapter sends. Keys live under a
 * prefix of their own, deleted by a {@code SCAN} of every node on {@link #close()}.
 */
final class RedisBackend extends BenchmarkBackend {
  /** The adapter's insert-if-absent, written the way a user of the raw client would write it. */
  private static final String SAVE_IF_ABSENT =
      "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return false end\n"
          + "return redis.call('HGET', KEYS[1], ARGV[1])";

  private final UnifiedJedis client;
  private final List<Admin> admins;
  private final String keyPrefix;
  private @Nullable NaiveRedisStorage naive;

  private RedisBackend(
      String name, UnifiedJedis client, List<Admin> admins, RedisPersistentStorage storage) {
    super(name, storage, new RawRedis(client, storage, admins));
    this.client = client;
    this.admins = admins;
    this.keyPrefix = storage.keyPrefix();
  }

  private static RedisBackend open(
      String name, UnifiedJedis client, List<Admin> admins, String run) {
    RedisPersistentStorage storage =
        RedisPersistentStorage.builder(client).keyPrefix("pa-bench-" + run + ":").build();
    return new RedisBackend(name, client, admins, storage);
  }

  static RedisBackend standalone(String run) {
    URI url = URI.create(TestBackends.redisUrl());
    return open("redis", RedisClient.create(url), List.of(() -> new Jedis(url)), run);
  }

  static RedisBackend cluster(String run) {
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    List<Admin> admins = new ArrayList<>();
    for (String node : SharedServers.redisCluster()) {
      HostAndPort address = HostAndPort.from(node);
      nodes.add(address);
      admins.add(() -> new Jedis(address));
    }
    return open("redis-cluster", RedisClusterClient.create(nodes), admins, run);
  }

  @Override
  public synchronized PersistentStorage naiveStorage() {
    if (naive == null) {
      naive = new NaiveRedisStorage(client, keyPrefix + "naive:");
    }
    return naive;
  }

  @Override
  public String describe() {
    String version;
    try (Jedis admin = admins.get(0).open()) {
      version = infoField(admin.info("server"), "redis_version");
    }
    String topology = admins.size() > 1 ? ", cluster of " + admins.size() + " masters" : "";
    return "Redis "
        + version
        + topology
        + " (Jedis "
        + ArtifactVersions.of("redis.clients", "jedis")
        + ")";
  }

  /** Deletes every key under this run's prefix, node by node; never a flush. */
  @Override
  public void close() {
    try {
      ScanParams match = new ScanParams().match(keyPrefix + "*").count(1_000);
      for (Admin admin : admins) {
        try (Jedis jedis = admin.open()) {
          String cursor = ScanParams.SCAN_POINTER_START;
          do {
            ScanResult<String> page = jedis.scan(cursor, match);
            deleteAll(page.getResult());
            cursor = page.getCursor();
          } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
      }
    } finally {
      storage().close();
      client.close();
    }
  }

  /**
   * Deletes a page of keys in one pipeline: a run leaves up to a few hundred thousand fresh keys,
   * one round trip each would take longer than the benchmark. The client routes each key to its
   * node.
   */
  private void deleteAll(List<String> keys) {
    try (AbstractPipeline pipeline = client.pipelined()) {
      keys.forEach(pipeline::del);
      pipeline.sync();
    }
  }

  private static String infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    return "(unknown version)";
  }

  /** Opens a direct connection to one node, for INFO and SCAN. */
  @FunctionalInterface
  private interface Admin {
    Jedis open();
  }

  /** The commands of {@link RedisPersistentStorage}'s table, sent with the same client. */
  private static final class RawRedis implements RawCommands {
    private final UnifiedJedis client;
    private final RedisPersistentStorage storage;
    private final String scriptSha;
    private final List<Admin> nodes;

    RawRedis(UnifiedJedis client, RedisPersistentStorage storage, List<Admin> nodes) {
      this.client = client;
      this.storage = storage;
      this.nodes = nodes;
      this.scriptSha = client.scriptLoad(SAVE_IF_ABSENT, "any-key");
    }

    @Override
    public Object load(String key) {
      return client.hgetAll(storage.redisKey(key));
    }

    @Override
    public Map<String, StickyValues> loadDecoding(String key, Collection<String> configs) {
      return RawCommands.decode(client.hgetAll(storage.redisKey(key)), configs);
    }

    @Override
    public Object save(String key, String configName, String json) {
      return client.hset(storage.redisKey(key), configName, json);
    }

    @Override
    public boolean saveIfAbsent(String key, String configName, String json) {
      List<String> keys = List.of(storage.redisKey(key));
      List<String> args = List.of(configName, json);
      Object stored;
      try {
        stored = client.evalsha(scriptSha, keys, args);
      } catch (JedisNoScriptException e) {
        stored = client.eval(SAVE_IF_ABSENT, keys, args); // a cluster node that has not seen it
      }
      return stored == null;
    }

    @Override
    public Object delete(String key, String configName) {
      return client.hdel(storage.redisKey(key), configName);
    }

    @Override
    public Object loadAll(List<String> keys) {
      List<Response<Map<String, String>>> replies = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = client.pipelined()) {
        keys.forEach(key -> replies.add(pipeline.hgetAll(storage.redisKey(key))));
        pipeline.sync();
      }
      return replies.stream().map(Response::get).toList();
    }

    @Override
    public Map<String, Map<String, StickyValues>> loadAllDecoding(
        List<String> keys, Collection<String> configs) {
      @SuppressWarnings("unchecked")
      List<Map<String, String>> replies = (List<Map<String, String>>) loadAll(keys);
      Map<String, Map<String, StickyValues>> users = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        users.put(keys.get(i), RawCommands.decode(replies.get(i), configs));
      }
      return users;
    }

    @Override
    public void seed(List<String> keys, List<String> configs, String json) {
      try (AbstractPipeline pipeline = client.pipelined()) {
        for (String key : keys) {
          for (String config : configs) {
            pipeline.hset(storage.redisKey(key), config, json);
          }
        }
        pipeline.sync();
      }
    }

    @Override
    public long deleteAll(String key) {
      return client.del(storage.redisKey(key));
    }

    /** SCAN of every master, then the page's HDELs in one pipeline, as a hand-written purge. */
    @Override
    public long purge(String configName) {
      ScanParams match = new ScanParams().match(storage.keyPrefix() + "*").count(1_000);
      long removed = 0;
      for (Admin node : nodes) {
        try (Jedis jedis = node.open()) {
          String cursor = ScanParams.SCAN_POINTER_START;
          do {
            ScanResult<String> page = jedis.scan(cursor, match);
            List<Response<Long>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = client.pipelined()) {
              page.getResult().forEach(key -> replies.add(pipeline.hdel(key, configName)));
              pipeline.sync();
            }
            for (Response<Long> reply : replies) {
              removed += reply.get();
            }
            cursor = page.getCursor();
          } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
      }
      return removed;
    }
  }
}
