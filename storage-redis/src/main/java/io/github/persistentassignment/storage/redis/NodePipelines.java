package io.github.persistentassignment.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClusterInfoCache;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Sends one batch of per-key commands as pipelines: one on a standalone server; on a cluster one
 * per node, all nodes at once (the caller's thread takes one node, pool threads the others), so a
 * batch costs the slowest node's round trip, not their sum.
 *
 * <p>Each batch has its own deadline: on a cluster, a batch whose nodes have not all answered
 * within {@code batchTimeout} fails and the connections still waiting are closed; on one server the
 * connection's read timeout (the operation timeout) bounds the batch. A storage over a caller's
 * client has no deadline of its own: that client's timeouts apply. As for a single call, a pipeline
 * is sent a second time only when its pooled connection had been closed by the server or the
 * network (a restart): never after a timeout. A connection that failed is not replaced while the
 * caller waits ({@link ConnectionReturn}).
 */
final class NodePipelines implements AutoCloseable {
  /** Keys per batch: bulk operations split their keys into batches of this size. */
  static final int BATCH_SIZE = 500;

  private final @Nullable Duration batchTimeout;
  private final ThreadPoolExecutor nodeThreads =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE, // a thread per node of every batch in progress: none waits for another
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread daemon = new Thread(task, "persistent-assignment-redis-pipeline");
            daemon.setDaemon(true);
            return daemon;
          });

  /**
   * @param batchTimeout how long a cluster batch may take, or null for no deadline of our own
   */
  NodePipelines(@Nullable Duration batchTimeout) {
    this.batchTimeout = batchTimeout;
  }

  /**
   * Runs one batch: {@code pipelined} appends a key's commands and returns how to read their
   * replies after the sync. A key whose slot moved (a {@code MOVED} or {@code ASK} reply) is done
   * again with {@code direct}, through the client, which follows the redirection.
   *
   * @param redisKeys at most {@link #BATCH_SIZE} distinct Redis keys
   * @return Redis key → its result, in the keys' order
   * @throws JedisException if a server failed or the deadline passed
   */
  <V> Map<String, V> run(
      UnifiedJedis client,
      List<String> redisKeys,
      BiFunction<AbstractPipeline, String, Supplier<V>> pipelined,
      BiFunction<UnifiedJedis, String, V> direct) {
    Map<String, Supplier<V>> replies = new LinkedHashMap<>();
    if (client instanceof RedisClusterClient cluster) {
      runOnNodes(cluster, redisKeys, pipelined, replies);
    } else {
      try {
        runOnServer(client, redisKeys, pipelined, replies);
      } catch (JedisConnectionException e) {
        if (TwoAttemptExecutor.isTimeout(e) || !(client instanceof RedisClient standalone)) {
          throw e;
        }
        // A pooled connection the server had closed (a restart): drop the idle ones, which are
        // likely dead too, and send the batch once more on a new connection.
        standalone.getPool().clear();
        replies.clear();
        runOnServer(client, redisKeys, pipelined, replies);
      }
    }
    Map<String, V> results = new LinkedHashMap<>();
    for (String key : redisKeys) {
      V value;
      try {
        value = replies.get(key).get();
      } catch (JedisRedirectionException moved) {
        value = direct.apply(client, key);
      }
      results.put(key, value);
    }
    return results;
  }

  private static <V> void runOnServer(
      UnifiedJedis client,
      List<String> redisKeys,
      BiFunction<AbstractPipeline, String, Supplier<V>> pipelined,
      Map<String, Supplier<V>> replies) {
    AbstractPipeline pipeline = client.pipelined();
    try {
      redisKeys.forEach(key -> replies.put(key, pipelined.apply(pipeline, key)));
      ConnectionReturn.refusingNewConnections(pipeline::sync);
    } finally {
      ConnectionReturn.refusingNewConnections(pipeline::close);
    }
  }

  private <V> void runOnNodes(
      RedisClusterClient cluster,
      List<String> redisKeys,
      BiFunction<AbstractPipeline, String, Supplier<V>> pipelined,
      Map<String, Supplier<V>> replies) {
    long started = System.nanoTime();
    Map<HostAndPort, NodeBatch<V>> nodes = byNode(cluster, redisKeys);
    List<NodeBatch<V>> batches = new ArrayList<>(nodes.values());
    List<Future<?>> others = new ArrayList<>();
    for (NodeBatch<V> batch : batches.subList(1, batches.size())) {
      others.add(nodeThreads.submit(() -> batch.send(cluster, pipelined)));
    }
    try {
      batches.get(0).send(cluster, pipelined);
      for (Future<?> other : others) {
        awaitNode(other, started);
      }
    } catch (RuntimeException e) {
      batches.forEach(NodeBatch::abandon);
      others.forEach(other -> other.cancel(false));
      throw e;
    }
    batches.forEach(batch -> replies.putAll(batch.replies));
  }

  private void awaitNode(Future<?> node, long started) {
    try {
      if (batchTimeout == null) {
        node.get();
      } else {
        long left = batchTimeout.toNanos() - (System.nanoTime() - started);
        node.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new JedisConnectionException(
          "a pipelined batch was not answered within its deadline of " + batchTimeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof JedisException jedis) {
        throw jedis;
      }
      throw new JedisConnectionException("a node's pipeline failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JedisConnectionException("interrupted while waiting for a node's pipeline", e);
    }
  }

  /**
   * Groups keys by the node that serves their slot, as the client's layout says: taking a slot's
   * pooled connection and giving it straight back tells its node without a command.
   */
  private static <V> Map<HostAndPort, NodeBatch<V>> byNode(
      RedisClusterClient cluster, List<String> redisKeys) {
    Map<Integer, HostAndPort> slotNodes = new LinkedHashMap<>();
    Map<HostAndPort, NodeBatch<V>> nodes = new LinkedHashMap<>();
    for (String key : redisKeys) {
      int slot = JedisClusterCRC16.getSlot(key);
      HostAndPort node =
          slotNodes.computeIfAbsent(
              slot,
              s -> {
                try (Connection connection = cluster.getConnectionFromSlot(s)) {
                  return connection.getHostAndPort();
                }
              });
      nodes.computeIfAbsent(node, n -> new NodeBatch<>(slot)).keys.add(key);
    }
    return nodes;
  }

  /** Stops the node threads; pipelines in progress end with their own timeouts. */
  @Override
  public void close() {
    nodeThreads.shutdownNow();
  }

  /** A node's pipeline failed on its connection; names the node so its pool can be cleared. */
  private static final class NodeFailure extends JedisConnectionException {
    private static final long serialVersionUID = 1L;
    final transient HostAndPort node;

    NodeFailure(HostAndPort node, JedisConnectionException cause) {
      super(cause.getMessage(), cause);
      this.node = node;
    }
  }

  /** One node's share of a batch. */
  private static final class NodeBatch<V> {
    final int slot;
    final List<String> keys = new ArrayList<>();
    final Map<String, Supplier<V>> replies = new LinkedHashMap<>();
    final AtomicReference<@Nullable Connection> inUse = new AtomicReference<>();
    volatile boolean abandoned;

    NodeBatch(int slot) {
      this.slot = slot;
    }

    void send(
        RedisClusterClient cluster, BiFunction<AbstractPipeline, String, Supplier<V>> append) {
      try {
        sendOnce(cluster, append);
      } catch (NodeFailure e) {
        if (TwoAttemptExecutor.isTimeout(e) || abandoned) {
          throw e;
        }
        // As on one server: a connection the node had closed; its idle siblings go too.
        ConnectionPool pool =
            cluster.getClusterNodes().get(JedisClusterInfoCache.getNodeKey(e.node));
        if (pool != null) {
          pool.clear();
        }
        replies.clear();
        sendOnce(cluster, append);
      }
    }

    private void sendOnce(
        RedisClusterClient cluster, BiFunction<AbstractPipeline, String, Supplier<V>> append) {
      Connection connection = cluster.getConnectionFromSlot(slot);
      inUse.set(connection);
      try {
        Pipeline pipeline = new Pipeline(connection);
        keys.forEach(key -> replies.put(key, append.apply(pipeline, key)));
        ConnectionReturn.refusingNewConnections(pipeline::sync);
      } catch (JedisConnectionException e) {
        throw new NodeFailure(connection.getHostAndPort(), e);
      } finally {
        inUse.set(null);
        ConnectionReturn.close(connection);
      }
    }

    /** Closes the socket of a pipeline still waiting, which ends its read at once. */
    void abandon() {
      abandoned = true;
      Connection connection = inUse.getAndSet(null);
      if (connection != null) {
        connection.setBroken();
        try {
          connection.disconnect();
        } catch (RuntimeException ignored) {
          // Already closing: the waiting read fails either way.
        }
      }
    }
  }
}
