package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SPI's default methods, for a third-party adapter that implements the interfaces directly
 * instead of extending the base classes: they must keep the contract, if slowly.
 */
class StorageDefaultsTest {
  private static StickyValues values(String group) {
    return StickyValues.builder().value(true).groupName(group).time(1L).build();
  }

  /** The smallest enumerable storage, over a map, with nothing but the required methods. */
  private static final class Minimal implements EnumerableStorage {
    final Map<String, Map<String, StickyValues>> data = new TreeMap<>();

    @Override
    public UserPersistedValues load(String key) {
      return UserPersistedValues.of(new LinkedHashMap<>(data.getOrDefault(key, Map.of())));
    }

    @Override
    public void save(String key, String configName, StickyValues values) {
      data.computeIfAbsent(key, k -> new TreeMap<>()).put(configName, values);
    }

    @Override
    public void delete(String key, String configName) {
      Map<String, StickyValues> entries = data.get(key);
      if (entries != null) {
        entries.remove(configName);
      }
    }

    @Override
    public void forEachEntry(Consumer<? super StoredEntry> action) {
      data.forEach(
          (key, entries) ->
              entries.forEach((name, values) -> action.accept(new StoredEntry(key, name, values))));
    }

    @Override
    public void close() {}
  }

  @Test
  @DisplayName("deleteAll removes every entry of the key and no other")
  void deleteAll() {
    Minimal storage = new Minimal();
    storage.save("a", "x", values("1"));
    storage.save("a", "y", values("2"));
    storage.save("b", "x", values("3"));
    storage.deleteAll("a");
    assertThat(storage.load("a").asMap()).isEmpty();
    assertThat(storage.load("b").asMap()).containsOnlyKeys("x");
  }

  @Test
  @DisplayName("purge removes one config for every key and counts")
  void purge() {
    Minimal storage = new Minimal();
    storage.save("a", "x", values("1"));
    storage.save("a", "y", values("2"));
    storage.save("b", "x", values("3"));
    assertThat(storage.purge("x")).isEqualTo(2);
    assertThat(storage.purge("x")).isZero();
    assertThat(storage.load("a").asMap()).containsOnlyKeys("y");
  }

  @Test
  @DisplayName("copyIfAbsent writes an absent entry and returns a present one")
  void copyIfAbsent() {
    Minimal storage = new Minimal();
    StoredEntry entry = new StoredEntry("a", "x", values("1"), Instant.EPOCH);
    assertThat(storage.copyIfAbsent(entry)).isEmpty();
    assertThat(storage.copyIfAbsent(new StoredEntry("a", "x", values("2"))))
        .isEqualTo(Optional.of(values("1")));
    assertThat(entry.expiry()).contains(Instant.EPOCH);
    assertThat(new StoredEntry("a", "x", values("1")).expiry()).isEmpty();
  }
}
