package io.github.persistentassignment;

import io.github.persistentassignment.internal.LogSafe;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs storage failures once per outage rather than once per call: the first failure after a
 * success is a warning, the rest of the burst are debug lines, and the first success afterwards
 * says storage is back. Keys (user IDs) and exception messages (which name the key) are logged at
 * DEBUG only; the warning names the operation and the exception types.
 */
final class StorageFailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(PersistentAssignment.class);

  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicLong outages = new AtomicLong();

  /** Outages seen so far: runs of failures with no success between them. */
  long outages() {
    return outages.get();
  }

  void failed(String operation, String key, RuntimeException e) {
    if (failing.compareAndSet(false, true)) {
      outages.incrementAndGet();
      LOG.warn(
          "Storage {} failed ({}); serving live results until storage recovers. The key and the"
              + " exception are logged at DEBUG",
          operation,
          LogSafe.exceptionTypes(e));
      LOG.debug("Storage {} failed for key '{}'", operation, key, e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Storage {} failed for key '{}': {}", operation, key, e.toString());
    }
  }

  void recovered() {
    if (failing.get() && failing.compareAndSet(true, false)) {
      LOG.info("Storage is answering again");
    }
  }
}
