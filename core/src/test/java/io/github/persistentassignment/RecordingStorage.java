package io.github.persistentassignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A map-backed storage for the assignment logic's unit tests: records every call, and can be told
 * to fail an operation the way a backend outage would.
 */
final class RecordingStorage implements PersistentStorage {
  private final Map<String, Map<String, StickyValues>> data = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> failing = new CopyOnWriteArrayList<>();

  /** Makes the named operations ("load", "save", "delete", "saveIfAbsent") throw. */
  RecordingStorage failing(String... operations) {
    failing.clear();
    Collections.addAll(failing, operations);
    return this;
  }

  List<String> calls() {
    return new ArrayList<>(calls);
  }

  void clearCalls() {
    calls.clear();
  }

  /** Reads the stored state directly, without recording a call. */
  Optional<StickyValues> stored(String key, String configName) {
    return Optional.ofNullable(data.getOrDefault(key, Map.of()).get(configName));
  }

  void put(String key, String configName, StickyValues values) {
    data.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(configName, values);
  }

  private void record(String operation, String key, String configName) {
    calls.add(
        configName.isEmpty() ? operation + " " + key : operation + " " + key + " " + configName);
    if (failing.contains(operation)) {
      throw new StorageException(operation + " failed for key '" + key + "': injected outage");
    }
  }

  @Override
  public UserPersistedValues load(String key) {
    record("load", key, "");
    return UserPersistedValues.of(data.getOrDefault(key, Map.of()));
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    record("save", key, configName);
    put(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    record("delete", key, configName);
    Map<String, StickyValues> configs = data.get(key);
    if (configs != null) {
      configs.remove(configName);
    }
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    record("saveIfAbsent", key, configName);
    return Optional.ofNullable(
        data.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).putIfAbsent(configName, values));
  }

  @Override
  public void close() {}
}
