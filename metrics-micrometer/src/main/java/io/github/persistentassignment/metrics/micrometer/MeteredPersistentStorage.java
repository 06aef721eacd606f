package io.github.persistentassignment.metrics.micrometer;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.internal.Arguments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A storage that times every call of the storage it wraps: the Micrometer timer {@value #TIMER},
 * tagged {@code operation} and {@code outcome}, plus the common tags given to the builder.
 *
 * <pre>{@code
 * MeteredPersistentStorage storage =
 *     MeteredPersistentStorage.builder(RedisPersistentStorage.builder(url).build(), registry)
 *         .tag("store", "redis")
 *         .build();
 * PersistentAssignment assignment =
 *     PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
 * }</pre>
 *
 * <h2>Tags</h2>
 *
 * <ul>
 *   <li>{@code operation}: the method called: {@code load}, {@code loadAll}, {@code save}, {@code
 *       saveIfAbsent}, {@code delete}, {@code deleteAll}, {@code copyIfAbsent}; and {@code
 *       forEachEntry}, {@code purge} when the wrapped storage is an {@link EnumerableStorage}.
 *   <li>{@code outcome}: {@code success} when the call returned; {@code failure} when it threw a
 *       {@link StorageException} or any other runtime exception from the backend; {@code rejected}
 *       when it threw {@link IllegalArgumentException} (bad arguments) or {@link
 *       IllegalStateException} (the storage is closed): the caller's mistake, not the backend's,
 *       kept apart so that an alert on failures does not fire for it. An {@link Error} propagates
 *       without being recorded.
 * </ul>
 *
 * <p>Every timer (each operation with each outcome) is registered when the decorator is built, so a
 * dashboard sees zeros rather than missing series, and a call only records into a timer it already
 * holds. Times are read from the registry's clock.
 *
 * <h2>Everything else passes through</h2>
 *
 * <p>Each call goes to the same method of the wrapped storage (its atomic {@code saveIfAbsent}, its
 * one-round-trip {@code loadAll}), with the same arguments; results and exceptions come back
 * unchanged. Two decorators with the same tags share their timers.
 *
 * <h2>Enumerable storages</h2>
 *
 * <p>When the wrapped storage is an {@link EnumerableStorage}, the decorator is one too: {@link
 * #builder} then builds a {@link MeteredEnumerableStorage}, so {@code instanceof EnumerableStorage}
 * holds for tools (a migration) that check it; {@link MeteredEnumerableStorage#builder} does the
 * same with the type known at compile time.
 *
 * <h2>Closing</h2>
 *
 * <p>The decorator stands in for the storage it wraps: {@link #close()} closes that storage (as a
 * buffered stream closes the stream under it), and is not timed. Closing both is harmless, since
 * {@code close()} is idempotent. The timers stay in the registry.
 *
 * @since 0.2.0
 */
public class MeteredPersistentStorage implements PersistentStorage {
  /** The timer's name. */
  public static final String TIMER = "persistent.assignment.storage";

  private final PersistentStorage delegate;
  private final StorageTimers timers;

  MeteredPersistentStorage(PersistentStorage delegate, StorageTimers timers) {
    this.delegate = delegate;
    this.timers = timers;
  }

  /**
   * Starts a builder. The result is a {@link MeteredEnumerableStorage} when {@code storage} is an
   * {@link EnumerableStorage}.
   *
   * @param storage the storage to time; closed by {@link #close()}
   * @param registry where the timers are registered
   * @return a new builder
   * @throws IllegalArgumentException if an argument is null
   */
  public static Builder<MeteredPersistentStorage> builder(
      PersistentStorage storage, MeterRegistry registry) {
    return new Builder<>(
        storage,
        registry,
        (delegate, timers) ->
            delegate instanceof EnumerableStorage enumerable
                ? new MeteredEnumerableStorage(enumerable, timers)
                : new MeteredPersistentStorage(delegate, timers));
  }

  /**
   * The storage this one wraps.
   *
   * @return the wrapped storage
   */
  public PersistentStorage delegate() {
    return delegate;
  }

  /** {@inheritDoc} Timed as {@code load}. */
  @Override
  public UserPersistedValues load(String key) {
    return call(StorageOperation.LOAD, () -> delegate.load(key));
  }

  /** {@inheritDoc} Timed as {@code loadAll}. */
  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    return call(StorageOperation.LOAD_ALL, () -> delegate.loadAll(keys));
  }

  /** {@inheritDoc} Timed as {@code save}. */
  @Override
  public void save(String key, String configName, StickyValues values) {
    run(StorageOperation.SAVE, () -> delegate.save(key, configName, values));
  }

  /** {@inheritDoc} Timed as {@code saveIfAbsent}. */
  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    return call(
        StorageOperation.SAVE_IF_ABSENT, () -> delegate.saveIfAbsent(key, configName, values));
  }

  /** {@inheritDoc} Timed as {@code delete}. */
  @Override
  public void delete(String key, String configName) {
    run(StorageOperation.DELETE, () -> delegate.delete(key, configName));
  }

  /** {@inheritDoc} Timed as {@code deleteAll}. */
  @Override
  public void deleteAll(String key) {
    run(StorageOperation.DELETE_ALL, () -> delegate.deleteAll(key));
  }

  /** {@inheritDoc} Timed as {@code copyIfAbsent}. */
  @Override
  public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    return call(StorageOperation.COPY_IF_ABSENT, () -> delegate.copyIfAbsent(entry));
  }

  /** Closes the wrapped storage; not timed. Idempotent, as the wrapped storage's close is. */
  @Override
  public void close() {
    delegate.close();
  }

  /**
   * The wrapped storage, for {@link #toString()}.
   *
   * @return {@code "Metered[<wrapped storage>]"}
   */
  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }

  /** The timers, for {@link MeteredEnumerableStorage}'s enumeration. */
  final StorageTimers timers() {
    return timers;
  }

  /** Times a call that returns a value. */
  final <T> T call(StorageOperation operation, Supplier<T> call) {
    long start = timers.start();
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      timers.record(operation, start, e);
      throw e;
    }
    timers.record(operation, start, null);
    return result;
  }

  /** Times a call that returns nothing. */
  final void run(StorageOperation operation, Runnable call) {
    call(
        operation,
        () -> {
          call.run();
          return Boolean.TRUE;
        });
  }

  /**
   * Builds a {@link MeteredPersistentStorage} or a {@link MeteredEnumerableStorage}. Mutable; does
   * no I/O. Every timer is registered at {@link #build()}.
   *
   * @param <S> what {@link #build()} returns
   */
  public static final class Builder<S extends MeteredPersistentStorage> {
    private final PersistentStorage storage;
    private final MeterRegistry registry;
    private final BiFunction<PersistentStorage, StorageTimers, S> factory;
    private Tags tags = Tags.empty();

    Builder(
        PersistentStorage storage,
        MeterRegistry registry,
        BiFunction<PersistentStorage, StorageTimers, S> factory) {
      this.storage = Arguments.requireNonNullArgument(storage, "storage");
      this.registry = Arguments.requireNonNullArgument(registry, "registry");
      this.factory = factory;
    }

    /**
     * Adds a tag to every timer, such as {@code store=redis} to tell several storages apart. A
     * later tag with the same key replaces the earlier one. Default: none.
     *
     * @param key the tag's key; not {@code operation} or {@code outcome} (checked at build)
     * @param value the tag's value
     * @return this builder
     * @throws IllegalArgumentException if the key is null or blank, or the value null
     */
    public Builder<S> tag(String key, String value) {
      Arguments.requireNonBlank(key, "key");
      Arguments.requireNonNullArgument(value, "value");
      tags = tags.and(key, value);
      return this;
    }

    /**
     * Adds tags to every timer; later tags replace earlier ones of the same key.
     *
     * @param tags the tags; none may use the key {@code operation} or {@code outcome} (checked at
     *     build)
     * @return this builder
     * @throws IllegalArgumentException if {@code tags} is null
     */
    public Builder<S> tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Arguments.requireNonNullArgument(tags, "tags"));
      return this;
    }

    /**
     * Registers the timers and builds the decorator.
     *
     * @return the decorator over the storage
     * @throws IllegalArgumentException if a tag uses the key {@code operation} or {@code outcome}
     */
    public S build() {
      Tags common = Checks.commonTags(tags, "tags", "operation", "outcome");
      return factory.apply(
          storage, StorageTimers.register(registry, common, storage instanceof EnumerableStorage));
    }
  }
}
