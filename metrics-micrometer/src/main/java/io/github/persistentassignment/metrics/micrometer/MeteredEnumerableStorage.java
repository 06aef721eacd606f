package io.github.persistentassignment.metrics.micrometer;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StoredEntry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeteredPersistentStorage} over an {@link EnumerableStorage}: it times {@code
 * forEachEntry} and {@code purge} as well, and is itself enumerable.
 *
 * <pre>{@code
 * MeteredEnumerableStorage storage =
 *     MeteredEnumerableStorage.builder(InMemoryPersistentStorage.create(), registry).build();
 * long removed = storage.purge("stopped_experiment"); // timed as operation=purge
 * }</pre>
 *
 * <p>{@code forEachEntry}'s time includes the time its action takes. An exception the action throws
 * stops the enumeration and propagates, as the contract says; it is the caller's, not the
 * storage's, so that enumeration is not recorded at all.
 *
 * @since 0.2.0
 */
public final class MeteredEnumerableStorage extends MeteredPersistentStorage
    implements EnumerableStorage {
  private final EnumerableStorage enumerable;

  MeteredEnumerableStorage(EnumerableStorage delegate, StorageTimers timers) {
    super(delegate, timers);
    this.enumerable = delegate;
  }

  /**
   * Starts a builder whose {@link MeteredPersistentStorage.Builder#build()} returns this type.
   *
   * @param storage the storage to time; closed by {@link #close()}
   * @param registry where the timers are registered
   * @return a new builder
   * @throws IllegalArgumentException if an argument is null
   */
  public static MeteredPersistentStorage.Builder<MeteredEnumerableStorage> builder(
      EnumerableStorage storage, MeterRegistry registry) {
    return new MeteredPersistentStorage.Builder<>(
        storage,
        registry,
        (delegate, timers) -> new MeteredEnumerableStorage((EnumerableStorage) delegate, timers));
  }

  /** {@inheritDoc} Timed as {@code forEachEntry}, unless the action throws. */
  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    WatchedAction watched = action == null ? null : new WatchedAction(action);
    StorageTimers timers = timers();
    long start = timers.start();
    try {
      enumerable.forEachEntry(watched);
    } catch (RuntimeException e) {
      if (watched == null || e != watched.thrown) {
        timers.record(StorageOperation.FOR_EACH_ENTRY, start, e);
      }
      throw e;
    }
    timers.record(StorageOperation.FOR_EACH_ENTRY, start, null);
  }

  /** {@inheritDoc} Timed as {@code purge}. */
  @Override
  public long purge(String configName) {
    return call(StorageOperation.PURGE, () -> enumerable.purge(configName));
  }

  /** The caller's action, remembering what it threw so that it is not taken for a failure. */
  private static final class WatchedAction implements Consumer<StoredEntry> {
    private final Consumer<? super StoredEntry> action;
    private volatile @Nullable RuntimeException thrown;

    WatchedAction(Consumer<? super StoredEntry> action) {
      this.action = action;
    }

    @Override
    public void accept(StoredEntry entry) {
      try {
        action.accept(entry);
      } catch (RuntimeException e) {
        thrown = e;
        throw e;
      }
    }
  }
}
