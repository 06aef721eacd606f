package io.github.persistentassignment.storage.redis;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Learns a cluster's layout (which node serves which slots) again, on a background thread, when a
 * call saw a node fail or redirect: after a failover the next calls go to the new primary, and no
 * caller waits on the nodes that may not answer. At most one refresh runs or waits at a time; the
 * thread exists only while there is work.
 */
final class LayoutRefresher implements AutoCloseable {
  private final ClusterConnectionProvider provider;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ThreadPoolExecutor thread;

  LayoutRefresher(ClusterConnectionProvider provider) {
    this.provider = provider;
    this.thread =
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread daemon = new Thread(task, "persistent-assignment-redis-cluster-layout");
              daemon.setDaemon(true);
              return daemon;
            });
  }

  /** Asks for a refresh, unless one is already running or waiting. Never blocks. */
  void request() {
    if (pending.compareAndSet(false, true)) {
      try {
        thread.execute(this::refresh);
      } catch (RejectedExecutionException closed) {
        pending.set(false);
      }
    }
  }

  private void refresh() {
    try {
      provider.renewSlotCache();
    } catch (RuntimeException unreachable) {
      // No node answered, or the client is closing; the next failure asks again.
    } finally {
      pending.set(false);
    }
  }

  /** Stops the thread; a refresh in progress ends with its own timeouts. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
