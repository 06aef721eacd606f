package io.github.persistentassignment.integration.openfeature;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real storage with its calls counted, writes that can be made to fail, and loads that can be
 * made to wait for each other (so two clients both load before either saves).
 */
final class CountingStorage implements PersistentStorage {
  private final PersistentStorage delegate;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  private volatile boolean failWrites;
  private volatile @Nullable CyclicBarrier loadBarrier;

  CountingStorage(PersistentStorage delegate) {
    this.delegate = delegate;
  }

  void failWrites(boolean fail) {
    failWrites = fail;
  }

  /** The next loads wait, after loading, until {@code parties} of them have loaded. */
  void meetAfterLoads(int parties) {
    loadBarrier = new CyclicBarrier(parties, () -> loadBarrier = null);
  }

  @Override
  public UserPersistedValues load(String key) {
    loads.incrementAndGet();
    UserPersistedValues values = delegate.load(key);
    CyclicBarrier barrier = loadBarrier;
    if (barrier != null) {
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the other client never loaded", e);
      }
    }
    return values;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    write("save", key);
    delegate.save(key, configName, values);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    write("saveIfAbsent", key);
    return delegate.saveIfAbsent(key, configName, values);
  }

  @Override
  public void delete(String key, String configName) {
    write("delete", key);
    delegate.delete(key, configName);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void write(String operation, String key) {
    writes.incrementAndGet();
    if (failWrites) {
      throw new StorageException(operation + " failed (test) for key '" + key + "'");
    }
  }
}
