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
 */
public final class JsonValues {
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
      return copyMap(map);
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
      return copyValue(value);
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

  private static Map<String, @Nullable Object> copyMap(Map<?, ? extends @Nullable Object> map) {
    if (map instanceof FrozenObject frozen) {
      return frozen;
    }
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ? extends @Nullable Object> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new NotJson(" has a key that is not a string: " + key);
      }
      try {
        copy.put((String) key, copyValue(entry.getValue()));
      } catch (NotJson e) {
        throw e.under("." + key);
      }
    }
    return new FrozenObject(copy);
  }

  private static @Nullable Object copyValue(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return normalize((Number) value);
    }
    if (value instanceof Map) {
      return copyMap((Map<?, ?>) value);
    }
    if (value instanceof FrozenList) {
      return value;
    }
    if (value instanceof List) {
      List<@Nullable Object> copy = new ArrayList<>(((List<?>) value).size());
      int index = 0;
      for (Object element : (List<?>) value) {
        try {
          copy.add(copyValue(element));
        } catch (NotJson e) {
          throw e.under("[" + index + "]");
        }
        index++;
      }
      return new FrozenList(copy);
    }
    throw new NotJson(
        " is a "
            + value.getClass().getName()
            + "; JSON values are maps, lists, strings, numbers, booleans or null");
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
      return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NotJson(" is " + d + ", which JSON cannot represent");
      }
      return d;
    }
    if (number instanceof BigDecimal) {
      return normalizeDecimal((BigDecimal) number);
    }
    throw new NotJson(
        " is a " + number.getClass().getName() + "; use Long, Double, BigInteger or BigDecimal");
  }

  /** An object this class copied: unmodifiable, and so are the values in it. */
  private static final class FrozenObject extends AbstractMap<String, @Nullable Object> {
    private final Map<String, @Nullable Object> entries;

    FrozenObject(Map<String, @Nullable Object> copy) {
      this.entries = Collections.unmodifiableMap(copy);
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

    FrozenList(List<@Nullable Object> copy) {
      this.elements = copy;
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
