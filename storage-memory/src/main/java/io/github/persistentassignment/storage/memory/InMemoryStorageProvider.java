package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import io.github.persistentassignment.spi.StoreOptions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Opens {@code memory:} URLs for {@link io.github.persistentassignment.PersistentStorages}.
 *
 * <ul>
 *   <li>{@code memory:} — a new, empty store, private to the returned storage;
 *   <li>{@code memory:NAME} — the store of that name in this JVM, created on first use, so two
 *       storages opened with the same name see the same data until the JVM exits.
 * </ul>
 *
 * <p>Options, named as the builder's settings ({@link InMemoryPersistentStorage.Builder}):
 *
 * <ul>
 *   <li>{@code expireAfter} — a duration such as {@code 30d} or {@code PT1H};
 *   <li>{@code maximumEntries} — the bound of the new store; for {@code memory:NAME} it bounds the
 *       named store when it is created, and a later open with another bound is refused;
 *   <li>{@code maxValueBytes} — the largest encoded entry.
 * </ul>
 *
 * <p>Any other option is an {@link IllegalArgumentException} naming it. The builder's {@code clock}
 * and {@code store} are objects, not text, so they are not options.
 *
 * <pre>{@code
 * PersistentStorage storage =
 *     PersistentStorages.open("memory:shared", Map.of("expireAfter", "30d"));
 * }</pre>
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
    StoreOptions read = StoreOptions.of("memory", options);
    InMemoryPersistentStorage.Builder builder = InMemoryPersistentStorage.builder();
    read.duration("expireAfter").ifPresent(builder::expireAfter);
    read.count("maxValueBytes").ifPresent(builder::maxValueBytes);
    Optional<Integer> maximumEntries = read.count("maximumEntries");
    read.rejectUnknown();

    String name = url.substring("memory:".length());
    if (name.isBlank()) {
      maximumEntries.ifPresent(builder::maximumEntries);
      return builder.build();
    }
    return builder.store(named(name, maximumEntries)).build();
  }

  private static InMemoryStore named(String name, Optional<Integer> maximumEntries) {
    int bound = maximumEntries.orElse(Integer.MAX_VALUE);
    InMemoryStore store =
        NAMED.computeIfAbsent(
            name,
            n ->
                maximumEntries.isPresent()
                    ? InMemoryStore.bounded(bound)
                    : InMemoryStore.unbounded());
    if (maximumEntries.isPresent() && store.maximumEntries() != bound) {
      throw new IllegalArgumentException(
          "option maximumEntries ("
              + bound
              + ") differs from the bound of the existing store memory:"
              + name
              + " ("
              + store.maximumEntries()
              + ")");
    }
    return store;
  }
}
