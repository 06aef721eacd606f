package io.github.persistentassignment.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("memory: URLs and enumeration")
class InMemoryStorageProviderTest {
  private static final StickyValues VALUES =
      StickyValues.builder().value(true).groupName("Test").ruleId("r").time(1L).build();

  @Test
  @DisplayName("memory: opens a new, private store each time")
  void anonymousStoresArePrivate() {
    try (PersistentStorage first = PersistentStorages.open("memory:");
        PersistentStorage second = PersistentStorages.open("memory:")) {
      first.save("u:userID", "exp", VALUES);
      assertThat(first).isInstanceOf(InMemoryPersistentStorage.class);
      assertThat(second.load("u:userID").asMap()).isEmpty();
    }
  }

  @Test
  @DisplayName("memory:NAME shares one store between storages opened with the same name")
  void namedStoresAreShared() {
    String url = "memory:" + UUID.randomUUID();
    try (PersistentStorage first = PersistentStorages.open(url);
        PersistentStorage second = PersistentStorages.open(url)) {
      first.save("u:userID", "exp", VALUES);
      assertThat(second.load("u:userID").get("exp")).contains(VALUES);
    }
  }

  @Test
  @DisplayName("an unknown scheme names the schemes on the class path")
  void unknownScheme() {
    assertThatThrownBy(() -> PersistentStorages.open("mongodb://localhost/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mongodb:'")
        .hasMessageContaining("memory:");
    assertThat(PersistentStorages.availableSchemes()).contains("memory");
  }

  @Test
  @DisplayName("an option the memory store does not have is refused, naming it")
  void unknownOption() {
    assertThatThrownBy(() -> PersistentStorages.open("memory:", Map.of("keyPrefix", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix")
        .hasMessageContaining("expireAfter");
  }

  @Test
  @DisplayName("expireAfter, maximumEntries and maxValueBytes are options, named as the builder's")
  void options() {
    try (PersistentStorage opened =
        PersistentStorages.open(
            "memory:",
            Map.of("expireAfter", "30d", "maximumEntries", "2", "maxValueBytes", "1000"))) {
      InMemoryPersistentStorage storage = (InMemoryPersistentStorage) opened;
      assertThat(storage.expireAfter()).contains(Duration.ofDays(30));
      assertThat(storage.store().maximumEntries()).isEqualTo(2);
      StickyValues large = StickyValues.builder().groupName("g".repeat(2000)).build();
      assertThatThrownBy(() -> storage.save("u:userID", "exp", large))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes");
    }
  }

  @Test
  @DisplayName("a malformed or out-of-range option is refused, naming it")
  void badOptions() {
    assertThatThrownBy(() -> PersistentStorages.open("memory:", Map.of("expireAfter", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireAfter");
    assertThatThrownBy(() -> PersistentStorages.open("memory:", Map.of("expireAfter", "0s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireAfter");
    assertThatThrownBy(() -> PersistentStorages.open("memory:", Map.of("maximumEntries", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumEntries");
  }

  @Test
  @DisplayName("memory:NAME takes maximumEntries when the store is created, and refuses another")
  void namedStoreBound() {
    String url = "memory:" + UUID.randomUUID();
    try (PersistentStorage first = PersistentStorages.open(url, Map.of("maximumEntries", "1"));
        PersistentStorage second = PersistentStorages.open(url)) {
      first.save("u:userID", "exp", VALUES);
      assertThatThrownBy(() -> second.save("v:userID", "exp", VALUES))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("full (1 entries)");
      assertThatThrownBy(() -> PersistentStorages.open(url, Map.of("maximumEntries", "5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maximumEntries");
    }
  }

  @Test
  @DisplayName("forEachEntry visits every live entry and skips expired ones")
  void enumerates() {
    MutableClock clock = new MutableClock();
    InMemoryPersistentStorage storage =
        InMemoryPersistentStorage.builder().clock(clock).expireAfter(Duration.ofMinutes(1)).build();
    storage.save("a:userID", "exp1", VALUES);
    storage.save("a:userID", "exp2", VALUES);
    clock.advance(Duration.ofMinutes(2));
    storage.save("b:userID", "exp1", VALUES);
    List<StoredEntry> seen = new ArrayList<>();
    ((EnumerableStorage) storage).forEachEntry(seen::add);
    assertThat(seen)
        .containsExactly(
            new StoredEntry(
                "b:userID", "exp1", VALUES, clock.instant().plus(Duration.ofMinutes(1))));
  }
}
