package io.github.persistentassignment.integration.statsig;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Optional;

/** A storage whose operations can be made to fail, as a backend that is down would. */
final class FlakyStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  private volatile boolean failLoads;
  private volatile boolean failWrites;

  FlakyStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  void failLoads(boolean fail) {
    failLoads = fail;
  }

  void failWrites(boolean fail) {
    failWrites = fail;
  }

  @Override
  public UserPersistedValues load(String key) {
    if (failLoads) {
      throw new StorageException("load failed (test) for key '" + key + "'");
    }
    return delegate.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    failWriteIfAsked("save", key);
    delegate.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    failWriteIfAsked("delete", key);
    delegate.delete(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    failWriteIfAsked("saveIfAbsent", key);
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void failWriteIfAsked(String operation, String key) {
    if (failWrites) {
      throw new StorageException(operation + " failed (test) for key '" + key + "'");
    }
  }
}
