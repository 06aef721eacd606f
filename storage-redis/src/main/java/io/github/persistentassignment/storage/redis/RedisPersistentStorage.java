package io.github.persistentassignment.storage.redis;

import static io.github.persistentassignment.internal.Arguments.requireAtLeastOne;
import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requirePositive;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Stores assignments in Redis (standalone or Redis Cluster) through Jedis.
 *
 * <h2>Layout</h2>
 *
 * <p>One hash per storage key, at {@code <prefix><key>} (default prefix {@code pa:}); the hash's
 * field is the config name and its value the entry as universal JSON (see {@link
 * StickyValuesCodec}). Everything of one storage key is one Redis key, so it lives in one cluster
 * slot.
 *
 * <table>
 *   <caption>Commands, one round trip each</caption>
 *   <tr><th>operation</th><th>command</th></tr>
 *   <tr><td>{@link #load}</td><td>{@code HGETALL}</td></tr>
 *   <tr><td>{@link #save}</td><td>{@code HSET}; with a TTL, {@code EVALSHA} of a script doing
 *       {@code HSET} and {@code PEXPIRE}</td></tr>
 *   <tr><td>{@link #delete}</td><td>{@code HDEL}</td></tr>
 *   <tr><td>{@link #saveIfAbsent}</td><td>{@code EVALSHA} of a script doing {@code HSETNX}, else
 *       {@code HGET} (and {@code PEXPIRE} when it wrote, with a TTL)</td></tr>
 *   <tr><td>{@link #loadAll}</td><td>{@code HGETALL} per key, pipelined: one pipeline, or one per
 *       cluster node</td></tr>
 * </table>
 *
 * <p>A script the server does not know (after a restart or {@code SCRIPT FLUSH}) is sent again with
 * {@code EVAL} once, which caches it for the next call.
 *
 * <h2>Time to live</h2>
 *
 * <p>With {@link Builder#expireAfter(Duration)}, every write sets the hash's expiry to that long
 * from now. Redis expires whole keys, so all of a user's entries under one storage key expire
 * together, that long after the last save of any of them.
 *
 * <h2>Clients</h2>
 *
 * <pre>{@code
 * // A client you own: the storage never closes it.
 * PersistentStorage storage = RedisPersistentStorage.builder(redisClient).build();
 * // A client the storage creates, owns and closes.
 * PersistentStorage storage = RedisPersistentStorage.builder("rediss://user:secret@redis:6380")
 *     .expireAfter(Duration.ofDays(90))
 *     .build();
 * }</pre>
 *
 * <p>Failures of Redis (refused, timed out, an error reply) are {@link StorageException}s naming
 * the operation, the key and, where known, the server's {@code host:port}. Thread-safe, as the
 * Jedis clients are.
 *
 * <h2>Timeouts</h2>
 *
 * <p>A client the storage creates (from a URL or cluster nodes) never waits without a limit:
 *
 * <table>
 *   <caption>Waits of one attempt, and their builder settings</caption>
 *   <tr><th>wait</th><th>setting</th><th>default</th></tr>
 *   <tr><td>for a pooled connection, when all are in use</td>
 *       <td>{@link Builder#poolTimeout}</td><td>1 s</td></tr>
 *   <tr><td>to open a TCP connection</td><td>{@link Builder#connectTimeout}</td><td>2 s</td></tr>
 *   <tr><td>for each reply (and each reply of a new connection's handshake)</td>
 *       <td>{@link Builder#socketTimeout}</td><td>2 s</td></tr>
 * </table>
 *
 * <p>A call sends one command, in at most two attempts. The second is made only when the first
 * found its connection closed by the server or the network (a reset, an end of stream), as pooled
 * connections are after Redis restarts: the pool's idle connections are then dropped and the
 * command is repeated once on a new connection, so a restart costs no failed call. On a cluster the
 * second attempt may instead follow a {@code MOVED} or {@code ASK} redirection. There is no second
 * attempt after a timeout, and a cluster's layout is learned again on a background thread, never
 * while a caller waits. So when Redis or the network stops answering, a call fails after one
 * timeout (the socket timeout, or the connect timeout for a new connection), and never later than
 * {@link Builder#worstCaseCallTime()}, twice the sum of the three timeouts (10 s with the
 * defaults). Two things can go beyond that: a script Redis has forgotten (after a restart) is sent
 * again with {@code EVAL}, a second command, by a save with a TTL or a saveIfAbsent; and each
 * timeout bounds one step, not the call, so a Redis that answers every step slowly, each just
 * inside its timeout, can hold a call longer.
 *
 * <p>{@link #loadAll} sends its pipeline (one per node on a cluster, their replies read in
 * parallel) in one attempt, with no retry: it too fails after one timeout when Redis stops
 * answering, though on a cluster it takes the nodes' connections one after another, so its bound
 * grows with the number of nodes. {@link #forEachEntry} scans with Jedis's own iteration: a {@code
 * SCAN} step that fails may also wait for the pool to open a replacement connection (connect and
 * socket timeouts again), and the whole scan takes as long as the keyspace needs. Building a
 * cluster storage reads the layout from each given node in turn until one answers, each within the
 * connect and socket timeouts.
 *
 * <p>A client of yours keeps its own settings, and Jedis's defaults include waits without a limit.
 * Set at least: {@code connectionTimeoutMillis} and {@code socketTimeoutMillis} in its {@code
 * JedisClientConfig}; {@code maxWait} in its pool configuration (commons-pool's default, -1, waits
 * for a free connection forever); and for a {@code RedisClusterClient}, {@code maxAttempts} and
 * {@code maxTotalRetriesDuration}, since Jedis retries a failed cluster call up to five times,
 * timeouts included, and learns the cluster's layout again in the calling thread. Even so, a call
 * through your client that meets a dead path can wait two timeouts: its pool (commons-pool 2.13)
 * opens the replacement of the failed connection in the failing call's thread.
 */
public final class RedisPersistentStorage implements EnumerableStorage {
  /** The key prefix when none is set. */
  public static final String DEFAULT_KEY_PREFIX = "pa:";

  /** Redis's default {@code proto-max-bulk-len}: the largest string it accepts, 512 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 512 * 1024 * 1024;

  /** The connect timeout of clients the storage creates, when none is set. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** The socket (read) timeout of clients the storage creates, when none is set. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How long a call to a client the storage creates waits for a free pooled connection, when none
   * is set.
   */
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(1);

  /** The connection pool size of clients the storage creates, when none is set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 32;

  // KEYS[1] hash; ARGV[1] field, ARGV[2] value, ARGV[3] TTL in milliseconds.
  private static final LuaScript SAVE_WITH_TTL =
      new LuaScript(
          "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
              + "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  // KEYS[1] hash; ARGV[1] field, ARGV[2] value, ARGV[3] TTL in milliseconds or "" for none.
  // Returns nil when it wrote, else the stored value.
  private static final LuaScript SAVE_IF_ABSENT =
      new LuaScript(
          "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then\n"
              + "  if ARGV[3] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end\n"
              + "  return false\n"
              + "end\n"
              + "return redis.call('HGET', KEYS[1], ARGV[1])\n");

  private final UnifiedJedis client;
  private final boolean ownsClient;
  private final String endpoint;
  private final String keyPrefix;
  private final @Nullable Duration expireAfter;
  private final int maxValueBytes;
  private final PipelinedHashReads pipelinedReads = new PipelinedHashReads();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisPersistentStorage(
      UnifiedJedis client, boolean ownsClient, String endpoint, Builder builder) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.endpoint = endpoint;
    this.keyPrefix = builder.keyPrefix;
    this.expireAfter = builder.expireAfter;
    this.maxValueBytes = builder.maxValueBytes;
  }

  /**
   * Starts a builder over a client the caller owns: a {@link RedisClient}, a {@link
   * RedisClusterClient} or any other {@link UnifiedJedis}. The storage never closes it, and the
   * builder's connection settings (timeouts, pool size) do not apply to it.
   *
   * @param client the client
   * @return a new builder
   * @throws IllegalArgumentException if the client is null
   */
  public static Builder builder(UnifiedJedis client) {
    requireNonNullArgument(client, "client");
    return new Builder(new Source(client, null, List.of()));
  }

  /**
   * Starts a builder for a standalone server at a URL, {@code
   * redis[s]://[[user]:password@]host[:port][/database]}; {@code rediss} connects with TLS, the
   * user and password authenticate (ACL). The storage creates the client when built and closes it
   * when closed.
   *
   * @param url the server's URL
   * @return a new builder
   * @throws IllegalArgumentException naming the URL (password hidden) if it is not such a URL
   */
  public static Builder builder(String url) {
    requireNonBlank(url, "url");
    return new Builder(new Source(null, RedisAddress.parseUrl(url), List.of()));
  }

  /**
   * Starts a builder for a Redis Cluster, from some of its nodes: each {@code host:port}, or a
   * {@code redis://} / {@code rediss://} URL carrying the user, password and TLS for the whole
   * cluster. The storage creates the client when built (which contacts the cluster) and closes it
   * when closed.
   *
   * @param nodes one or more of the cluster's nodes
   * @return a new builder
   * @throws IllegalArgumentException if the collection is null or empty, or a node is malformed
   */
  public static Builder clusterBuilder(Collection<String> nodes) {
    requireNonNullArgument(nodes, "nodes");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("nodes must not be empty");
    }
    List<RedisAddress> parsed = new ArrayList<>();
    for (String node : nodes) {
      parsed.add(RedisAddress.parseNode(requireNonBlank(node, "node")));
    }
    return new Builder(new Source(null, null, List.copyOf(parsed)));
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
  public UserPersistedValues load(String key) {
    String redisKey = redisKey(key);
    ensureOpen();
    Map<String, String> raw = call("load", key, () -> client.hgetAll(redisKey));
    return UserPersistedValues.ofEncoded(key, raw);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    String redisKey = redisKey(key);
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
    String json = encode("save", key, values);
    if (expireAfter == null) {
      call("save", key, () -> client.hset(redisKey, configName, json));
    } else {
      String ttl = Long.toString(expireAfter.toMillis());
      call("save", key, () -> SAVE_WITH_TTL.run(client, redisKey, List.of(configName, json, ttl)));
    }
  }

  @Override
  public void delete(String key, String configName) {
    String redisKey = redisKey(key);
    requireNonBlank(configName, "configName");
    ensureOpen();
    call("delete", key, () -> client.hdel(redisKey, configName));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stored entry byte for byte equal to {@code values}' JSON counts as this call's own write,
   * and the result is empty: a call repeated after its connection was cut (see "Timeouts") finds
   * the entry its first attempt wrote, and must still report that it won.
   */
  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    String redisKey = redisKey(key);
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
    String json = encode("saveIfAbsent", key, values);
    String ttl = expireAfter == null ? "" : Long.toString(expireAfter.toMillis());
    Object stored =
        call(
            "saveIfAbsent",
            key,
            () -> SAVE_IF_ABSENT.run(client, redisKey, List.of(configName, json, ttl)));
    if (stored == null) {
      return Optional.empty();
    }
    String existing =
        stored instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : stored.toString();
    if (existing.equals(json)) {
      // Exactly what this call sent: its first attempt wrote it and the reply was lost, so the
      // second attempt found it. (Another writer's entry would differ, if only in its time.)
      return Optional.empty();
    }
    try {
      return Optional.of(StickyValuesCodec.decode(existing));
    } catch (StickyValuesFormatException e) {
      // Neither "absent" (it is there) nor usable: the caller must not overwrite it blindly.
      throw new StorageException(
          "saveIfAbsent found an unreadable entry for key '"
              + key
              + "', config '"
              + configName
              + "' on "
              + endpoint
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    ensureOpen();
    LinkedHashSet<String> unique = new LinkedHashSet<>(keys);
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    if (unique.isEmpty()) {
      return result;
    }
    String first = unique.iterator().next();
    String subject =
        unique.size() == 1
            ? "key '" + first + "'"
            : "keys '" + first + "' and " + (unique.size() - 1) + " more";
    Map<String, Map<String, String>> raw =
        callOn(
            "loadAll",
            subject,
            () -> {
              List<String> redisKeys = unique.stream().map(key -> keyPrefix + key).toList();
              Map<String, Map<String, String>> byRedisKey =
                  pipelinedReads.hgetAll(client, redisKeys);
              Map<String, Map<String, String>> replies = new LinkedHashMap<>();
              unique.forEach(key -> replies.put(key, byRedisKey.get(keyPrefix + key)));
              return replies;
            });
    raw.forEach((key, entries) -> result.put(key, UserPersistedValues.ofEncoded(key, entries)));
    return result;
  }

  /**
   * Visits every entry under this storage's key prefix: {@code SCAN} with a {@code MATCH} on the
   * prefix, 500 keys per step (on every primary node of a cluster), each step's hashes loaded with
   * one pipelined {@link #loadAll}. {@code SCAN} may return a key twice; its entries are then
   * visited twice.
   */
  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    ScanIteration scan =
        callOn(
            "forEachEntry",
            "prefix '" + keyPrefix + "'",
            () -> client.scanIteration(500, glob(keyPrefix) + "*"));
    while (!callOn("forEachEntry", "prefix '" + keyPrefix + "'", scan::isIterationCompleted)) {
      List<String> keys = new ArrayList<>();
      for (String redisKey :
          callOn("forEachEntry", "prefix '" + keyPrefix + "'", scan::nextBatchList)) {
        if (redisKey.startsWith(keyPrefix) && redisKey.length() > keyPrefix.length()) {
          keys.add(redisKey.substring(keyPrefix.length()));
        }
      }
      loadAll(keys)
          .forEach(
              (key, values) ->
                  values
                      .asMap()
                      .forEach((name, v) -> action.accept(new StoredEntry(key, name, v))));
    }
  }

  /** The prefix as a literal {@code SCAN MATCH} pattern: glob characters escaped. */
  private static String glob(String prefix) {
    StringBuilder pattern = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.toString();
  }

  /**
   * Closes the client if this storage created it; a caller's client stays open. Idempotent.
   *
   * @throws StorageException if closing the created client failed
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pipelinedReads.close();
    if (ownsClient) {
      try {
        client.close();
      } catch (JedisException e) {
        throw new StorageException("close failed for Redis " + endpoint + ": " + e.getMessage(), e);
      }
    }
  }

  private String encode(String operation, String key, StickyValues values) {
    String json = StickyValuesCodec.encode(values);
    // UTF-8 takes at most 3 bytes per UTF-16 char, so short documents need no counting.
    if ((long) json.length() * 3 > maxValueBytes) {
      long bytes = Utf8.length(json);
      if (bytes > maxValueBytes) {
        throw new StorageException(
            operation
                + " failed for key '"
                + key
                + "': the entry is "
                + bytes
                + " bytes of JSON, more than maxValueBytes ("
                + maxValueBytes
                + "); nothing was written");
      }
    }
    return json;
  }

  private <T> T call(String operation, String key, Supplier<T> command) {
    return callOn(operation, "key '" + key + "'", command);
  }

  private <T> T callOn(String operation, String subject, Supplier<T> command) {
    try {
      return command.get();
    } catch (JedisException e) {
      throw new StorageException(
          operation + " failed for " + subject + " on " + endpoint + ": " + describe(e), e);
    }
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("RedisPersistentStorage is closed");
    }
  }

  /** Where the client comes from: exactly one of a caller's client, a URL or cluster nodes. */
  private record Source(
      @Nullable UnifiedJedis client, @Nullable RedisAddress url, List<RedisAddress> nodes) {}

  /**
   * Builds a {@link RedisPersistentStorage}. Immutable: every setter returns a new builder, so a
   * configured builder can be shared and reused.
   */
  public static final class Builder {
    private final Source source;
    private final String keyPrefix;
    private final @Nullable Duration expireAfter;
    private final RedisClients.Settings connection;
    private final int maxValueBytes;

    private Builder(Source source) {
      this(
          source,
          DEFAULT_KEY_PREFIX,
          null,
          new RedisClients.Settings(
              DEFAULT_CONNECT_TIMEOUT,
              DEFAULT_SOCKET_TIMEOUT,
              DEFAULT_POOL_TIMEOUT,
              DEFAULT_MAX_CONNECTIONS),
          DEFAULT_MAX_VALUE_BYTES);
    }

    private Builder(
        Source source,
        String keyPrefix,
        @Nullable Duration expireAfter,
        RedisClients.Settings connection,
        int maxValueBytes) {
      this.source = source;
      this.keyPrefix = keyPrefix;
      this.expireAfter = expireAfter;
      this.connection = connection;
      this.maxValueBytes = maxValueBytes;
    }

    /**
     * The prefix of every Redis key the storage writes, such as {@code "myapp:pa:"}. Default
     * {@value RedisPersistentStorage#DEFAULT_KEY_PREFIX}; may be empty.
     *
     * @param keyPrefix the prefix
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the prefix is null
     */
    public Builder keyPrefix(String keyPrefix) {
      requireNonNullArgument(keyPrefix, "keyPrefix");
      return new Builder(source, keyPrefix, expireAfter, connection, maxValueBytes);
    }

    /**
     * Expires a storage key's hash this long after its last write (save, or a saveIfAbsent that
     * wrote), rounded to milliseconds. Redis expires whole keys: all entries of one storage key go
     * together. Default: never.
     *
     * @param ttl a positive duration of at least one millisecond
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the duration is null, or shorter than a millisecond
     */
    public Builder expireAfter(Duration ttl) {
      requireWholeMillis(ttl, "ttl");
      return new Builder(source, keyPrefix, ttl, connection, maxValueBytes);
    }

    /**
     * How long a client the storage creates waits for a TCP connection to open. Default 2 seconds.
     * Ignored for a caller's client. See "Timeouts" in {@link RedisPersistentStorage}.
     *
     * @param timeout a duration of at least one millisecond
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the duration is null, or shorter than a millisecond
     */
    public Builder connectTimeout(Duration timeout) {
      requireWholeMillis(timeout, "connectTimeout");
      return withConnection(
          new RedisClients.Settings(
              timeout,
              connection.socketTimeout(),
              connection.poolTimeout(),
              connection.maxConnections()));
    }

    /**
     * How long a client the storage creates waits for Redis to send the next bytes of a reply,
     * including the replies of a new connection's handshake. Default 2 seconds. Ignored for a
     * caller's client. See "Timeouts" in {@link RedisPersistentStorage}.
     *
     * @param timeout a duration of at least one millisecond
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the duration is null, or shorter than a millisecond
     */
    public Builder socketTimeout(Duration timeout) {
      requireWholeMillis(timeout, "socketTimeout");
      return withConnection(
          new RedisClients.Settings(
              connection.connectTimeout(),
              timeout,
              connection.poolTimeout(),
              connection.maxConnections()));
    }

    /**
     * How long a call to a client the storage creates waits for a pooled connection when all {@link
     * #maxConnections(int)} are in use, before it fails. Default 1 second. Ignored for a caller's
     * client. See "Timeouts" in {@link RedisPersistentStorage}.
     *
     * @param timeout a duration of at least one millisecond
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the duration is null, or shorter than a millisecond
     */
    public Builder poolTimeout(Duration timeout) {
      requireWholeMillis(timeout, "poolTimeout");
      return withConnection(
          new RedisClients.Settings(
              connection.connectTimeout(),
              connection.socketTimeout(),
              timeout,
              connection.maxConnections()));
    }

    /**
     * The most connections a client the storage creates opens (per node on a cluster). Default
     * {@value RedisPersistentStorage#DEFAULT_MAX_CONNECTIONS}. Ignored for a caller's client.
     *
     * @param maxConnections at least 1
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the number is less than 1
     */
    public Builder maxConnections(int maxConnections) {
      requireAtLeastOne(maxConnections, "maxConnections");
      return withConnection(
          new RedisClients.Settings(
              connection.connectTimeout(),
              connection.socketTimeout(),
              connection.poolTimeout(),
              maxConnections));
    }

    /**
     * The largest entry, in bytes of UTF-8 JSON, that save and saveIfAbsent send. A larger entry is
     * a {@link StorageException} before anything is sent. Default: Redis's default {@code
     * proto-max-bulk-len}, 512 MiB; set it to your server's value if you lowered that.
     *
     * @param maxValueBytes at least 1
     * @return a new builder with this setting
     * @throws IllegalArgumentException if the number is less than 1
     */
    public Builder maxValueBytes(int maxValueBytes) {
      requireAtLeastOne(maxValueBytes, "maxValueBytes");
      return new Builder(source, keyPrefix, expireAfter, connection, maxValueBytes);
    }

    /**
     * The longest one call of {@code load}, {@code save}, {@code delete} or {@code saveIfAbsent} to
     * a storage built from a URL or cluster nodes can wait for a Redis that stops answering, with
     * this builder's timeouts: two attempts (see "Timeouts" in {@link RedisPersistentStorage}),
     * each waiting at most the pool timeout, the connect timeout and the socket timeout. Usually
     * such a call ends after one of these timeouts; this bound is for the rare sequence of slow
     * steps that each finish just inside their own timeout. A caller's client keeps its own
     * settings, to which this does not apply.
     *
     * @return twice the sum of the pool, connect and socket timeouts
     */
    public Duration worstCaseCallTime() {
      return connection
          .poolTimeout()
          .plus(connection.connectTimeout())
          .plus(connection.socketTimeout())
          .multipliedBy(2);
    }

    /**
     * Builds the storage. From a URL this creates a pooled client that connects on first use; from
     * cluster nodes it creates a cluster client, which reads the cluster's layout now: from each
     * node in turn until one answers, each within the connect and socket timeouts.
     *
     * @return a new, open storage
     * @throws StorageException if the cluster could not be reached
     */
    public RedisPersistentStorage build() {
      UnifiedJedis callers = source.client();
      if (callers != null) {
        return new RedisPersistentStorage(callers, false, describeClient(callers), this);
      }
      RedisAddress url = source.url();
      if (url != null) {
        return new RedisPersistentStorage(
            RedisClients.standalone(url, connection), true, "Redis " + url.endpoint(), this);
      }
      return new RedisPersistentStorage(
          RedisClients.cluster(source.nodes(), connection),
          true,
          "Redis Cluster " + RedisClients.describe(source.nodes()),
          this);
    }

    /**
     * Jedis and Redis count these durations in whole milliseconds, and Jedis reads a timeout of 0
     * as "wait forever": less than a millisecond is refused rather than rounded down to that.
     */
    private static void requireWholeMillis(@Nullable Duration duration, String name) {
      requirePositive(duration, name);
      if (duration.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + duration);
      }
    }

    private Builder withConnection(RedisClients.Settings settings) {
      return new Builder(source, keyPrefix, expireAfter, settings, maxValueBytes);
    }

    private static String describeClient(UnifiedJedis client) {
      if (client instanceof RedisClusterClient cluster) {
        return "Redis Cluster " + cluster.getClusterNodes().keySet();
      }
      return "Redis";
    }
  }
}
