package io.github.persistentassignment.storage.redis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads many hashes with one pipeline: on a standalone server one round trip, on a cluster one per
 * node, the nodes' replies read in parallel. One attempt, no retry: when Redis stops answering, the
 * read fails after one timeout, and a connection that failed is not replaced while the caller waits
 * ({@link ConnectionReturn}), neither in the caller's thread nor in the threads that read a
 * cluster's nodes.
 */
final class PipelinedHashReads implements AutoCloseable {
  private final ThreadPoolExecutor nodeReaders =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE, // a reader per node of every call in progress: none waits for another
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread daemon = new Thread(task, "persistent-assignment-redis-pipeline");
            daemon.setDaemon(true);
            return daemon;
          });
  private final ExecutorService refusingReaders = new RefusingNewConnections(nodeReaders);

  /**
   * The hashes at {@code redisKeys}, each key's fields (empty for a missing key), in order.
   *
   * @throws redis.clients.jedis.exceptions.JedisException if a node failed
   */
  Map<String, Map<String, String>> hgetAll(UnifiedJedis client, Collection<String> redisKeys) {
    Map<String, Response<Map<String, String>>> responses = new LinkedHashMap<>();
    AbstractPipeline pipeline =
        client instanceof RedisClusterClient cluster
            ? cluster.pipelined(refusingReaders)
            : client.pipelined();
    try (GuardedClose closing = () -> ConnectionReturn.refusingNewConnections(pipeline::close)) {
      redisKeys.forEach(key -> responses.put(key, pipeline.hgetAll(key)));
      ConnectionReturn.refusingNewConnections(pipeline::sync);
    } catch (JedisException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jedis's cluster pipeline, after a node's connection failed, can trip over its own
      // bookkeeping when it syncs again on close (a NullPointerException in Jedis 8.0).
      throw new JedisConnectionException("the pipeline failed after a connection failure", e);
    }
    Map<String, Map<String, String>> replies = new LinkedHashMap<>();
    responses.forEach((key, response) -> replies.put(key, replyOf(key, response)));
    return replies;
  }

  private static Map<String, String> replyOf(String key, Response<Map<String, String>> response) {
    try {
      return response.get();
    } catch (IllegalStateException unanswered) {
      // A cluster pipeline drops the replies of a node whose connection failed (and only logs
      // why), leaving their responses unset.
      throw new JedisConnectionException(
          "no reply for '" + key + "': its node's connection failed");
    }
  }

  /** Stops the node readers; reads in progress end with their own timeouts. */
  @Override
  public void close() {
    nodeReaders.shutdownNow();
  }

  /** Closing that throws no checked exception. */
  private interface GuardedClose extends AutoCloseable {
    @Override
    void close();
  }

  /** An executor whose tasks run with new connections refused on their thread. */
  private static final class RefusingNewConnections extends AbstractExecutorService {
    private final ExecutorService delegate;

    RefusingNewConnections(ExecutorService delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
      delegate.execute(
          () -> {
            try {
              ConnectionReturn.refusingNewConnections(task);
            } catch (RuntimeException failed) {
              // The pipeline leaves that node's replies unset, and the caller reports them.
            }
          });
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }
}
