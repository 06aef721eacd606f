package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One stored entry, as an {@link EnumerableStorage} visits it, with the moment it expires when the
 * storage that holds it has a time to live. {@link PersistentStorage#copyIfAbsent} writes it to
 * another storage keeping that moment, so a migration neither extends nor shortens a user's
 * stickiness.
 *
 * @param key the storage key, {@code "<unitID>:<idType>"}
 * @param configName the experiment or layer name
 * @param values the stored values
 * @param expiresAt when the entry stops being returned, or {@code null} if it never expires (or the
 *     backend does not report it)
 * @since 0.1.0
 */
public record StoredEntry(
    String key, String configName, StickyValues values, @Nullable Instant expiresAt) {
  /**
   * Checks the components.
   *
   * @param key the storage key, {@code "<unitID>:<idType>"}
   * @param configName the experiment or layer name
   * @param values the stored values
   * @param expiresAt when the entry stops being returned, or {@code null} if it never expires (or
   *     the backend does not report it)
   * @throws IllegalArgumentException if a component other than the expiry is null or blank
   */
  public StoredEntry {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
  }

  /**
   * An entry that never expires.
   *
   * @param key the storage key
   * @param configName the experiment or layer name
   * @param values the stored values
   * @throws IllegalArgumentException if a component is null or blank
   */
  public StoredEntry(String key, String configName, StickyValues values) {
    this(key, configName, values, null);
  }

  /**
   * The expiry, when there is one.
   *
   * @return when the entry expires, or empty if it never does
   */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }
}
