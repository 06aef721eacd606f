package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.UserPersistedValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache serves a loaded key while it is fresh")
class FreshnessTest extends CacheFixture {
  private final CachingEnumerableStorage cache = cache().build();

  @Test
  @DisplayName("a key is served from memory for freshFor (5 s by default), then loaded again")
  void freshForFiveSeconds() {
    otherInstance.save(ALICE, EXPERIMENT, group("first"));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("first"));
    assertThat(store.takeCalls()).containsExactly("load " + ALICE);

    otherInstance.save(ALICE, EXPERIMENT, group("second"));
    time.advance(Duration.ofMillis(4_999));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).as("still fresh").contains(group("first"));
    assertThat(store.takeCalls()).isEmpty();

    time.advance(Duration.ofMillis(1));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).as("5 s after").contains(group("second"));
    assertThat(store.takeCalls()).containsExactly("load " + ALICE);
  }

  @Test
  @DisplayName("\"nothing stored\" is cached too")
  void emptyIsCached() {
    assertThat(cache.load(BOB).isEmpty()).isTrue();
    otherInstance.save(BOB, EXPERIMENT, group("later"));
    assertThat(cache.load(BOB).isEmpty()).isTrue();
    assertThat(store.takeCalls()).containsExactly("load " + BOB);
  }

  @Test
  @DisplayName("loadAll serves the fresh keys and loads only the others, in one call")
  void loadAllPartialHit() {
    otherInstance.save(ALICE, EXPERIMENT, group("alice"));
    cache.load(ALICE);
    cache.load(BOB);
    store.takeCalls();
    otherInstance.save(ALICE, EXPERIMENT, group("alice, changed"));
    otherInstance.save(CAROL, EXPERIMENT, group("carol"));

    Map<String, UserPersistedValues> loaded = cache.loadAll(List.of(ALICE, CAROL, BOB, ALICE));

    assertThat(store.takeCalls()).containsExactly("loadAll [" + CAROL + "]");
    assertThat(loaded).containsOnlyKeys(ALICE, CAROL, BOB);
    assertThat(loaded.keySet()).as("in the order asked").containsExactly(ALICE, CAROL, BOB);
    assertThat(loaded.get(ALICE).get(EXPERIMENT)).as("cached").contains(group("alice"));
    assertThat(loaded.get(CAROL).get(EXPERIMENT)).as("loaded").contains(group("carol"));
    assertThat(loaded.get(BOB).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("keys loaded by loadAll are then served from memory, to load and loadAll alike")
  void loadAllCaches() {
    otherInstance.save(CAROL, EXPERIMENT, group("carol"));
    cache.loadAll(List.of(ALICE, CAROL));
    store.takeCalls();

    assertThat(cache.load(CAROL).get(EXPERIMENT)).contains(group("carol"));
    assertThat(cache.loadAll(List.of(CAROL, ALICE))).containsOnlyKeys(CAROL, ALICE);
    assertThat(store.takeCalls()).as("calls to the store").isEmpty();

    time.advance(CachingPersistentStorage.DEFAULT_FRESH_FOR);
    cache.loadAll(List.of(CAROL, ALICE));
    assertThat(store.takeCalls()).containsExactly("loadAll [" + CAROL + ", " + ALICE + "]");
  }

  @Test
  @DisplayName("freshness runs from the load: this instance's write to a key does not extend it")
  void writeDoesNotRefresh() {
    cache.load(ALICE);
    time.advance(Duration.ofSeconds(4));
    cache.save(ALICE, EXPERIMENT, group("saved"));
    otherInstance.save(ALICE, "other", group("other"));
    time.advance(Duration.ofSeconds(1));
    store.takeCalls();

    assertThat(cache.load(ALICE).asMap())
        .containsOnlyKeys(EXPERIMENT, "other")
        .containsEntry(EXPERIMENT, group("saved"));
    assertThat(store.takeCalls()).containsExactly("load " + ALICE);
  }

  @Test
  @DisplayName("freshFor(zero) caches nothing for reading: every load asks the store")
  void freshForZero() {
    CachingPersistentStorage uncached = cache().freshFor(Duration.ZERO).build();
    otherInstance.save(ALICE, EXPERIMENT, group("first"));
    uncached.load(ALICE);
    otherInstance.save(ALICE, EXPERIMENT, group("second"));
    assertThat(uncached.load(ALICE).get(EXPERIMENT)).contains(group("second"));
    assertThat(uncached.loadAll(List.of(ALICE)).get(ALICE).get(EXPERIMENT))
        .contains(group("second"));
    assertThat(store.takeCalls())
        .containsExactly("load " + ALICE, "load " + ALICE, "loadAll [" + ALICE + "]");
  }

  @Test
  @DisplayName("at most maximumUsers keys are held; the others are loaded again")
  void bounded() {
    CachingPersistentStorage small = cache().maximumUsers(3).build();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("user-" + i + ":userID");
    }
    keys.forEach(small::load);
    assertThat(small.cachedKeys()).isLessThanOrEqualTo(3);
    store.takeCalls();

    keys.forEach(small::load);
    assertThat(store.takeCalls())
        .as("loads that reached the store")
        .hasSizeGreaterThanOrEqualTo(17);
  }

  @Test
  @DisplayName("the default holds 10 000 keys")
  void defaultBound() {
    CachingPersistentStorage big = cache().build();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10_500; i++) {
      keys.add("user-" + i + ":userID");
    }
    big.loadAll(keys);
    assertThat(big.cachedKeys()).isBetween(9_000L, 10_000L);
  }
}
