package io.github.persistentassignment.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep, immutable copies of JSON-shaped values (maps, lists, strings, numbers, booleans, nulls).
 *
 * <p>Numbers are normalized so that a value compares equal to itself after a trip through the JSON
 * codec: every integral number becomes a {@link Long} (or a {@link BigInteger} when it does not
 * fit), every fractional number a {@link Double} (or a {@link BigDecimal} when a double would lose
 * digits).
 *
 * <p>Values the codec could write but not read back are refused here, when they are built: objects
 * and arrays nested more than {@value #MAX_NESTING_DEPTH} levels deep, and numbers written with
 * more than {@value #MAX_NUMBER_DIGITS} digits. The codec reads documents up to exactly these
 * limits, so whatever is accepted round-trips.
 */
public final class JsonValues {
  /**
   * How deep objects and arrays may nest inside a copied value, the value itself being level 1. A
   * stored entry adds one level around its {@code json_value}.
   */
  public static final int MAX_NESTING_DEPTH = 199;

  /** The most digits a number may be written with (sign, point and exponent marker not counted). */
  public static final int MAX_NUMBER_DIGITS = 1000;

  private JsonValues() {}

  /**
   * Returns an immutable deep copy of a JSON object.
   *
   * @param map the object; keys must be non-null strings
   * @param what what the map is, for error messages
   * @return the copy, preserving key order
   * @throws IllegalArgumentException if the map holds a value that is not JSON-shaped
   */
  public static Map<String, @Nullable Object> copyObject(
      Map<String, ? extends @Nullable Object> map, String what) {
    return copyObject(map, what, 1);
  }

  private static Map<String, @Nullable Object> copyObject(
      Map<String, ? extends @Nullable Object> map, String what, int depth) {
    requireShallowEnough(depth, what);
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends @Nullable Object> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new IllegalArgumentException(what + " has a key that is not a string: " + key);
      }
      copy.put((String) key, copy(entry.getValue(), what + "." + key, depth + 1));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Returns an immutable deep copy of any JSON value.
   *
   * @param value the value
   * @param what where the value is, for error messages
   * @return the copy
   * @throws IllegalArgumentException if the value is not JSON-shaped
   */
  public static @Nullable Object copy(@Nullable Object value, String what) {
    return copy(value, what, 1);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object copy(@Nullable Object value, String what, int depth) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return normalizeNumber((Number) value, what);
    }
    if (value instanceof Map) {
      return copyObject((Map<String, ?>) value, what, depth);
    }
    if (value instanceof List) {
      requireShallowEnough(depth, what);
      List<@Nullable Object> copy = new ArrayList<>();
      int index = 0;
      for (Object element : (List<?>) value) {
        copy.add(copy(element, what + "[" + index++ + "]", depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        what
            + " is a "
            + value.getClass().getName()
            + "; JSON values are maps, lists, strings, numbers, booleans or null");
  }

  /**
   * Normalizes a number as the codec reads it back.
   *
   * @param number the number
   * @param what where the number is, for error messages
   * @return a Long, BigInteger, Double or BigDecimal
   */
  public static Number normalizeNumber(Number number, String what) {
    if (number instanceof Long) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigInteger) {
      BigInteger big = (BigInteger) number;
      return big.bitLength() < 64 ? (Number) big.longValue() : requireFewEnoughDigits(big, what);
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(what + " is " + d + ", which JSON cannot represent");
      }
      // -0.0 is written as "-0.0" but read back through BigDecimal, which has no negative zero.
      return d == 0.0 ? 0.0 : d;
    }
    if (number instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) number;
      // With scale 0 it is written without a decimal point, so it reads back as an integer.
      return decimal.scale() == 0
          ? normalizeNumber(decimal.toBigInteger(), what)
          : requireFewEnoughDigits(normalizeDecimal(decimal), what);
    }
    throw new IllegalArgumentException(
        what
            + " is a "
            + number.getClass().getName()
            + "; use Long, Double, BigInteger or BigDecimal");
  }

  /**
   * A decimal as a Double when the double holds exactly the same digits, else as a BigDecimal.
   *
   * @param decimal the decimal
   * @return the normalized number
   */
  public static Number normalizeDecimal(BigDecimal decimal) {
    double d = decimal.doubleValue();
    if (!Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(decimal) == 0) {
      return d;
    }
    return decimal;
  }

  private static void requireShallowEnough(int depth, String what) {
    if (depth > MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          what + " nests objects and arrays more than " + MAX_NESTING_DEPTH + " levels deep");
    }
  }

  /** The digits are counted as the codec's reader counts them in the written number. */
  private static Number requireFewEnoughDigits(Number number, String what) {
    if (number instanceof Double) {
      return number;
    }
    String text = number.toString();
    long digits = text.chars().filter(c -> c >= '0' && c <= '9').count();
    if (digits > MAX_NUMBER_DIGITS) {
      throw new IllegalArgumentException(
          what + " is a number of " + digits + " digits; at most " + MAX_NUMBER_DIGITS);
    }
    return number;
  }
}
