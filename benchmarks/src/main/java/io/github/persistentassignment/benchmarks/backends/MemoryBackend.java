package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link InMemoryPersistentStorage} against the plainest equivalent: a {@link ConcurrentHashMap} of
 * {@link ConcurrentHashMap}s holding the same JSON, decoded when read. There is no server and no
 * loopback here, so the ratio shows what the adapter's contract (argument checks, copies, expiry
 * bookkeeping) costs in nanoseconds, not a network overhead.
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
   * The raw side keeps each entry's JSON, as the adapter does since version 2 (an in-memory store
   * behaves as a backend: what is stored is the encoded entry), and decodes the entries a read is
   * asked for with the adapter's codec, as every other backend's raw side does.
   */
  private static final class RawMap implements RawCommands {
    private final Map<String, Map<String, String>> users = new ConcurrentHashMap<>();

    @Override
    public Object load(String key) {
      Map<String, String> entries = users.get(key);
      return entries == null ? Map.of() : new HashMap<>(entries);
    }

    /** The named entries, looked up and decoded. */
    @Override
    public Map<String, StickyValues> loadDecoding(String key, Collection<String> configs) {
      Map<String, String> entries = users.getOrDefault(key, Map.of());
      Map<String, StickyValues> named = new HashMap<>();
      for (String config : configs) {
        String json = entries.get(config);
        if (json != null) {
          named.put(config, StickyValuesCodec.decode(json));
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
      return entries(key).put(configName, json);
    }

    @Override
    public boolean saveIfAbsent(String key, String configName, String json) {
      return entries(key).putIfAbsent(configName, json) == null;
    }

    @Override
    public Object delete(String key, String configName) {
      Map<String, String> entries = users.get(key);
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
      Map<String, String> removed = users.remove(key);
      return removed == null ? 0 : removed.size();
    }

    @Override
    public long purge(String configName) {
      long removed = 0;
      for (Map<String, String> entries : users.values()) {
        removed += entries.remove(configName) != null ? 1 : 0;
      }
      return removed;
    }

    private Map<String, String> entries(String key) {
      return users.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }
  }
}
