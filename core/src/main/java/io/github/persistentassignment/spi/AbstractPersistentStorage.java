package io.github.persistentassignment.spi;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.internal.Quoting;
import io.github.persistentassignment.internal.Utf8;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The base of every adapter: core keeps the contract's rules here and an adapter implements only
 * the raw operations on encoded entries, so the rules cannot drift between backends.
 *
 * <p>Core does: the argument checks ({@link IllegalArgumentException} naming the argument, nothing
 * written), the closed state ({@link IllegalStateException}, an idempotent {@link #close()}),
 * encoding and lazy decoding, the size limit ({@code maxValueBytes}), the expiry of each write
 * ({@code expireAfter} on the adapter's {@link Clock}), the corrupt-entry rule (an entry that
 * cannot be decoded counts as absent: {@code load} skips it, {@code saveIfAbsent} replaces it with
 * {@link #replaceEncoded} and reports a write, {@code save} overwrites it), the retried-write rule
 * (a {@code saveIfAbsent} that finds its own values stored reports that it wrote) and the messages
 * of {@link StorageException} (key escaped and cut to 200 characters). A runtime exception that a
 * raw operation throws becomes a {@code StorageException} naming the operation and the key.
 *
 * <p>An adapter implements {@link #loadEncoded}, {@link #saveEncoded}, {@link
 * #saveEncodedIfAbsent}, {@link #replaceEncoded}, {@link #deleteEncoded}, {@link
 * #deleteAllEncoded}, and optionally {@link #loadAllEncoded} (one round trip instead of one per
 * key) and {@link #closeResources}. An adapter that can enumerate extends {@link
 * AbstractEnumerableStorage} instead.
 *
 * <p>The raw operations receive arguments already checked, on an open storage; they are called
 * concurrently and must be thread-safe.
 *
 * @since 0.2.0
 */
public abstract class AbstractPersistentStorage implements PersistentStorage {
  private final String storageName;
  private final Clock clock;
  private final @Nullable Duration expireAfter;
  private final int maxValueBytes;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Sets the rules core applies for this adapter.
   *
   * @param storageName the adapter's name in messages, such as {@code "RedisPersistentStorage"}
   * @param clock the clock that dates each write's expiry
   * @param expireAfter the time to live of each write, or {@code null} for entries that never
   *     expire
   * @param maxValueBytes the largest encoded entry, in UTF-8 bytes, the backend accepts
   * @throws IllegalArgumentException if a setting is out of range, naming it
   */
  protected AbstractPersistentStorage(
      String storageName, Clock clock, @Nullable Duration expireAfter, int maxValueBytes) {
    this.storageName = requireNonBlank(storageName, "storageName");
    this.clock = requireNonNullArgument(clock, "clock");
    this.expireAfter = StorageLimits.checkExpireAfter(expireAfter);
    this.maxValueBytes =
        StorageLimits.checkCount(maxValueBytes, "maxValueBytes", Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------------------------------------
  // The raw operations an adapter implements

  /**
   * Reads a key's live (unexpired) entries as stored.
   *
   * @param key the storage key
   * @return config name → stored text, empty when nothing is stored
   * @throws RuntimeException if the backend failed; core wraps it in a {@link StorageException}
   */
  protected abstract Map<String, String> loadEncoded(String key);

  /**
   * Reads the live entries of several keys. The default calls {@link #loadEncoded} once per key; an
   * adapter overrides it to read them in one round trip (or one per node or batch).
   *
   * @param keys distinct keys, at least two
   * @return key → (config name → stored text); a key with no entries may be left out
   * @throws RuntimeException if the backend failed
   */
  protected Map<String, Map<String, String>> loadAllEncoded(List<String> keys) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (String key : keys) {
      result.put(key, loadEncoded(key));
    }
    return result;
  }

  /**
   * Writes an entry, replacing any entry of the same key and config name and no other.
   *
   * @param key the storage key
   * @param configName the config name
   * @param json the encoded values
   * @param expiresAt when the entry expires, or {@code null} for never
   * @throws RuntimeException if the backend failed
   */
  protected abstract void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt);

  /**
   * Writes an entry only if no live entry is stored for the key and config name, atomically.
   * Whether the stored text can be decoded is core's concern: return it as it is.
   *
   * @param key the storage key
   * @param configName the config name
   * @param json the encoded values
   * @param expiresAt when the entry expires, or {@code null} for never
   * @return empty when this call wrote; otherwise the text stored, and nothing was written
   * @throws RuntimeException if the backend failed
   */
  protected abstract Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt);

  /**
   * Replaces an entry only if its stored text is still {@code expectedJson}, atomically: how core
   * repairs a corrupt entry without overwriting a good one another writer stored meanwhile.
   *
   * @param key the storage key
   * @param configName the config name
   * @param expectedJson the text that must still be stored
   * @param json the encoded values to store instead
   * @param expiresAt when the new entry expires, or {@code null} for never
   * @return true when replaced; false when the stored text had changed (or the entry was gone)
   * @throws RuntimeException if the backend failed
   */
  protected abstract boolean replaceEncoded(
      String key, String configName, String expectedJson, String json, @Nullable Instant expiresAt);

  /**
   * Removes one entry; removing a missing entry is not an error.
   *
   * @param key the storage key
   * @param configName the config name
   * @throws RuntimeException if the backend failed
   */
  protected abstract void deleteEncoded(String key, String configName);

  /**
   * Removes every entry of a key, in one round trip where the backend allows.
   *
   * @param key the storage key
   * @throws RuntimeException if the backend failed
   */
  protected abstract void deleteAllEncoded(String key);

  /**
   * Whether this adapter repeats a write whose reply was lost (a reconnect, an SDK retry). Such an
   * adapter may find its own first attempt stored; core then reports the write as this call's
   * (empty), as the contract allows, rather than as another writer's. The default is false: a
   * stored entry is always reported as stored, even when it equals the values being saved.
   *
   * @return true when writes may be sent twice
   */
  protected boolean retriesWrites() {
    return false;
  }

  /**
   * Releases what the adapter created; called once, by the first {@link #close()}. The default does
   * nothing.
   */
  protected void closeResources() {}

  // ---------------------------------------------------------------------------------------------
  // The contract, implemented once

  @Override
  public final UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    Map<String, String> entries = call("load", key, () -> loadEncoded(key));
    return UserPersistedValues.ofEncoded(key, entries);
  }

  @Override
  public final Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String key : keys) {
      distinct.add(requireNonBlank(key, "key"));
    }
    ensureOpen();
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    if (distinct.size() == 1) {
      String key = distinct.iterator().next();
      result.put(key, load(key));
      return result;
    }
    if (distinct.isEmpty()) {
      return result;
    }
    List<String> list = new ArrayList<>(distinct);
    Map<String, Map<String, String>> loaded =
        call("loadAll", list.get(0), () -> loadAllEncoded(list));
    for (String key : list) {
      Map<String, String> entries = loaded.get(key);
      result.put(key, UserPersistedValues.ofEncoded(key, entries == null ? Map.of() : entries));
    }
    return result;
  }

  @Override
  public final void save(String key, String configName, StickyValues values) {
    String json = checkedEntry("save", key, configName, values);
    Instant expiresAt = expiresAt();
    run("save", key, () -> saveEncoded(key, configName, json, expiresAt));
  }

  @Override
  public final Optional<StickyValues> saveIfAbsent(
      String key, String configName, StickyValues values) {
    String json = checkedEntry("saveIfAbsent", key, configName, values);
    return IfAbsentWrites.write(this, "saveIfAbsent", key, configName, values, json, expiresAt());
  }

  @Override
  public final Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    requireNonNullArgument(entry, "entry");
    String json = checkedEntry("copyIfAbsent", entry.key(), entry.configName(), entry.values());
    Instant expiresAt = entry.expiresAt() != null ? entry.expiresAt() : expiresAt();
    return IfAbsentWrites.write(
        this, "copyIfAbsent", entry.key(), entry.configName(), entry.values(), json, expiresAt);
  }

  @Override
  public final void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    ensureOpen();
    run("delete", key, () -> deleteEncoded(key, configName));
  }

  @Override
  public final void deleteAll(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    run("deleteAll", key, () -> deleteAllEncoded(key));
  }

  /** Closes the adapter's resources once; later calls do nothing. */
  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      closeResources();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // For adapters

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closed
   */
  protected final boolean isClosed() {
    return closed.get();
  }

  /**
   * Throws if the storage is closed: for an adapter's own public methods beyond the contract.
   *
   * @throws IllegalStateException naming the adapter
   */
  protected final void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(storageName + " is closed");
    }
  }

  /**
   * The clock that dates expiries.
   *
   * @return the clock
   */
  protected final Clock clock() {
    return clock;
  }

  /**
   * The time to live of each write.
   *
   * @return the time to live, or empty if entries never expire
   */
  public final Optional<Duration> expireAfter() {
    return Optional.ofNullable(expireAfter);
  }

  /**
   * Runs a raw operation, turning a runtime failure of the backend into a {@link StorageException}
   * naming the operation and the key. Argument and state exceptions, and a {@code StorageException}
   * the adapter threw itself, pass unchanged.
   *
   * @param operation the operation's name in the message
   * @param key the key in the message
   * @param body the raw operation
   * @param <T> its result
   * @return its result
   */
  protected final <T> T call(String operation, String key, Supplier<T> body) {
    try {
      return body.get();
    } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StorageException.of(operation, key, e);
    }
  }

  /**
   * Runs a raw operation over every key (a purge, an enumeration), turning a runtime failure of the
   * backend into a {@link StorageException} naming the operation.
   *
   * @param operation the operation in the message, such as {@code "purge of config 'x'"}
   * @param body the raw operation
   * @param <T> its result
   * @return its result
   */
  protected final <T> T callForAllKeys(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StorageException.of(operation, e);
    }
  }

  private void run(String operation, String key, Runnable body) {
    call(
        operation,
        key,
        () -> {
          body.run();
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // The rules

  private String checkedEntry(
      String operation, String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
    String json = StickyValuesCodec.encode(values);
    if ((long) json.length() * 3 > maxValueBytes) {
      long bytes = Utf8.length(json);
      if (bytes > maxValueBytes) {
        throw new IllegalArgumentException(
            operation
                + ": values for config '"
                + Quoting.escape(configName)
                + "' encode to "
                + bytes
                + " bytes of JSON, more than maxValueBytes ("
                + maxValueBytes
                + "); nothing was written");
      }
    }
    return json;
  }

  private @Nullable Instant expiresAt() {
    if (expireAfter == null) {
      return null;
    }
    Instant now = clock.instant();
    return now.plus(expireAfter);
  }
}
