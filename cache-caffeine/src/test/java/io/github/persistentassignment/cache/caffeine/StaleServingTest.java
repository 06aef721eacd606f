package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("serveStaleOnFailure answers a failed load from the cache")
class StaleServingTest extends CacheFixture {
  private static final Duration MAX_STALE = Duration.ofMinutes(1);
  private final CachingEnumerableStorage cache = cache().serveStaleOnFailure(MAX_STALE).build();

  @Test
  @DisplayName("a key loaded less than maxStale ago is served when its load fails")
  void servesStale() {
    otherInstance.save(ALICE, EXPERIMENT, group("stored"));
    cache.load(ALICE);
    time.advance(MAX_STALE.minusMillis(1));
    store.down();
    store.takeCalls();

    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("stored"));
    assertThat(store.takeCalls()).as("it asked the store first").containsExactly("load " + ALICE);
    assertThat(cache.staleKeysServed()).isEqualTo(1);
  }

  @Test
  @DisplayName("a key loaded maxStale ago or longer is not: the failure is thrown")
  void tooOld() {
    cache.load(ALICE);
    time.advance(MAX_STALE);
    store.down();
    assertThatThrownBy(() -> cache.load(ALICE)).isInstanceOf(StorageException.class);
    assertThat(cache.staleKeysServed()).isZero();
  }

  @Test
  @DisplayName("a key never loaded gets the failure")
  void neverLoaded() {
    store.down();
    assertThatThrownBy(() -> cache.load(BOB)).isInstanceOf(StorageException.class);
  }

  @Test
  @DisplayName("loadAll is answered from the cache only when every key it must load can be")
  void loadAll() {
    otherInstance.save(ALICE, EXPERIMENT, group("alice"));
    cache.loadAll(List.of(ALICE, BOB));
    time.advance(Duration.ofSeconds(30));
    store.down();

    Map<String, UserPersistedValues> served = cache.loadAll(List.of(BOB, ALICE));
    assertThat(served.keySet()).containsExactly(BOB, ALICE);
    assertThat(served.get(ALICE).get(EXPERIMENT)).contains(group("alice"));
    assertThat(cache.staleKeysServed()).isEqualTo(2);

    assertThatThrownBy(() -> cache.loadAll(List.of(ALICE, CAROL)))
        .as("carol was never loaded")
        .isInstanceOf(StorageException.class);
  }

  @Test
  @DisplayName("writes are never faked: they fail while the store does")
  void writesFail() {
    cache.load(ALICE);
    store.down();
    assertThatThrownBy(() -> cache.save(ALICE, EXPERIMENT, group("x")))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.saveIfAbsent(ALICE, EXPERIMENT, group("x")))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.delete(ALICE, EXPERIMENT)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.deleteAll(ALICE)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> cache.purge(EXPERIMENT)).isInstanceOf(StorageException.class);
  }

  @Test
  @DisplayName("once the store answers again, a key past its freshness is loaded from it")
  void recovers() {
    otherInstance.save(ALICE, EXPERIMENT, group("before"));
    cache.load(ALICE);
    time.advance(Duration.ofSeconds(10));
    store.down();
    otherInstance.save(ALICE, EXPERIMENT, group("during"));
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("before"));
    store.up();
    assertThat(cache.load(ALICE).get(EXPERIMENT)).contains(group("during"));
  }

  @Test
  @DisplayName("without it, a failed load throws even for a key in the cache")
  void offByDefault() {
    CachingPersistentStorage plain = cache().build();
    plain.load(ALICE);
    time.advance(CachingPersistentStorage.DEFAULT_FRESH_FOR);
    store.down();
    assertThatThrownBy(() -> plain.load(ALICE)).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> plain.loadAll(List.of(ALICE))).isInstanceOf(StorageException.class);
    assertThat(plain.staleKeysServed()).isZero();
  }

  @Test
  @DisplayName("with freshFor(zero), every load asks the store and the cache is only the fallback")
  void fallbackOnly() {
    CachingPersistentStorage fallback =
        cache().freshFor(Duration.ZERO).serveStaleOnFailure(MAX_STALE).build();
    otherInstance.save(ALICE, EXPERIMENT, group("first"));
    fallback.load(ALICE);
    otherInstance.save(ALICE, EXPERIMENT, group("second"));
    assertThat(fallback.load(ALICE).get(EXPERIMENT)).contains(group("second"));
    store.down();
    assertThat(fallback.load(ALICE).get(EXPERIMENT)).contains(group("second"));
    assertThat(store.takeCalls())
        .containsExactly("load " + ALICE, "load " + ALICE, "load " + ALICE);
  }
}
