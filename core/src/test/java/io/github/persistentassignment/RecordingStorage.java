package io.github.persistentassignment;

import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A map-backed storage for the assignment logic's unit tests: records every call, and can be told
 * to fail an operation the way a backend outage would. Like a real backend it keeps the encoded
 * JSON and loads it as {@link UserPersistedValues#ofEncoded}, so entries decode lazily.
 */
final class RecordingStorage implements PersistentStorage {
  private final Map<String, Map<String, String>> data = new ConcurrentHashMap<>();
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
    return Optional.ofNullable(data.getOrDefault(key, Map.of()).get(configName))
        .map(StickyValuesCodec::decode);
  }

  void put(String key, String configName, StickyValues values) {
    putRaw(key, configName, StickyValuesCodec.encode(values));
  }

  /** Stores text as it is, such as a corrupt entry, without recording a call. */
  void putRaw(String key, String configName, String stored) {
    data.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(configName, stored);
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
    return UserPersistedValues.ofEncoded(key, data.getOrDefault(key, Map.of()));
  }

  /** One recorded call for all the keys, as a backend's single round trip would be. */
  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    record("loadAll", String.join(",", keys), "");
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    keys.forEach(
        key ->
            result.put(key, UserPersistedValues.ofEncoded(key, data.getOrDefault(key, Map.of()))));
    return result;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    record("save", key, configName);
    put(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    record("delete", key, configName);
    Map<String, String> configs = data.get(key);
    if (configs != null) {
      configs.remove(configName);
    }
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    record("saveIfAbsent", key, configName);
    // A corrupt stored entry counts as absent and is replaced (DESIGN 10.1).
    String encoded = StickyValuesCodec.encode(values);
    String[] winner = new String[1];
    data.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .compute(
            configName,
            (name, existing) -> {
              if (existing != null && decodable(existing)) {
                winner[0] = existing;
                return existing;
              }
              return encoded;
            });
    return Optional.ofNullable(winner[0]).map(StickyValuesCodec::decode);
  }

  @Override
  public void close() {}

  private static boolean decodable(String stored) {
    try {
      StickyValuesCodec.decode(stored);
      return true;
    } catch (StickyValuesFormatException e) {
      return false;
    }
  }
}
