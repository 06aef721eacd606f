package io.github.persistentassignment.storage.redis;

import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The storage's Jedis client, created on first use when creating it needs the server (a cluster
 * client reads the slot layout), and created again on a later call while that fails: a storage
 * built while Redis is down works once Redis is back. Callers that arrive while another one is
 * connecting wait for that attempt and share its outcome, so an outage costs each call at most one
 * attempt. Every Jedis failure leaves here as a {@link RedisCallException} naming the server.
 */
final class RedisConnector implements AutoCloseable {
  private final Supplier<UnifiedJedis> factory;
  private final boolean owned;
  private final String endpoint;
  private final Object connecting = new Object();
  private volatile @Nullable UnifiedJedis client;
  private volatile long attempts;
  private @Nullable RuntimeException lastFailure;
  private boolean closed;

  private RedisConnector(
      Supplier<UnifiedJedis> factory, boolean owned, String endpoint, @Nullable UnifiedJedis now) {
    this.factory = factory;
    this.owned = owned;
    this.endpoint = endpoint;
    this.client = now;
  }

  /** A client the caller owns: used as it is, never closed. */
  static RedisConnector callers(UnifiedJedis client, String endpoint) {
    return new RedisConnector(() -> client, false, endpoint, client);
  }

  /** A client the storage creates with {@code factory} on first use, and closes. */
  static RedisConnector owned(Supplier<UnifiedJedis> factory, String endpoint) {
    return new RedisConnector(factory, true, endpoint, null);
  }

  /** The servers, for messages: {@code Redis host:port} or {@code Redis Cluster [nodes]}. */
  String endpoint() {
    return endpoint;
  }

  /**
   * Runs commands on the client, creating it first if needed.
   *
   * @throws RedisCallException if the client could not be created or a command failed
   */
  <T> T call(Function<UnifiedJedis, T> commands) {
    UnifiedJedis jedis = client();
    try {
      return commands.apply(jedis);
    } catch (JedisException e) {
      throw new RedisCallException(endpoint, e);
    }
  }

  /**
   * The client, created now if it was not yet.
   *
   * @throws RedisCallException if it could not be created
   */
  UnifiedJedis client() {
    UnifiedJedis ready = client;
    if (ready != null) {
      return ready;
    }
    long seen = attempts;
    synchronized (connecting) {
      if (closed) {
        throw new IllegalStateException("RedisPersistentStorage is closed");
      }
      if (client != null) {
        return client;
      }
      if (attempts != seen && lastFailure != null) {
        // Another caller tried while this one waited, and failed: do not wait a second time.
        throw new RedisCallException(endpoint, lastFailure);
      }
      attempts++;
      try {
        UnifiedJedis created = factory.get();
        client = created;
        lastFailure = null;
        return created;
      } catch (JedisException e) {
        lastFailure = e;
        throw new RedisCallException(endpoint, e);
      }
    }
  }

  /** Closes the client if the storage created it. */
  @Override
  public void close() {
    UnifiedJedis created;
    synchronized (connecting) {
      closed = true;
      created = client;
    }
    if (owned && created != null) {
      try {
        created.close();
      } catch (JedisException e) {
        throw new RedisCallException(endpoint, e);
      }
    }
  }
}
