package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requireNonNullElement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user's stored assignments: config name → {@link StickyValues}. Immutable and thread-safe.
 *
 * <p>Three states matter to the assignment logic:
 *
 * <ul>
 *   <li>{@link #empty()}: nothing stored yet; the user opts in, so a first assignment is saved.
 *   <li>a non-empty map: assignments to serve again.
 *   <li>{@link #unavailable()}: the load failed. Nothing is known about the user's stored
 *       assignments, so nothing is saved or deleted on their behalf (a failed load must never cause
 *       a silent reassignment).
 * </ul>
 *
 * <h2>Lazy decoding</h2>
 *
 * <p>Adapters hand over the entries as stored ({@link #ofEncoded}); each is decoded the first time
 * it is asked for, by {@link #get} or {@link #asMap}, and only once. A request that evaluates two
 * of a user's fifty experiments decodes two entries. An entry that cannot be decoded (corrupt or
 * foreign data) counts as absent: {@link #get} returns empty for it, {@link #asMap} leaves it out,
 * and it is logged once, when it is first decoded, by config name (the key only at DEBUG, the
 * stored text never). Equality compares the decoded maps.
 */
public final class UserPersistedValues {
  private static final UserPersistedValues EMPTY = new UserPersistedValues(Map.of(), true);
  private static final UserPersistedValues UNAVAILABLE = new UserPersistedValues(Map.of(), false);

  /** Config name → {@link StickyValues} or {@link EncodedEntry}, in the order the backend gave. */
  private final Map<String, Object> entries;

  private final boolean available;
  private volatile @Nullable Map<String, StickyValues> decoded;

  private UserPersistedValues(Map<String, Object> entries, boolean available) {
    this.entries = entries;
    this.available = available;
  }

  /**
   * No stored assignments.
   *
   * @return the empty value
   */
  public static UserPersistedValues empty() {
    return EMPTY;
  }

  /**
   * The value that says "the load failed": {@link #isAvailable()} is false and the map is empty.
   *
   * @return the unavailable marker
   */
  public static UserPersistedValues unavailable() {
    return UNAVAILABLE;
  }

  /**
   * Stored assignments from a map of config name → values. The map is copied, keeping its order.
   *
   * @param values the assignments
   * @return an immutable value
   * @throws IllegalArgumentException if a config name is blank or a value is null
   */
  public static UserPersistedValues of(Map<String, StickyValues> values) {
    requireNonNullArgument(values, "values");
    if (values.isEmpty()) {
      return EMPTY;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (name, sticky) ->
            copy.put(
                requireNonBlank(name, "configName"),
                requireNonNullElement(sticky, "values", name)));
    return new UserPersistedValues(Collections.unmodifiableMap(copy), true);
  }

  /**
   * Stored assignments as a backend returned them: config name → the entry's JSON text in the
   * universal schema ({@code docs/storage-format.md}). Nothing is decoded here; see "Lazy decoding"
   * above. This is what an adapter's {@code load} returns.
   *
   * @param key the storage key the entries were loaded from, for the DEBUG line of a corrupt entry
   * @param encodedEntries config name → stored JSON; copied, keeping its order
   * @return an immutable value that decodes each entry when it is first needed
   * @throws IllegalArgumentException if the key or a config name is blank or a text is null
   */
  public static UserPersistedValues ofEncoded(String key, Map<String, String> encodedEntries) {
    requireNonBlank(key, "key");
    requireNonNullArgument(encodedEntries, "encodedEntries");
    if (encodedEntries.isEmpty()) {
      return EMPTY;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    encodedEntries.forEach(
        (name, encoded) ->
            copy.put(
                requireNonBlank(name, "configName"),
                new EncodedEntry(
                    key, name, requireNonNullElement(encoded, "encodedEntries", name))));
    return new UserPersistedValues(Collections.unmodifiableMap(copy), true);
  }

  /**
   * The stored assignment for one config, decoded now if it was not yet.
   *
   * @param configName the experiment or layer name
   * @return the stored values, or empty when none is stored or the stored entry cannot be decoded
   */
  public Optional<StickyValues> get(String configName) {
    Object entry = entries.get(configName);
    return Optional.ofNullable(entry == null ? null : valuesOf(entry));
  }

  /**
   * All stored assignments, every entry decoded (once; the map is kept).
   *
   * @return an unmodifiable map of config name → values, without entries that cannot be decoded
   */
  public Map<String, StickyValues> asMap() {
    Map<String, StickyValues> result = decoded;
    if (result == null) {
      Map<String, StickyValues> map = new LinkedHashMap<>();
      entries.forEach(
          (name, entry) -> {
            StickyValues values = valuesOf(entry);
            if (values != null) {
              map.put(name, values);
            }
          });
      result = Collections.unmodifiableMap(map);
      decoded = result;
    }
    return result;
  }

  /**
   * Whether nothing (decodable) is stored. Also true for {@link #unavailable()}.
   *
   * @return whether the map is empty
   */
  public boolean isEmpty() {
    return entries.isEmpty() || asMap().isEmpty();
  }

  /**
   * Whether the load succeeded. Only {@link #unavailable()} answers false.
   *
   * @return false when this is the "load failed" marker
   */
  public boolean isAvailable() {
    return available;
  }

  /**
   * Whether the backend returned an entry under this name, decodable or not, without decoding it.
   * The assignment logic uses it to skip a delete that has nothing to remove.
   */
  boolean holds(String configName) {
    return entries.containsKey(configName);
  }

  /** Whether the entry under this name has been decoded; for tests that prove laziness. */
  boolean isDecoded(String configName) {
    Object entry = entries.get(configName);
    return !(entry instanceof EncodedEntry) || ((EncodedEntry) entry).isDecoded();
  }

  /** A copy with one entry set (a save made through a request's view), the rest left encoded. */
  UserPersistedValues with(String configName, StickyValues values) {
    Map<String, Object> copy = new LinkedHashMap<>(entries);
    copy.put(configName, values);
    return new UserPersistedValues(Collections.unmodifiableMap(copy), true);
  }

  /** A copy without one entry (a delete made through a request's view). */
  UserPersistedValues without(String configName) {
    if (!entries.containsKey(configName)) {
      return this;
    }
    Map<String, Object> copy = new LinkedHashMap<>(entries);
    copy.remove(configName);
    return copy.isEmpty()
        ? EMPTY
        : new UserPersistedValues(Collections.unmodifiableMap(copy), true);
  }

  private static @Nullable StickyValues valuesOf(Object entry) {
    return entry instanceof EncodedEntry ? ((EncodedEntry) entry).values() : (StickyValues) entry;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof UserPersistedValues
        && ((UserPersistedValues) other).available == available
        && ((UserPersistedValues) other).asMap().equals(asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode() * 31 + Boolean.hashCode(available);
  }

  @Override
  public String toString() {
    return available ? "UserPersistedValues" + asMap() : "UserPersistedValues[unavailable]";
  }
}
