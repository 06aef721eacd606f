package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call to the adapter under test and counts it, by kind, so a scenario can prove how
 * much storage I/O happened (none, or exactly one load). A call is counted before it is passed on,
 * so a call that fails counts too. Closing it does not close the adapter: the kit closes that
 * itself (the CLI's demo uses it the same way, to show a request's round trips).
 */
public final class CountingStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger loadAlls = new AtomicInteger();
  private final AtomicInteger saves = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();

  /**
   * Counts the calls made to a storage.
   *
   * @param delegate the storage every call is passed to; not closed by this one
   */
  public CountingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  /**
   * Storage calls made so far, of any kind.
   *
   * @return the count
   */
  public int calls() {
    return loads() + loadAlls() + saves() + deletes();
  }

  /**
   * Calls of {@link #load}.
   *
   * @return the count
   */
  public int loads() {
    return loads.get();
  }

  /**
   * Calls of {@link #loadAll}, however many keys each asked for.
   *
   * @return the count
   */
  public int loadAlls() {
    return loadAlls.get();
  }

  /**
   * Calls of {@link #save} and {@link #saveIfAbsent}.
   *
   * @return the count
   */
  public int saves() {
    return saves.get();
  }

  /**
   * Calls of {@link #delete}.
   *
   * @return the count
   */
  public int deletes() {
    return deletes.get();
  }

  @Override
  public UserPersistedValues load(String key) {
    loads.incrementAndGet();
    return delegate.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    saves.incrementAndGet();
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    deletes.incrementAndGet();
    delegate.delete(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    saves.incrementAndGet();
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    loadAlls.incrementAndGet();
    return delegate.loadAll(keys);
  }

  @Override
  public void close() {}
}
