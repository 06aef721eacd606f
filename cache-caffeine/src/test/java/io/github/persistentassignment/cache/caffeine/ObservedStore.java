package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A real store (an in-memory one) seen from the cache's side: it records every call the cache
 * makes, such as {@code "load alice"} or {@code "loadAll [carol]"}, so a test can tell a cache hit
 * from a load; and a test can take it {@link #down()} (every call then throws a {@link
 * StorageException}, as an adapter does when its backend is unreachable) and bring it back. The
 * Redis outage test does the same through a real network fault.
 */
final class ObservedStore implements EnumerableStorage {
  private final EnumerableStorage store;
  private final List<String> calls = new ArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();

  ObservedStore(EnumerableStorage store) {
    this.store = store;
  }

  /** The calls made so far, oldest first; clears the record. */
  synchronized List<String> takeCalls() {
    List<String> taken = List.copyOf(calls);
    calls.clear();
    return taken;
  }

  void down() {
    down.set(true);
  }

  void up() {
    down.set(false);
  }

  private synchronized void called(String call, String key) {
    calls.add(call);
    if (down.get()) {
      throw StorageException.of(
          call.split(" ")[0], key, new IOException("connection refused (test)"));
    }
  }

  @Override
  public UserPersistedValues load(String key) {
    called("load " + key, key);
    return store.load(key);
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    called("loadAll " + keys, String.join(",", keys));
    return store.loadAll(keys);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    called("save " + key + " " + configName, key);
    store.save(key, configName, values);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    called("saveIfAbsent " + key + " " + configName, key);
    return store.saveIfAbsent(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    called("delete " + key + " " + configName, key);
    store.delete(key, configName);
  }

  @Override
  public void deleteAll(String key) {
    called("deleteAll " + key, key);
    store.deleteAll(key);
  }

  @Override
  public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    called("copyIfAbsent " + entry.key() + " " + entry.configName(), entry.key());
    return store.copyIfAbsent(entry);
  }

  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    called("forEachEntry", "*");
    store.forEachEntry(action);
  }

  @Override
  public long purge(String configName) {
    called("purge " + configName, "*");
    return store.purge(configName);
  }

  @Override
  public void close() {
    store.close();
  }
}
