package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache's own writes go to the store, then update the cached key")
class WriteThroughTest extends CacheFixture {
  private final CachingEnumerableStorage cache = cache().build();

  @Test
  @DisplayName("save: the next load serves the saved entry without asking the store")
  void save() {
    cache.load(ALICE);
    cache.save(ALICE, EXPERIMENT, group("saved"));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("saved"));
    assertThat(otherInstance.load(ALICE).get(EXPERIMENT))
        .as("in the store")
        .contains(group("saved"));
    assertThat(store.takeCalls())
        .containsExactly("load " + ALICE, "save " + ALICE + " " + EXPERIMENT);
  }

  @Test
  @DisplayName("saveIfAbsent that writes: the cached key holds the entry written")
  void saveIfAbsentWins() {
    cache.load(ALICE);
    assertThat(cache.saveIfAbsent(ALICE, EXPERIMENT, group("mine"))).isEmpty();
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("mine"));
    assertThat(store.takeCalls())
        .containsExactly("load " + ALICE, "saveIfAbsent " + ALICE + " " + EXPERIMENT);
  }

  @Test
  @DisplayName(
      "saveIfAbsent asks the store even when the cached key has no entry, and caches the winner")
  void saveIfAbsentLosesToAnotherInstance() {
    assertThat(cache.load(ALICE).isEmpty()).isTrue();
    otherInstance.save(ALICE, EXPERIMENT, group("theirs"));

    assertThat(cache.saveIfAbsent(ALICE, EXPERIMENT, group("mine"))).contains(group("theirs"));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("theirs"));
    assertThat(store.takeCalls())
        .containsExactly("load " + ALICE, "saveIfAbsent " + ALICE + " " + EXPERIMENT);
  }

  @Test
  @DisplayName("delete and deleteAll: the cached key loses the entry, or every entry")
  void deletes() {
    otherInstance.save(ALICE, EXPERIMENT, group("one"));
    otherInstance.save(ALICE, "other", group("two"));
    otherInstance.save(BOB, EXPERIMENT, group("bob"));
    cache.loadAll(List.of(ALICE, BOB));

    cache.delete(ALICE, EXPERIMENT);
    assertThat(cache.load(ALICE).asMap()).containsOnlyKeys("other");
    cache.delete(ALICE, "never-stored");
    assertThat(cache.load(ALICE).asMap()).containsOnlyKeys("other");
    cache.deleteAll(BOB);
    assertThat(cache.load(BOB).isEmpty()).isTrue();

    assertThat(store.takeCalls())
        .containsExactly(
            "loadAll [" + ALICE + ", " + BOB + "]",
            "delete " + ALICE + " " + EXPERIMENT,
            "delete " + ALICE + " never-stored",
            "deleteAll " + BOB);
    assertThat(otherInstance.load(BOB).isEmpty()).as("bob in the store").isTrue();
  }

  @Test
  @DisplayName("copyIfAbsent: the key is dropped, and loaded from the store next time")
  void copyIfAbsentDropsTheKey() {
    cache.load(ALICE);
    cache.copyIfAbsent(new StoredEntry(ALICE, EXPERIMENT, group("copied")));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("copied"));
    assertThat(store.takeCalls())
        .containsExactly(
            "load " + ALICE, "copyIfAbsent " + ALICE + " " + EXPERIMENT, "load " + ALICE);
  }

  @Test
  @DisplayName("a write to a key that is not cached caches nothing")
  void writeToUncachedKey() {
    cache.save(BOB, EXPERIMENT, group("bob"));
    assertThat(cache.load(BOB).get(EXPERIMENT)).contains(group("bob"));
    assertThat(store.takeCalls()).containsExactly("save " + BOB + " " + EXPERIMENT, "load " + BOB);
  }

  @Test
  @DisplayName("a write that fails throws and leaves the cached key as it was")
  void failedWrite() {
    otherInstance.save(ALICE, EXPERIMENT, group("stored"));
    cache.load(ALICE);
    store.down();
    assertThatThrownBy(() -> cache.save(ALICE, EXPERIMENT, group("lost")))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.delete(ALICE, EXPERIMENT)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.deleteAll(ALICE)).isInstanceOf(StorageException.class);
    store.up();
    store.takeCalls();
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("stored"));
    assertThat(store.takeCalls()).as("served from memory").isEmpty();
  }

  @Test
  @DisplayName("purge removes the config in the store and drops every cached key")
  void purge() {
    otherInstance.save(ALICE, EXPERIMENT, group("alice"));
    otherInstance.save(ALICE, "other", group("other"));
    otherInstance.save(BOB, EXPERIMENT, group("bob"));
    cache.loadAll(List.of(ALICE, BOB));
    store.takeCalls();

    assertThat(cache.purge(EXPERIMENT)).isEqualTo(2);

    assertThat(cache.load(ALICE).asMap()).containsOnlyKeys("other");
    assertThat(cache.load(BOB).isEmpty()).isTrue();
    assertThat(store.takeCalls())
        .containsExactly("purge " + EXPERIMENT, "load " + ALICE, "load " + BOB);
  }

  @Test
  @DisplayName("forEachEntry reads the store, not the cache")
  void forEachEntryPassesThrough() {
    cache.load(ALICE);
    otherInstance.save(ALICE, EXPERIMENT, group("written elsewhere"));
    List<StoredEntry> visited = new ArrayList<>();
    cache.forEachEntry(visited::add);
    assertThat(visited)
        .extracting(StoredEntry::key, StoredEntry::values)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ALICE, group("written elsewhere")));
    assertThat(cache.load(ALICE).isEmpty()).as("the cached key is untouched").isTrue();
    assertThat(store.takeCalls()).containsExactly("load " + ALICE, "forEachEntry");
  }

  @Test
  @DisplayName("the cached values are the store's: equal maps, in and out")
  void valuesRoundTrip() {
    otherInstance.save(ALICE, EXPERIMENT, group("a"));
    otherInstance.save(ALICE, "b", group("b"));
    assertThat(cache.load(ALICE).asMap())
        .isEqualTo(Map.of(EXPERIMENT, group("a"), "b", group("b")));
    assertThat(cache.load(ALICE)).isEqualTo(otherInstance.load(ALICE));
  }
}
