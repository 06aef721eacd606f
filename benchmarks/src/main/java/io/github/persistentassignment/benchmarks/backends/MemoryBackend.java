package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.benchmarks.SampleEntries;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link InMemoryPersistentStorage} against the plainest equivalent: a {@link ConcurrentHashMap} of
 * {@link ConcurrentHashMap}s holding the same values. There is no server and no loopback here, so
 * the ratio shows what the adapter's contract (argument checks, copies, expiry bookkeeping) costs
 * in nanoseconds, not a network overhead.
 */
final class MemoryBackend extends BenchmarkBackend {
  MemoryBackend() {
    super("memory", InMemoryPersistentStorage.create(), new RawMap());
  }

  @Override
  public boolean rawSeesAdapterWrites() {
    return false;
  }

  @Override
  public String describe() {
    return "in-process, no server";
  }

  @Override
  public void close() {
    storage().close();
  }

  /**
   * The raw side keeps decoded values, as the adapter does: its "JSON" is decoded once per distinct
   * string (always the sample entry here), so the comparison is about the maps, not the codec.
   */
  private static final class RawMap implements RawCommands {
    private final Map<String, Map<String, StickyValues>> users = new ConcurrentHashMap<>();

    @Override
    public Object load(String key) {
      Map<String, StickyValues> entries = users.get(key);
      return entries == null ? Map.of() : new HashMap<>(entries);
    }

    /** The named entries, looked up: this side, like the adapter, holds them decoded. */
    @Override
    public Map<String, StickyValues> loadDecoding(String key, Collection<String> configs) {
      Map<String, StickyValues> entries = users.getOrDefault(key, Map.of());
      Map<String, StickyValues> named = new HashMap<>();
      for (String config : configs) {
        StickyValues values = entries.get(config);
        if (values != null) {
          named.put(config, values);
        }
      }
      return named;
    }

    @Override
    public Map<String, Map<String, StickyValues>> loadAllDecoding(
        List<String> keys, Collection<String> configs) {
      Map<String, Map<String, StickyValues>> result = new HashMap<>();
      for (String key : keys) {
        result.put(key, loadDecoding(key, configs));
      }
      return result;
    }

    @Override
    public Object save(String key, String configName, String json) {
      return entries(key).put(configName, values(json));
    }

    @Override
    public boolean saveIfAbsent(String key, String configName, String json) {
      return entries(key).putIfAbsent(configName, values(json)) == null;
    }

    @Override
    public Object delete(String key, String configName) {
      Map<String, StickyValues> entries = users.get(key);
      return entries == null ? Boolean.FALSE : entries.remove(configName) != null;
    }

    @Override
    public Object loadAll(List<String> keys) {
      Map<String, Object> result = new HashMap<>();
      for (String key : keys) {
        result.put(key, load(key));
      }
      return result;
    }

    @Override
    public void seed(List<String> keys, List<String> configs, String json) {
      for (String key : keys) {
        for (String config : configs) {
          save(key, config, json);
        }
      }
    }

    @Override
    public long deleteAll(String key) {
      Map<String, StickyValues> removed = users.remove(key);
      return removed == null ? 0 : removed.size();
    }

    @Override
    public long purge(String configName) {
      long removed = 0;
      for (Map<String, StickyValues> entries : users.values()) {
        removed += entries.remove(configName) != null ? 1 : 0;
      }
      return removed;
    }

    private Map<String, StickyValues> entries(String key) {
      return users.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }

    private static StickyValues values(String json) {
      return json.equals(SampleEntries.TYPICAL_JSON)
          ? SampleEntries.TYPICAL
          : StickyValuesCodec.decode(json);
    }
  }
}
