package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requireNonNullElement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's stored assignments: config name → {@link StickyValues}. Immutable.
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
 */
public final class UserPersistedValues {
  private static final UserPersistedValues EMPTY = new UserPersistedValues(Map.of(), true);
  private static final UserPersistedValues UNAVAILABLE = new UserPersistedValues(Map.of(), false);

  private final Map<String, StickyValues> values;
  private final boolean available;

  private UserPersistedValues(Map<String, StickyValues> values, boolean available) {
    this.values = values;
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
    Map<String, StickyValues> copy = new LinkedHashMap<>();
    values.forEach(
        (name, sticky) ->
            copy.put(
                requireNonBlank(name, "configName"),
                requireNonNullElement(sticky, "values", name)));
    return new UserPersistedValues(Collections.unmodifiableMap(copy), true);
  }

  /**
   * The stored assignment for one config.
   *
   * @param configName the experiment or layer name
   * @return the stored values, or empty when none is stored
   */
  public Optional<StickyValues> get(String configName) {
    return Optional.ofNullable(values.get(configName));
  }

  /**
   * All stored assignments.
   *
   * @return an unmodifiable map of config name → values
   */
  public Map<String, StickyValues> asMap() {
    return values;
  }

  /**
   * Whether nothing is stored. Also true for {@link #unavailable()}.
   *
   * @return whether the map is empty
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Whether the load succeeded. Only {@link #unavailable()} answers false.
   *
   * @return false when this is the "load failed" marker
   */
  public boolean isAvailable() {
    return available;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserPersistedValues
        && ((UserPersistedValues) other).available == available
        && ((UserPersistedValues) other).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode() * 31 + Boolean.hashCode(available);
  }

  @Override
  public String toString() {
    return available ? "UserPersistedValues" + values : "UserPersistedValues[unavailable]";
  }
}
