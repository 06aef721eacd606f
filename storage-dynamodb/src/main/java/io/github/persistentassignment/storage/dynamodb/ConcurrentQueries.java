package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one blocking query per key with a bounded number in flight: the calling thread and up to
 * {@code limit - 1} pool threads each take the next unclaimed key until none is left. Helpers the
 * pool has not started by the time the caller runs out of keys are cancelled, so a busy pool slows
 * a call down but never stalls it.
 */
final class ConcurrentQueries {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int limit;
  private final ThreadPoolExecutor pool;

  ConcurrentQueries(int limit, String tableName) {
    this.limit = limit;
    int helpers = Math.max(1, limit - 1);
    String prefix = "pa-dynamodb-" + POOLS.incrementAndGet() + "-" + tableName + "-";
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool =
        new ThreadPoolExecutor(
            helpers, helpers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true); // an idle storage holds no threads
  }

  Map<String, UserPersistedValues> run(
      List<String> keys, Function<String, UserPersistedValues> query) {
    Map<String, UserPersistedValues> results = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
            String key = keys.get(i);
            results.put(key, query.apply(key));
          }
        };
    List<Future<?>> helpers = new ArrayList<>();
    int helperCount = Math.min(limit, keys.size()) - 1;
    try {
      for (int i = 0; i < helperCount; i++) {
        helpers.add(pool.submit(worker));
      }
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("DynamoDbPersistentStorage is closed", e);
    }
    try {
      worker.run();
    } catch (RuntimeException e) {
      next.set(keys.size()); // stop the helpers taking more keys
      helpers.forEach(helper -> helper.cancel(false));
      throw e;
    }
    helpers.forEach(helper -> helper.cancel(false));
    for (Future<?> helper : helpers) {
      await(helper);
    }
    return results;
  }

  private static void await(Future<?> helper) {
    if (helper.isCancelled()) {
      return;
    }
    try {
      helper.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("loadAll was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new StorageException("loadAll failed: " + cause, cause);
    } catch (java.util.concurrent.CancellationException e) {
      // cancelled before it started: the caller took its keys
    }
  }

  void close() {
    pool.shutdownNow();
  }
}
