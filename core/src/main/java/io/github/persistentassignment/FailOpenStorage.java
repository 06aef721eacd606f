package io.github.persistentassignment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The storage as {@link PersistentAssignment} calls it: every failure is logged (once per outage),
 * counted and turned into an answer the decision can serve live with, so no storage failure ever
 * reaches the caller.
 */
final class FailOpenStorage {
  private final PersistentStorage storage;
  private final AtomicLong failures = new AtomicLong();
  private final StorageFailureLog failureLog = new StorageFailureLog();

  FailOpenStorage(PersistentStorage storage) {
    this.storage = storage;
  }

  long failures() {
    return failures.get();
  }

  long outages() {
    return failureLog.outages();
  }

  /** One key's entries, or the "unavailable" marker when the load failed. */
  UserPersistedValues load(String key) {
    try {
      UserPersistedValues values = storage.load(key);
      failureLog.recovered();
      return values;
    } catch (RuntimeException e) {
      failed("load", key, e);
      return UserPersistedValues.unavailable();
    }
  }

  /** Several keys' entries in one round trip; every key "unavailable" when the load failed. */
  Map<String, UserPersistedValues> loadAll(List<String> keys) {
    try {
      Map<String, UserPersistedValues> values = storage.loadAll(keys);
      failureLog.recovered();
      return values;
    } catch (RuntimeException e) {
      failed("loadAll", keys.get(0), e);
      Map<String, UserPersistedValues> unavailable = new LinkedHashMap<>();
      keys.forEach(key -> unavailable.put(key, UserPersistedValues.unavailable()));
      return unavailable;
    }
  }

  /**
   * First write wins.
   *
   * @return empty when this call wrote, the stored entry when another writer had, or null when the
   *     write failed
   */
  @Nullable Optional<StickyValues> saveIfAbsent(String key, String name, StickyValues values) {
    try {
      Optional<StickyValues> winner = storage.saveIfAbsent(key, name, values);
      failureLog.recovered();
      return winner;
    } catch (RuntimeException e) {
      failed("saveIfAbsent", key, e);
      return null;
    }
  }

  /** Overwrites an entry; false when the write failed. */
  boolean save(String key, String name, StickyValues values) {
    try {
      storage.save(key, name, values);
      failureLog.recovered();
      return true;
    } catch (RuntimeException e) {
      failed("save", key, e);
      return false;
    }
  }

  /** Removes an entry; false when the delete failed. */
  boolean delete(String key, String name) {
    try {
      storage.delete(key, name);
      failureLog.recovered();
      return true;
    } catch (RuntimeException e) {
      failed("delete", key, e);
      return false;
    }
  }

  private void failed(String operation, String key, RuntimeException e) {
    failures.incrementAndGet();
    failureLog.failed(operation, key, e);
  }
}
