package io.github.persistentassignment.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by every public boundary, so every message reads the same way. */
public final class Arguments {
  private Arguments() {}

  /**
   * Rejects a null, empty or blank string.
   *
   * @param value the argument
   * @param name the argument's name, used in the message
   * @return the argument
   * @throws IllegalArgumentException naming the argument
   */
  public static String requireNonBlank(@Nullable String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Rejects a null argument with an {@link IllegalArgumentException}, as the storage contract
   * requires for bad input.
   *
   * @param value the argument
   * @param name the argument's name, used in the message
   * @param <T> the argument's type
   * @return the argument
   * @throws IllegalArgumentException naming the argument
   */
  public static <T> T requireNonNullArgument(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Rejects a null element of a collection argument, naming it as {@code name[index]}. The name is
   * built only when the element is null: these checks run for every element of every value the
   * codec decodes, so an eager message would cost more than the check.
   *
   * @param value the element
   * @param name the collection's name
   * @param index the element's index, or its key in a map
   * @param <T> the element's type
   * @return the element
   * @throws IllegalArgumentException naming the element
   */
  public static <T> T requireNonNullElement(@Nullable T value, String name, Object index) {
    if (value == null) {
      throw new IllegalArgumentException(name + "[" + index + "] must not be null");
    }
    return value;
  }

  /**
   * Rejects a null, zero or negative duration, such as a time to live or a timeout.
   *
   * @param duration the argument
   * @param name the argument's name, used in the message
   * @return the argument
   * @throws IllegalArgumentException naming the argument
   */
  public static Duration requirePositive(@Nullable Duration duration, String name) {
    requireNonNullArgument(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /**
   * Rejects a count below one, such as a pool size or an entry limit.
   *
   * @param value the argument
   * @param name the argument's name, used in the message
   * @return the argument
   * @throws IllegalArgumentException naming the argument
   */
  public static int requireAtLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
    return value;
  }
}
