package io.github.persistentassignment.storage.dynamodb;

import static java.util.Objects.requireNonNull;

import io.github.persistentassignment.StorageException;
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
import org.jspecify.annotations.Nullable;

/**
 * Runs one blocking query per key with a bounded number in flight: the calling thread and up to
 * {@code limit - 1} pool threads each take the next unclaimed key until none is left. Helpers the
 * pool has not started by the time the caller runs out of keys are cancelled, so a busy pool slows
 * a call down but never stalls it. The first failed query stops every thread from taking more keys;
 * the call then fails once the queries in flight have ended.
 *
 * <p>Each query has a deadline of its own (the caller's function makes it), so the whole call is
 * given time in proportion to its keys, while an outage still ends it after about one query's
 * timeout.
 *
 * <p>The pool is per storage instance, so at most {@code limit - 1} helper threads exist however
 * many {@code loadAll} calls run at once; each call has at most {@code limit} queries in flight.
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

  <R> Map<String, R> run(List<String> keys, Function<String, R> query) {
    Map<String, R> results = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
            String key = keys.get(i);
            try {
              results.put(key, query.apply(key));
            } catch (RuntimeException e) {
              // The call has failed: no thread starts another query for it, so an outage costs
              // one wait per thread rather than one per key.
              next.set(keys.size());
              throw e;
            }
          }
        };
    List<Helper> helpers = new ArrayList<>();
    int helperCount = Math.min(limit, keys.size()) - 1;
    try {
      for (int i = 0; i < helperCount; i++) {
        Helper helper = new Helper(worker);
        helper.future = pool.submit(helper::run);
        helpers.add(helper);
      }
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("DynamoDbPersistentStorage is closed", e);
    }
    try {
      worker.run();
    } catch (RuntimeException e) {
      helpers.forEach(Helper::skipIfNotStarted);
      throw e;
    }
    for (Helper helper : helpers) {
      if (!helper.skipIfNotStarted()) {
        helper.await();
      }
    }
    return results;
  }

  /** A pool task that either runs the worker or, once the caller skipped it, does nothing. */
  private static final class Helper {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int SKIPPED = 2;

    private final Runnable worker;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private @Nullable Future<?> future;

    Helper(Runnable worker) {
      this.worker = worker;
    }

    void run() {
      if (state.compareAndSet(NEW, STARTED)) {
        worker.run();
      }
    }

    /** True when the helper had not started and now never will. */
    boolean skipIfNotStarted() {
      return state.compareAndSet(NEW, SKIPPED) || state.get() == SKIPPED;
    }

    void await() {
      try {
        requireNonNull(future).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("loadAll was interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new StorageException("loadAll failed: " + cause, cause);
      }
    }
  }

  void close() {
    pool.shutdownNow();
  }
}
