package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;

/**
 * Broken on purpose: keeps the interface's default saveIfAbsent (a load, then a save), with the
 * delay of a round trip after each load, so concurrent first writes both "win".
 */
final class NonAtomicSaveIfAbsentStorage implements PersistentStorage {
  private final PersistentStorage delegate;

  NonAtomicSaveIfAbsentStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public UserPersistedValues load(String key) {
    UserPersistedValues values = delegate.load(key);
    Pause.briefly();
    return values;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    delegate.delete(key, configName);
  }

  // saveIfAbsent is deliberately not overridden.

  @Override
  public void close() {
    delegate.close();
  }
}
