package io.github.persistentassignment.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Deep, immutable copies of JSON-shaped values (maps, lists, strings, numbers, booleans, nulls).
 *
 * <p>A copy is made once: copying a value this class already copied returns it as it is, since it
 * is immutable all the way down. Values pass through several immutable holders on their way
 * (builder, record, stored entry), and each used to copy them again.
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
    try {
      return copyMap(map, 1);
    } catch (NotJson e) {
      throw e.named(what);
    }
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
    try {
      return copyValue(value, 1);
    } catch (NotJson e) {
      throw e.named(what);
    }
  }

  /**
   * Normalizes a number as the codec reads it back.
   *
   * @param number the number
   * @param what where the number is, for error messages
   * @return a Long, BigInteger, Double or BigDecimal
   */
  public static Number normalizeNumber(Number number, String what) {
    try {
      return normalize(number);
    } catch (NotJson e) {
      throw e.named(what);
    }
  }

  // The copies run for every value built or decoded, so the path of a bad value (such as
  // "jsonValue.list[2]") is assembled only on the way out of a failure, never for good values.

  private static Map<String, @Nullable Object> copyMap(
      Map<?, ? extends @Nullable Object> map, int depth) {
    if (map instanceof FrozenObject frozen) {
      requireShallowEnough(depth + frozen.height - 1);
      return frozen;
    }
    requireShallowEnough(depth);
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    int below = 0;
    for (Map.Entry<?, ? extends @Nullable Object> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new NotJson(" has a key that is not a string: " + key);
      }
      try {
        Object value = copyValue(entry.getValue(), depth + 1);
        below = Math.max(below, height(value));
        copy.put((String) key, value);
      } catch (NotJson e) {
        throw e.under("." + key);
      }
    }
    return new FrozenObject(copy, below + 1);
  }

  private static @Nullable Object copyValue(@Nullable Object value, int depth) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return normalize((Number) value);
    }
    if (value instanceof Map) {
      return copyMap((Map<?, ?>) value, depth);
    }
    if (value instanceof FrozenList frozen) {
      requireShallowEnough(depth + frozen.height - 1);
      return frozen;
    }
    if (value instanceof List) {
      requireShallowEnough(depth);
      List<@Nullable Object> copy = new ArrayList<>(((List<?>) value).size());
      int below = 0;
      int index = 0;
      for (Object element : (List<?>) value) {
        try {
          Object copied = copyValue(element, depth + 1);
          below = Math.max(below, height(copied));
          copy.add(copied);
        } catch (NotJson e) {
          throw e.under("[" + index + "]");
        }
        index++;
      }
      return new FrozenList(copy, below + 1);
    }
    throw new NotJson(
        " is a "
            + value.getClass().getName()
            + "; JSON values are maps, lists, strings, numbers, booleans or null");
  }

  /** Levels of objects and arrays in a copied value: 0 for a scalar. */
  private static int height(@Nullable Object copied) {
    if (copied instanceof FrozenObject frozen) {
      return frozen.height;
    }
    if (copied instanceof FrozenList frozen) {
      return frozen.height;
    }
    return 0;
  }

  private static void requireShallowEnough(int depth) {
    if (depth > MAX_NESTING_DEPTH) {
      throw new NotJson(
          " nests objects and arrays more than " + MAX_NESTING_DEPTH + " levels deep");
    }
  }

  private static Number normalize(Number number) {
    if (number instanceof Long) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigInteger) {
      BigInteger big = (BigInteger) number;
      return big.bitLength() < 64 ? (Number) big.longValue() : requireFewEnoughDigits(big);
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NotJson(" is " + d + ", which JSON cannot represent");
      }
      // -0.0 is written as "-0.0" but read back through BigDecimal, which has no negative zero.
      return d == 0.0 ? 0.0 : d;
    }
    if (number instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) number;
      // With scale 0 it is written without a decimal point, so it reads back as an integer.
      return decimal.scale() == 0
          ? normalize(decimal.toBigInteger())
          : requireFewEnoughDigits(normalizeDecimal(decimal));
    }
    throw new NotJson(
        " is a " + number.getClass().getName() + "; use Long, Double, BigInteger or BigDecimal");
  }

  /** The digits are counted as the codec's reader counts them in the written number. */
  private static Number requireFewEnoughDigits(Number number) {
    if (number instanceof Double) {
      return number;
    }
    String text = number.toString();
    long digits = text.chars().filter(c -> c >= '0' && c <= '9').count();
    if (digits > MAX_NUMBER_DIGITS) {
      throw new NotJson(" is a number of " + digits + " digits; at most " + MAX_NUMBER_DIGITS);
    }
    return number;
  }

  /** An object this class copied: unmodifiable, and so are the values in it. */
  private static final class FrozenObject extends AbstractMap<String, @Nullable Object> {
    private final Map<String, @Nullable Object> entries;
    private final int height;

    FrozenObject(Map<String, @Nullable Object> copy, int height) {
      this.entries = Collections.unmodifiableMap(copy);
      this.height = height;
    }

    @Override
    public Set<Map.Entry<String, @Nullable Object>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }

  /** A list this class copied: unmodifiable, and so are the values in it. */
  private static final class FrozenList extends AbstractList<@Nullable Object>
      implements RandomAccess {
    private final List<@Nullable Object> elements;
    private final int height;

    FrozenList(List<@Nullable Object> copy, int height) {
      this.elements = copy;
      this.height = height;
    }

    @Override
    public @Nullable Object get(int index) {
      return elements.get(index);
    }

    @Override
    public int size() {
      return elements.size();
    }
  }

  /**
   * A value that is not JSON-shaped, on its way out of the copy: each enclosing map or list adds
   * its step to the path, and the public entry point turns it into the {@link
   * IllegalArgumentException} callers see. No stack trace: it never leaves this class.
   */
  private static final class NotJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StringBuilder path = new StringBuilder();
    private final String problem;

    NotJson(String problem) {
      super(problem, null, false, false);
      this.problem = problem;
    }

    NotJson under(String step) {
      path.insert(0, step);
      return this;
    }

    IllegalArgumentException named(String what) {
      return new IllegalArgumentException(what + path + problem);
    }
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
}
