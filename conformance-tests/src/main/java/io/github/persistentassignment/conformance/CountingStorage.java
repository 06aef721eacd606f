package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call to the adapter under test and counts it, so a scenario can prove that no
 * storage I/O happened. Closing it does not close the adapter: the kit closes that itself.
 */
final class CountingStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  private final AtomicInteger calls = new AtomicInteger();

  CountingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  /** Storage calls made so far, of any kind. */
  int calls() {
    return calls.get();
  }

  @Override
  public UserPersistedValues load(String key) {
    calls.incrementAndGet();
    return delegate.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    calls.incrementAndGet();
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    calls.incrementAndGet();
    delegate.delete(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    calls.incrementAndGet();
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    calls.incrementAndGet();
    return delegate.loadAll(keys);
  }

  @Override
  public void close() {}
}
