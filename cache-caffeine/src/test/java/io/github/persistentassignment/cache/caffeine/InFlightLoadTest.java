package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.Samples;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A load that read the store before this instance wrote the same key, and finishes after the write,
 * must not cache what it read: the cache would then serve the older entry for a whole freshness
 * period, hiding the instance's own write. Made deterministic by holding the load between its read
 * and its return.
 */
@DisplayName("Loads in flight while this instance writes the key")
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

  @Test
  @DisplayName(
      "with 8 threads saving 50 entries each to one key while loading it, every saved entry is"
          + " then served from the cache")
  void concurrentWritesAndLoads() throws Exception {
    PersistentStorage store = InMemoryPersistentStorage.create();
    CachingPersistentStorage cache = CachingPersistentStorage.builder(store).build();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CyclicBarrier start = new CyclicBarrier(8);
      List<Future<?>> writers = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int id = thread;
        writers.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < 50; i++) {
                    cache.save(KEY, id + "-" + i, Samples.simple(id + "/" + i));
                    cache.load(KEY);
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(cache.load(KEY).asMap()).hasSize(400).isEqualTo(store.load(KEY).asMap());
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
