package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

/**
 * One stored entry, as an {@link EnumerableStorage} visits it.
 *
 * @param key the storage key, {@code "<unitID>:<idType>"}
 * @param configName the experiment or layer name
 * @param values the stored values
 * @since 0.1.0
 */
public record StoredEntry(String key, String configName, StickyValues values) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if a component is null or blank
   */
  public StoredEntry {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
  }
}
