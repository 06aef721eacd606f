package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call through to a store and counts the reads and writes, so that the demo can show
 * how many round trips a request made instead of claiming it. Closing it leaves the store open: it
 * belongs to the caller.
 */
final class CountingStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();

  CountingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  /** Calls of {@code load} and {@code loadAll}. */
  int reads() {
    return reads.get();
  }

  /** Calls of {@code save}, {@code saveIfAbsent} and {@code delete}. */
  int writes() {
    return writes.get();
  }

  @Override
  public UserPersistedValues load(String key) {
    reads.incrementAndGet();
    return delegate.load(key);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    reads.incrementAndGet();
    return delegate.loadAll(keys);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    writes.incrementAndGet();
    delegate.save(key, configName, values);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    writes.incrementAndGet();
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    writes.incrementAndGet();
    delegate.delete(key, configName);
  }

  @Override
  public void close() {
    // The store is the caller's; it closes it.
  }
}
