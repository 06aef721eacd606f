package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Opens {@code memory:} URLs for {@link io.github.persistentassignment.PersistentStorages}.
 *
 * <ul>
 *   <li>{@code memory:} — a new, empty, unbounded store, private to the returned storage;
 *   <li>{@code memory:NAME} — the store of that name in this JVM, created on first use, so two
 *       storages opened with the same name see the same data until the JVM exits.
 * </ul>
 *
 * <p>No options are accepted.
 */
public final class InMemoryStorageProvider implements StorageProvider {
  /** Named stores live as long as the JVM, like a server would outlive its clients. */
  private static final ConcurrentMap<String, InMemoryStore> NAMED = new ConcurrentHashMap<>();

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public InMemoryStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    if (!url.regionMatches(true, 0, "memory:", 0, "memory:".length())) {
      throw new IllegalArgumentException("not a memory: URL: " + url);
    }
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("memory: takes no options, was given " + options.keySet());
    }
    String name = url.substring("memory:".length());
    if (name.isBlank()) {
      return InMemoryPersistentStorage.create();
    }
    InMemoryStore store = NAMED.computeIfAbsent(name, n -> InMemoryStore.unbounded());
    return InMemoryPersistentStorage.builder().store(store).build();
  }
}
