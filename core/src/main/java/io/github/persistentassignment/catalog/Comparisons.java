package io.github.persistentassignment.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Condition} compares values: numbers numerically (a numeric string counts as a number
 * when compared with a number), strings exactly, booleans by equality.
 */
final class Comparisons {
  private Comparisons() {}

  /** Whether two scalar values are equal under the rules above. */
  static boolean equal(@Nullable Object attribute, Object expected) {
    if (attribute instanceof Number || expected instanceof Number) {
      Optional<BigDecimal> left = number(attribute);
      Optional<BigDecimal> right = number(expected);
      return left.isPresent() && right.isPresent() && left.get().compareTo(right.get()) == 0;
    }
    if (attribute instanceof String || attribute instanceof Boolean) {
      return attribute.equals(expected);
    }
    // Lists, maps and nulls equal nothing: targeting compares scalars.
    return false;
  }

  /**
   * Orders two values numerically.
   *
   * @return the sign of {@code attribute - expected}, or empty when either is not a number
   */
  static Optional<Integer> compareNumbers(@Nullable Object attribute, Object expected) {
    Optional<BigDecimal> left = number(attribute);
    Optional<BigDecimal> right = number(expected);
    if (left.isEmpty() || right.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(left.get().compareTo(right.get()));
  }

  /** A number, or a string that spells one, as an exact decimal. */
  static Optional<BigDecimal> number(@Nullable Object value) {
    if (value instanceof BigDecimal) {
      return Optional.of((BigDecimal) value);
    }
    if (value instanceof BigInteger) {
      return Optional.of(new BigDecimal((BigInteger) value));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      // valueOf uses the shortest decimal spelling, so 0.1 equals the string "0.1".
      return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
    }
    if (value instanceof Number) {
      return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof String) {
      try {
        return Optional.of(new BigDecimal((String) value));
      } catch (NumberFormatException notANumber) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
