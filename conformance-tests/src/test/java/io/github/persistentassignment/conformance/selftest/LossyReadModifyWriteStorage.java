package io.github.persistentassignment.conformance.selftest;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Broken on purpose: stores a user's whole map as one value and saves by reading it, changing it
 * and writing it back (the layout the contract forbids), so concurrent saves to one key overwrite
 * each other.
 */
final class LossyReadModifyWriteStorage implements PersistentStorage {
  private final Map<String, Map<String, StickyValues>> users;
  private final AtomicBoolean closed = new AtomicBoolean();

  LossyReadModifyWriteStorage(Map<String, Map<String, StickyValues>> users) {
    this.users = users;
  }

  static Map<String, Map<String, StickyValues>> newBackend() {
    return new ConcurrentHashMap<>();
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    checkOpen();
    return UserPersistedValues.of(users.getOrDefault(key, Map.of()));
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    checkOpen();
    Map<String, StickyValues> user = new HashMap<>(users.getOrDefault(key, Map.of()));
    user.put(configName, values);
    Pause.briefly();
    users.put(key, Map.copyOf(user));
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    checkOpen();
    Map<String, StickyValues> user = new HashMap<>(users.getOrDefault(key, Map.of()));
    user.remove(configName);
    users.put(key, Map.copyOf(user));
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("closed");
    }
  }
}
