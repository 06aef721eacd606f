package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broken on purpose: caches every load per instance and forgets a key only when this instance
 * writes it, so it serves stale data after another instance writes.
 */
final class StaleCacheStorage extends ForwardingStorage {
  private final Map<String, UserPersistedValues> cache = new ConcurrentHashMap<>();

  StaleCacheStorage(PersistentStorage delegate) {
    super(delegate);
  }

  @Override
  public UserPersistedValues load(String key) {
    UserPersistedValues cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    UserPersistedValues loaded = delegate.load(key);
    cache.put(key, loaded);
    return loaded;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    delegate.save(key, configName, values);
    cache.remove(key);
  }

  @Override
  public void delete(String key, String configName) {
    delegate.delete(key, configName);
    cache.remove(key);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    UserPersistedValues cached = cache.get(key);
    if (cached != null && cached.get(configName).isPresent()) {
      return cached.get(configName);
    }
    Optional<StickyValues> existing = delegate.saveIfAbsent(key, configName, values);
    cache.remove(key);
    return existing;
  }
}
