package io.github.persistentassignment.integration.openfeature;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.internal.LogSafe;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage as the provider calls it: every failure is counted, logged once per outage and
 * answered with something the provider can serve live with; and, inside a {@link StickyScope}, each
 * key is loaded once and the scope sees its own writes.
 */
final class FailOpenStore {
  private static final Logger LOG = LoggerFactory.getLogger(StickyVariantProvider.class);

  private final PersistentStorage storage;
  private final ThreadLocal<@Nullable Scope> scopes = new ThreadLocal<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong outages = new AtomicLong();

  /** True from a failure until the next success: one warning per outage, not one per call. */
  private final AtomicBoolean failing = new AtomicBoolean();

  FailOpenStore(PersistentStorage storage) {
    this.storage = storage;
  }

  long failures() {
    return failures.get();
  }

  long outages() {
    return outages.get();
  }

  /** Opens this thread's scope, or joins the one already open (then closing it does nothing). */
  StickyScope openScope() {
    if (scopes.get() != null) {
      return new StickyScope(() -> {});
    }
    Thread owner = Thread.currentThread();
    scopes.set(new Scope());
    return new StickyScope(
        () -> {
          if (Thread.currentThread() != owner) {
            throw new IllegalStateException(
                "a StickyScope must be closed on the thread that opened it (" + owner + ")");
          }
          scopes.remove();
        });
  }

  /** One key's entries, or {@link UserPersistedValues#unavailable()} when the load failed. */
  UserPersistedValues load(String key) {
    Scope scope = scopes.get();
    if (scope != null) {
      UserPersistedValues loaded = scope.loaded.get(key);
      if (loaded != null) {
        return scope.withOwnWrites(key, loaded);
      }
    }
    UserPersistedValues values;
    try {
      values = storage.load(key);
      succeeded();
    } catch (RuntimeException e) {
      failed("load", key, e);
      values = UserPersistedValues.unavailable();
    }
    if (scope != null) {
      // A failed load is kept too: it is not retried within the scope, as core's request view.
      scope.loaded.put(key, values);
    }
    return values;
  }

  /**
   * First write wins.
   *
   * @return empty when this call wrote, the stored entry when another writer had, or null when the
   *     write failed
   */
  @Nullable Optional<StickyValues> saveIfAbsent(String key, String flagKey, StickyValues values) {
    try {
      Optional<StickyValues> winner = storage.saveIfAbsent(key, flagKey, values);
      succeeded();
      remember(key, flagKey, winner.orElse(values));
      return winner;
    } catch (RuntimeException e) {
      failed("saveIfAbsent", key, e);
      return null;
    }
  }

  /** Removes an entry; false when the delete failed. */
  boolean delete(String key, String flagKey) {
    try {
      storage.delete(key, flagKey);
      succeeded();
      remember(key, flagKey, null);
      return true;
    } catch (RuntimeException e) {
      failed("delete", key, e);
      return false;
    }
  }

  private void remember(String key, String flagKey, @Nullable StickyValues values) {
    Scope scope = scopes.get();
    if (scope != null) {
      scope
          .written
          .computeIfAbsent(key, k -> new HashMap<>())
          .put(flagKey, Optional.ofNullable(values));
    }
  }

  private void succeeded() {
    if (failing.get() && failing.compareAndSet(true, false)) {
      LOG.info("Storage is answering again; sticky flags are served from it");
    }
  }

  private void failed(String operation, String key, RuntimeException e) {
    failures.incrementAndGet();
    if (failing.compareAndSet(false, true)) {
      outages.incrementAndGet();
      // The key holds a user ID and the message may quote it: both only at DEBUG.
      LOG.warn(
          "Storage {} failed ({}); sticky flags are resolved live until storage recovers. The key"
              + " and the exception are logged at DEBUG",
          operation,
          LogSafe.exceptionTypes(e));
      LOG.debug("Storage {} failed for key '{}'", operation, key, e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Storage {} failed for key '{}': {}", operation, key, e.toString());
    }
  }

  /** One thread's loaded keys and the writes made since, per key and flag (empty: deleted). */
  private static final class Scope {
    final Map<String, UserPersistedValues> loaded = new HashMap<>();
    final Map<String, Map<String, Optional<StickyValues>>> written = new HashMap<>();

    UserPersistedValues withOwnWrites(String key, UserPersistedValues loaded) {
      Map<String, Optional<StickyValues>> writes = written.get(key);
      if (writes == null || !loaded.isAvailable()) {
        return loaded;
      }
      Map<String, StickyValues> merged = new HashMap<>(loaded.asMap());
      writes.forEach(
          (flagKey, values) -> {
            if (values.isPresent()) {
              merged.put(flagKey, values.get());
            } else {
              merged.remove(flagKey);
            }
          });
      return UserPersistedValues.of(merged);
    }
  }
}
