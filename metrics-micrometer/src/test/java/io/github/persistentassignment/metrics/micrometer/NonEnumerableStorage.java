package io.github.persistentassignment.metrics.micrometer;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;

/**
 * A real storage without the enumeration capability, as a third-party adapter may be: the in-memory
 * adapter seen through the required methods only (the bulk ones are the interface's defaults).
 */
final class NonEnumerableStorage implements PersistentStorage {
  private final PersistentStorage storage;

  NonEnumerableStorage(PersistentStorage storage) {
    this.storage = storage;
  }

  @Override
  public UserPersistedValues load(String key) {
    return storage.load(key);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    storage.save(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    storage.delete(key, configName);
  }

  @Override
  public void close() {
    storage.close();
  }
}
