package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real store that a test takes down and brings back: while {@link #down()}, every call throws a
 * {@link StorageException}, as an adapter does when its backend is unreachable; otherwise each call
 * goes to the store underneath. (The Redis outage test does the same through a real network fault.)
 */
final class OutageStorage implements PersistentStorage {
  private final PersistentStorage store;
  private final AtomicBoolean down = new AtomicBoolean();

  OutageStorage(PersistentStorage store) {
    this.store = store;
  }

  void down() {
    down.set(true);
  }

  void up() {
    down.set(false);
  }

  private void failIfDown(String operation, String key) {
    if (down.get()) {
      throw StorageException.of(operation, key, new IOException("connection refused (test)"));
    }
  }

  @Override
  public UserPersistedValues load(String key) {
    failIfDown("load", key);
    return store.load(key);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    failIfDown("loadAll", String.join(",", keys));
    return store.loadAll(keys);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    failIfDown("save", key);
    store.save(key, configName, values);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    failIfDown("saveIfAbsent", key);
    return store.saveIfAbsent(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    failIfDown("delete", key);
    store.delete(key, configName);
  }

  @Override
  public void deleteAll(String key) {
    failIfDown("deleteAll", key);
    store.deleteAll(key);
  }

  @Override
  public void close() {
    store.close();
  }
}
