package io.github.persistentassignment.spi;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.LogSafe;
import io.github.persistentassignment.internal.Quoting;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of an adapter that can list what it holds: {@link AbstractPersistentStorage}'s rules,
 * plus enumeration and purge. The adapter hands over raw entries ({@link #forEachEncoded}) and core
 * decodes them, skipping and logging one that cannot be decoded; it removes one config's entries
 * efficiently ({@link #purgeEncoded}).
 *
 * <p>Something under the adapter's namespace that is not an entry at all (a foreign Redis key of
 * another type, an item without the expected attributes) is the adapter's to skip: it calls {@link
 * #skipForeign} and goes on, never fails the enumeration.
 *
 * @since 0.2.0
 */
public abstract class AbstractEnumerableStorage extends AbstractPersistentStorage
    implements EnumerableStorage {
  private static final Logger log = LoggerFactory.getLogger(AbstractEnumerableStorage.class);

  /**
   * Sets the rules core applies for this adapter.
   *
   * @param storageName the adapter's name in messages
   * @param clock the clock that dates each write's expiry
   * @param expireAfter the time to live of each write, or {@code null} for entries that never
   *     expire
   * @param maxValueBytes the largest encoded entry, in UTF-8 bytes, the backend accepts
   * @throws IllegalArgumentException if a setting is out of range, naming it
   */
  protected AbstractEnumerableStorage(
      String storageName, Clock clock, @Nullable Duration expireAfter, int maxValueBytes) {
    super(storageName, clock, expireAfter, maxValueBytes);
  }

  /**
   * Visits every live entry as stored, reading in batches and holding no connection while the
   * action runs (the action may write to this storage).
   *
   * @param action called once per entry
   * @throws RuntimeException if the backend failed; core wraps it in a {@code StorageException}
   */
  protected abstract void forEachEncoded(Consumer<RawEntry> action);

  /**
   * Removes one config's entries for every key, as efficiently as the backend allows.
   *
   * @param configName the config name
   * @return how many entries were removed
   * @throws RuntimeException if the backend failed
   */
  protected abstract long purgeEncoded(String configName);

  @Override
  public final void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    ActionFailure failure = new ActionFailure();
    try {
      callForAllKeys(
          "forEachEntry",
          () -> {
            forEachEncoded(raw -> visit(raw, action, failure));
            return null;
          });
    } catch (RuntimeException e) {
      // The action's own exception propagates as it was thrown, not as a storage failure.
      if (failure.thrown != null) {
        throw failure.thrown;
      }
      throw e;
    }
  }

  @Override
  public final long purge(String configName) {
    requireNonBlank(configName, "configName");
    ensureOpen();
    return callForAllKeys(
        "purge of config " + Quoting.quote(configName), () -> purgeEncoded(configName));
  }

  /**
   * Logs something under the adapter's namespace that is not an entry, and lets the enumeration go
   * on: a warning without the key, the key at DEBUG.
   *
   * @param key where it was found
   * @param reason what it is, such as {@code "a Redis string, not a hash"}
   */
  protected final void skipForeign(String key, String reason) {
    log.warn(
        "Skipping something that is not a stored entry: {} (its key is logged at DEBUG)", reason);
    log.debug("Skipped the foreign item at key '{}'", key);
  }

  private static void visit(
      RawEntry raw, Consumer<? super StoredEntry> action, ActionFailure failure) {
    StickyValues values;
    try {
      values = StickyValuesCodec.decode(raw.json());
    } catch (StickyValuesFormatException e) {
      LogSafe.unreadableEntry(log, "Skipping", raw.key(), raw.configName(), e.contentFreeMessage());
      return;
    }
    try {
      action.accept(new StoredEntry(raw.key(), raw.configName(), values, raw.expiresAt()));
    } catch (RuntimeException e) {
      failure.thrown = e;
      throw e;
    }
  }

  /** The exception the caller's action threw, told apart from a failure of the backend. */
  private static final class ActionFailure {
    @Nullable RuntimeException thrown;
  }
}
