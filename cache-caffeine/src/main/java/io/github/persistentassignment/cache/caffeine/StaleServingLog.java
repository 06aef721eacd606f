package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.StorageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the cache starts and stops serving stale entries. {@code PersistentAssignment} never
 * hears of a failed load that the cache answered, so without this an outage would go unnoticed: the
 * first stale answer after a successful load is a warning, the rest are DEBUG lines, and the next
 * successful load is an INFO line. The exception's message names the key (a user ID), so it goes to
 * DEBUG only.
 */
final class StaleServingLog {
  private static final Logger LOG = LoggerFactory.getLogger(CachingPersistentStorage.class);

  private final Duration maxStale;
  private final AtomicBoolean serving = new AtomicBoolean();
  private final AtomicLong keysServed = new AtomicLong();

  StaleServingLog(Duration maxStale) {
    this.maxStale = maxStale;
  }

  long keysServed() {
    return keysServed.get();
  }

  void served(String operation, int keys, StorageException e) {
    keysServed.addAndGet(keys);
    if (serving.compareAndSet(false, true)) {
      LOG.warn(
          "Storage {} failed ({}); serving cached entries loaded up to {} ago until it answers"
              + " again. The exception is logged at DEBUG",
          operation,
          types(e),
          maxStale);
    }
    LOG.debug("Serving stale entries after a failed {}", operation, e);
  }

  /** The exception's type and its cause's, such as {@code StorageException, caused by X}. */
  private static String types(Throwable e) {
    Throwable cause = e.getCause();
    return e.getClass().getSimpleName()
        + (cause == null ? "" : ", caused by " + cause.getClass().getSimpleName());
  }

  void recovered() {
    if (serving.get() && serving.compareAndSet(true, false)) {
      LOG.info("Storage is answering loads again; the cache serves fresh entries");
    }
  }
}
