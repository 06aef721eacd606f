package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.Samples;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A load that read the store before this instance wrote the same key, and finishes after the write,
 * must not cache what it read: the cache would then serve the older entry for a whole freshness
 * period, hiding the instance's own write. Made deterministic by holding the load between its read
 * and its return.
 */
@DisplayName("A load in flight while this instance writes the key")
class InFlightLoadTest {
  private static final String KEY = "alice:userID";

  @Test
  @DisplayName("does not cache what it read before the write")
  void doesNotCacheAnOlderRead() throws Exception {
    HeldLoads store = new HeldLoads(InMemoryPersistentStorage.create());
    CachingPersistentStorage cache = CachingPersistentStorage.builder(store).build();
    store.save(KEY, "exp", Samples.simple("before"));

    CompletableFuture<UserPersistedValues> load =
        CompletableFuture.supplyAsync(() -> cache.load(KEY));
    assertThat(store.read.await(10, TimeUnit.SECONDS)).as("the load has read").isTrue();
    cache.save(KEY, "exp", Samples.simple("after"));
    store.release.countDown();

    assertThat(load.get(10, TimeUnit.SECONDS).get("exp"))
        .as("what the held load read")
        .contains(Samples.simple("before"));
    assertThat(cache.load(KEY).get("exp")).as("the next load").contains(Samples.simple("after"));
  }

  /** Holds the first load after it has read the store, until released. */
  private static final class HeldLoads implements PersistentStorage {
    final CountDownLatch read = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final PersistentStorage store;

    HeldLoads(PersistentStorage store) {
      this.store = store;
    }

    @Override
    public UserPersistedValues load(String key) {
      UserPersistedValues values = store.load(key);
      if (read.getCount() > 0) {
        read.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return values;
    }

    @Override
    public void save(String key, String configName, StickyValues values) {
      store.save(key, configName, values);
    }

    @Override
    public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
      return store.saveIfAbsent(key, configName, values);
    }

    @Override
    public void delete(String key, String configName) {
      store.delete(key, configName);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
