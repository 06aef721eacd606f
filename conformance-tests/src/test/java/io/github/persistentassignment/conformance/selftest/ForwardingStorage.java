package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Optional;

/** Passes every call to a delegate; each broken adapter overrides the one thing it breaks. */
abstract class ForwardingStorage implements PersistentStorage {
  protected final PersistentStorage delegate;

  ForwardingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public UserPersistedValues load(String key) {
    return delegate.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    delegate.delete(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public void deleteAll(String key) {
    delegate.deleteAll(key);
  }

  @Override
  public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    return delegate.copyIfAbsent(entry);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
