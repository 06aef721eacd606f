package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.spi.AbstractEnumerableStorage;
import io.github.persistentassignment.spi.RawEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The kit's reference: a correct adapter over a concurrent map, written as a third party would
 * write one, on core's base class. docs/writing-an-adapter.md shows it.
 */
// tag::own-adapter[]
final class ReferenceStorage extends AbstractEnumerableStorage {
  /** One entry as stored: the JSON core encoded, and when it expires (null: never). */
  record Stored(String json, @Nullable Instant expiresAt) {}

  /** The "server", shared by every instance: key → config name → entry, or a foreign item. */
  private final ConcurrentMap<String, Object> keyspace;

  ReferenceStorage(
      ConcurrentMap<String, Object> keyspace, Clock clock, @Nullable Duration expireAfter) {
    // Core checks arguments, the closed state, encoding, size and TTL limits, corrupt entries.
    super("ReferenceStorage", clock, expireAfter, Integer.MAX_VALUE);
    this.keyspace = keyspace;
  }

  @Override
  protected Map<String, String> loadEncoded(String key) {
    Map<String, String> live = new HashMap<>();
    entries(key)
        .forEach(
            (config, stored) -> {
              if (isLive(stored)) {
                live.put(config, stored.json());
              }
            });
    return live;
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    entries(key).put(configName, new Stored(json, expiresAt));
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    Stored mine = new Stored(json, expiresAt);
    // merge is atomic per entry: an expired entry counts as absent.
    Stored stored =
        entries(key).merge(configName, mine, (current, ours) -> isLive(current) ? current : ours);
    return stored == mine ? Optional.empty() : Optional.of(stored.json());
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    Stored mine = new Stored(json, expiresAt);
    Stored now =
        entries(key)
            .computeIfPresent(
                configName,
                (config, current) -> current.json().equals(expectedJson) ? mine : current);
    return now == mine;
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    entries(key).remove(configName);
  }

  @Override
  protected void deleteAllEncoded(String key) {
    entries(key).clear(); // the key's map stays, so a concurrent save never writes into a lost one
  }

  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    keyspace.forEach(
        (key, item) -> {
          if (!(item instanceof ConcurrentMap<?, ?>)) {
            skipForeign(key, "a " + item.getClass().getSimpleName() + ", not a map of entries");
            return;
          }
          entries(key)
              .forEach(
                  (config, stored) -> {
                    if (isLive(stored)) {
                      action.accept(new RawEntry(key, config, stored.json(), stored.expiresAt()));
                    }
                  });
        });
  }

  @Override
  protected long purgeEncoded(String configName) {
    long removed = 0;
    for (Map.Entry<String, Object> item : keyspace.entrySet()) {
      if (item.getValue() instanceof ConcurrentMap<?, ?>) {
        Stored stored = entries(item.getKey()).remove(configName);
        if (stored != null && isLive(stored)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private boolean isLive(Stored stored) {
    return stored.expiresAt() == null || clock().instant().isBefore(stored.expiresAt());
  }

  /** The entries at a key; a foreign item there fails the call, as Redis's WRONGTYPE does. */
  @SuppressWarnings("unchecked")
  private ConcurrentMap<String, Stored> entries(String key) {
    return (ConcurrentMap<String, Stored>)
        keyspace.computeIfAbsent(key, k -> new ConcurrentHashMap<String, Stored>());
  }
}
// end::own-adapter[]
