package io.github.persistentassignment.storage.redis;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.spi.AbstractEnumerableStorage;
import io.github.persistentassignment.spi.RawEntry;
import io.github.persistentassignment.spi.StorageLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Stores assignments in Redis (standalone or Redis Cluster) through Jedis. Core ({@link
 * AbstractEnumerableStorage}) owns the contract's rules; this class sends the commands.
 *
 * <pre>{@code
 * // From a URL the storage creates its own client, and close() closes it.
 * try (RedisPersistentStorage storage =
 *     RedisPersistentStorage.builder("redis://localhost:6379")
 *         .expireAfter(Duration.ofDays(90))
 *         .build()) {
 *   PersistentAssignment assignment =
 *       PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
 * }
 * // A client of yours (any UnifiedJedis) is shared and never closed by the storage:
 * RedisPersistentStorage shared = RedisPersistentStorage.builder(redisClusterClient).build();
 * }</pre>
 *
 * <h2>Layout</h2>
 *
 * <p>One hash per storage key, at {@code <keyPrefix><key>} (default {@code pa:}); the hash's field
 * is the config name and its value the entry as universal JSON (see {@link StickyValuesCodec}).
 * Everything of one storage key is one Redis key, so it lives in one cluster slot.
 *
 * <table>
 *   <caption>Commands</caption>
 *   <tr><th>operation</th><th>command, one round trip</th></tr>
 *   <tr><td>load</td><td>{@code HGETALL}</td></tr>
 *   <tr><td>save</td><td>{@code HSET}; with a TTL, a script doing {@code HSET} and {@code
 *       PEXPIREAT}</td></tr>
 *   <tr><td>saveIfAbsent</td><td>a script doing {@code HSETNX}, else {@code HGET} of the stored
 *       text; over a corrupt entry a second script, a compare-and-set</td></tr>
 *   <tr><td>delete / deleteAll</td><td>{@code HDEL} / {@code DEL}</td></tr>
 *   <tr><td>loadAll</td><td>{@code HGETALL} per key, pipelined in batches of 500 keys; on a
 *       cluster one pipeline per node, the nodes at once</td></tr>
 *   <tr><td>purge, forEachEntry</td><td>{@code SCAN} of the prefix, 500 keys a step, then one
 *       pipelined batch of {@code HDEL} (purge) or {@code HGETALL} and {@code PEXPIRETIME}
 *       per step</td></tr>
 * </table>
 *
 * <p>Scripts go by digest ({@code EVALSHA}); a server that lost one gets it again with {@code EVAL}
 * in the same call. Each bulk batch has its own deadline (see "Timeouts"). A key under the prefix
 * that is not a hash (a lock, say) is skipped by {@code forEachEntry} and left alone by {@code
 * purge}.
 *
 * <h2>Time to live</h2>
 *
 * <p>With {@link Builder#expireAfter(Duration)}, every write sets the whole hash's expiry ({@code
 * PEXPIREAT}) to the entry's: {@code expireAfter} after now on the {@link Builder#clock(Clock)}, or
 * the expiry a copied entry carries. So all entries of one storage key expire together, at the
 * expiry of the last write to any of them; {@code forEachEntry} reports it for each entry.
 *
 * <h2>Timeouts</h2>
 *
 * <p>A client the storage creates (from a URL or cluster nodes) never waits without a limit: for a
 * pooled connection {@link Builder#poolTimeout}, to open one {@link Builder#connectTimeout}, for
 * replies {@link Builder#operationTimeout} per call. A call makes a second attempt only when the
 * first met a connection the server or network had closed (after a restart), and that attempt waits
 * only for what remains of the operation timeout; so a call ends within {@link
 * Builder#worstCaseCallTime()}. A forgotten script is sent again with {@code EVAL}, a second
 * command. Bulk operations have a deadline per batch (500 keys): on a cluster a batch whose nodes
 * have not all answered within pool + connect + operation timeouts fails; on one server each
 * batch's replies wait at most the operation timeout. A cluster's layout is learned on first use
 * (so a storage builds while Redis is down, and its calls fail until Redis answers) and again on a
 * background thread after a node fails or redirects.
 *
 * <p>A client of yours keeps its own settings, and the builder refuses timeouts and pool sizes for
 * it. Jedis's defaults include waits without a limit: set {@code connectionTimeoutMillis} and
 * {@code socketTimeoutMillis}, the pool's {@code maxWait}, and for a {@code RedisClusterClient}
 * {@code maxAttempts} and {@code maxTotalRetriesDuration}.
 *
 * <p>Failures (refused, timed out, an error reply) are {@code StorageException}s naming the
 * operation, the key and the server. Thread-safe.
 */
public final class RedisPersistentStorage extends AbstractEnumerableStorage {
  /** The key prefix when none is set. */
  public static final String DEFAULT_KEY_PREFIX = "pa:";

  /** Redis's default {@code proto-max-bulk-len}: the largest string it accepts, 512 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 512 * 1024 * 1024;

  /** The connect timeout of clients the storage creates, when none is set. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** How long a call waits for Redis's replies, when no operation timeout is set. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(2);

  /** How long a call waits for a free pooled connection, when none is set. */
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(1);

  /** The connection pool size of clients the storage creates, when none is set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 32;

  private final RedisConnector connector;
  private final NodePipelines pipelines;
  private final RedisHashes hashes;
  private final RedisEnumeration enumeration;
  private final String keyPrefix;

  private RedisPersistentStorage(Builder builder, RedisConnector connector, NodePipelines batches) {
    super("RedisPersistentStorage", builder.clock, builder.expireAfter, builder.maxValueBytes);
    this.connector = connector;
    this.pipelines = batches;
    this.keyPrefix = builder.keyPrefix;
    this.hashes = new RedisHashes(connector, batches, keyPrefix, builder.clock);
    this.enumeration = new RedisEnumeration(connector, batches, keyPrefix);
  }

  /**
   * Starts a builder over a client the caller owns: a {@code RedisClient}, a {@code
   * RedisClusterClient} or any other {@code UnifiedJedis}. The storage never closes it, and the
   * builder refuses connection settings (timeouts, pool size) for it.
   *
   * @param client the client
   * @return a new builder
   * @throws IllegalArgumentException if the client is null
   */
  public static Builder builder(redis.clients.jedis.UnifiedJedis client) {
    requireNonNullArgument(client, "client");
    return new Builder(RedisSource.of(client));
  }

  /**
   * Starts a builder for a standalone server at a URL, {@code
   * redis[s]://[[user]:password@]host[:port][/database]}; {@code rediss} connects with TLS, the
   * user and password authenticate (ACL). The storage creates the client, which connects on first
   * use, and closes it.
   *
   * @param url the server's URL
   * @return a new builder
   * @throws IllegalArgumentException naming the URL (password hidden) if it is not such a URL
   */
  public static Builder builder(String url) {
    requireNonBlank(url, "url");
    return new Builder(RedisSource.of(RedisAddress.parseUrl(url)));
  }

  /**
   * Starts a builder for a Redis Cluster, from some of its nodes: each {@code host:port}, or a
   * {@code redis://} / {@code rediss://} URL carrying the user, password and TLS for the whole
   * cluster. The storage reads the cluster's layout on first use (retried on later calls while no
   * node answers) and closes its client when closed.
   *
   * @param nodes one or more of the cluster's nodes
   * @return a new builder
   * @throws IllegalArgumentException if the collection is null or empty, or a node is malformed
   */
  public static Builder clusterBuilder(java.util.Collection<String> nodes) {
    return new Builder(RedisSource.ofNodes(nodes));
  }

  /**
   * The prefix of every Redis key this storage writes.
   *
   * @return the key prefix
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * The Redis key that holds a storage key's entries: the prefix followed by the key.
   *
   * @param key the storage key
   * @return the Redis key
   */
  public String redisKey(String key) {
    return keyPrefix + requireNonBlank(key, "key");
  }

  @Override
  protected Map<String, String> loadEncoded(String key) {
    return hashes.load(key);
  }

  @Override
  protected Map<String, Map<String, String>> loadAllEncoded(List<String> keys) {
    return hashes.loadAll(keys);
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    hashes.save(key, configName, json, expiresAt);
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    return hashes.saveIfAbsent(key, configName, json, expiresAt);
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    return hashes.replace(key, configName, expectedJson, json, expiresAt);
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    hashes.delete(key, configName);
  }

  @Override
  protected void deleteAllEncoded(String key) {
    hashes.deleteAll(key);
  }

  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    enumeration.forEach(action, this::skipForeign);
  }

  @Override
  protected long purgeEncoded(String configName) {
    return enumeration.purge(configName);
  }

  /** A call is sent a second time when its connection broke, so a write may find its own entry. */
  @Override
  protected boolean retriesWrites() {
    return true;
  }

  @Override
  protected void closeResources() {
    try {
      pipelines.close();
    } finally {
      connector.close();
    }
  }

  /**
   * Builds a {@link RedisPersistentStorage}. Mutable: each setter returns this builder and rejects
   * null; {@link #build()} checks every setting (an {@link IllegalArgumentException} naming one out
   * of range, or one that does not apply to a caller's client) and does no I/O, so an application
   * starts while Redis is down. Every setting but {@code clock} is also a store-URL option of the
   * same name (see {@link RedisStorageProvider}).
   */
  public static final class Builder {
    private final RedisSource source;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private @Nullable Duration expireAfter;
    private Clock clock = Clock.systemUTC();
    private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration operationTimeout;
    private @Nullable Duration poolTimeout;
    private @Nullable Integer maxConnections;

    private Builder(RedisSource source) {
      this.source = source;
    }

    /**
     * The prefix of every Redis key the storage writes, such as {@code "myapp:pa:"}. Default
     * {@value RedisPersistentStorage#DEFAULT_KEY_PREFIX}; may be empty.
     *
     * @param keyPrefix the prefix
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNullArgument(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Expires a storage key's hash this long after its last write (see "Time to live"), in whole
     * milliseconds. Default: never.
     *
     * @param expireAfter between 1 ms and 36 500 days
     * @return this builder
     */
    public Builder expireAfter(Duration expireAfter) {
      this.expireAfter = requireNonNullArgument(expireAfter, "expireAfter");
      return this;
    }

    /**
     * The clock that dates each write's expiry ({@code now + expireAfter}, sent as an absolute
     * {@code PEXPIREAT}). Default: the system clock, which should agree with the servers'.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The largest entry, in bytes of UTF-8 JSON, that a write sends; a larger one is an {@link
     * IllegalArgumentException} before anything is sent. Default: Redis's default {@code
     * proto-max-bulk-len}, 512 MiB; set it to your server's value if you lowered that.
     *
     * @param maxValueBytes between 1 and 512 MiB
     * @return this builder
     */
    public Builder maxValueBytes(int maxValueBytes) {
      this.maxValueBytes = maxValueBytes;
      return this;
    }

    /**
     * How long a client the storage creates waits for a TCP connection (and its handshake) to open.
     * Default 2 s; not for a caller's client.
     *
     * @param connectTimeout between 1 ms and 10 minutes
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requireNonNullArgument(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long one call of a client the storage creates waits for Redis's replies, over both its
     * attempts; for bulk operations, per batch (see "Timeouts"). Default 2 s; not for a caller's
     * client.
     *
     * @param operationTimeout between 1 ms and 10 minutes
     * @return this builder
     */
    public Builder operationTimeout(Duration operationTimeout) {
      this.operationTimeout = requireNonNullArgument(operationTimeout, "operationTimeout");
      return this;
    }

    /**
     * How long a call waits for a pooled connection when all {@link #maxConnections} are in use.
     * Default 1 s; not for a caller's client.
     *
     * @param poolTimeout between 1 ms and 10 minutes
     * @return this builder
     */
    public Builder poolTimeout(Duration poolTimeout) {
      this.poolTimeout = requireNonNullArgument(poolTimeout, "poolTimeout");
      return this;
    }

    /**
     * The most connections a client the storage creates opens (per node on a cluster). Default
     * {@value RedisPersistentStorage#DEFAULT_MAX_CONNECTIONS}; not for a caller's client.
     *
     * @param maxConnections between 1 and 10 000
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * The longest one call of {@code load}, {@code save}, {@code delete}, {@code deleteAll} or
     * {@code saveIfAbsent} (one script) to a storage built from a URL or cluster nodes can wait for
     * a Redis that stops answering: two attempts of a pooled connection and a new one, and the
     * operation timeout for all replies. Usually such a call ends after one timeout.
     *
     * @return twice the pool and connect timeouts, plus the operation timeout
     * @throws IllegalArgumentException if a timeout is out of range
     */
    public Duration worstCaseCallTime() {
      RedisClients.Settings settings = connection();
      return settings
          .poolTimeout()
          .plus(settings.connectTimeout())
          .multipliedBy(2)
          .plus(settings.operationTimeout());
    }

    /**
     * Checks the settings and builds the storage, without I/O: a client from a URL connects on
     * first use; a cluster client is created on first use (reading the cluster's layout), and again
     * on later calls while that fails.
     *
     * @return a new, open storage
     * @throws IllegalArgumentException naming a setting out of range, or a connection setting given
     *     with a caller's client
     */
    public RedisPersistentStorage build() {
      requireNonNullArgument(keyPrefix, "keyPrefix");
      requireNonNullArgument(clock, "clock");
      StorageLimits.checkExpireAfter(expireAfter);
      StorageLimits.checkCount(maxValueBytes, "maxValueBytes", DEFAULT_MAX_VALUE_BYTES);
      if (source.callers() != null) {
        source.rejectForCallersClient("connectTimeout", connectTimeout);
        source.rejectForCallersClient("operationTimeout", operationTimeout);
        source.rejectForCallersClient("poolTimeout", poolTimeout);
        source.rejectForCallersClient("maxConnections", maxConnections);
        return new RedisPersistentStorage(this, source.connector(null), new NodePipelines(null));
      }
      RedisClients.Settings settings = connection();
      return new RedisPersistentStorage(
          this, source.connector(settings), new NodePipelines(settings.batchTimeout()));
    }

    private RedisClients.Settings connection() {
      return RedisClients.Settings.of(
          connectTimeout, operationTimeout, poolTimeout, maxConnections);
    }
  }
}
