package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call to the adapter under test until told to fail; then every call (or only the
 * loads, or only the writes) throws a {@link StorageException}, as an adapter does when its backend
 * is down or read-only. Telling it to stop failing is the backend coming back. Closing it does not
 * close the adapter: the kit closes that itself.
 */
final class FailingStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  private final AtomicBoolean failingLoads = new AtomicBoolean();
  private final AtomicBoolean failingWrites = new AtomicBoolean();
  private final AtomicInteger failures = new AtomicInteger();

  FailingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  /** Starts or stops failing every call. */
  void failing(boolean failing) {
    failingLoads(failing);
    failingWrites(failing);
  }

  /** Starts or stops failing {@code load} and {@code loadAll}. */
  void failingLoads(boolean failing) {
    failingLoads.set(failing);
  }

  /** Starts or stops failing {@code save}, {@code saveIfAbsent} and {@code delete}. */
  void failingWrites(boolean failing) {
    failingWrites.set(failing);
  }

  /** Calls that were made to fail so far. */
  int failures() {
    return failures.get();
  }

  private void failIfAsked(AtomicBoolean asked, String operation, String key) {
    if (asked.get()) {
      failures.incrementAndGet();
      throw StorageException.of(
          operation, key, new IOException("backend down (injected by the conformance kit)"));
    }
  }

  @Override
  public UserPersistedValues load(String key) {
    failIfAsked(failingLoads, "load", key);
    return delegate.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    failIfAsked(failingWrites, "save", key);
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    failIfAsked(failingWrites, "delete", key);
    delegate.delete(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    failIfAsked(failingWrites, "saveIfAbsent", key);
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    failIfAsked(failingLoads, "loadAll", String.join(",", keys));
    return delegate.loadAll(keys);
  }

  @Override
  public void close() {}
}
