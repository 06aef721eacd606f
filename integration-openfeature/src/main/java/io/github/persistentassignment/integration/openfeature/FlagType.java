package io.github.persistentassignment.integration.openfeature;

import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The value types OpenFeature resolves, and how each travels through {@code json_value}: as the
 * JSON value itself, so a store read by another language holds plain JSON.
 *
 * <p>{@link #toJsonValue} refuses (empty) what JSON cannot give back as it went in: NaN and
 * infinities, an {@link java.time.Instant} inside an object value, numbers of other classes than
 * {@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double} and {@code Float}.
 * Such a resolution is served live and not stored. {@link #fromJsonValue} answers empty for stored
 * JSON that does not fit the type asked for (a flag whose type changed).
 */
enum FlagType {
  BOOLEAN,
  STRING,
  INTEGER,
  LONG,
  DOUBLE,
  OBJECT;

  /** The key of the resolved value inside {@code json_value}. */
  static final String VALUE_KEY = "value";

  /** What {@link #json} answers for a value JSON cannot give back as it went in. */
  private static final Object NOT_JSON = new Object();

  /**
   * The {@code json_value} for a resolved value, {@code {"value": <the value>}}, or empty when JSON
   * cannot hold the value faithfully.
   */
  Optional<Map<String, @Nullable Object>> toJsonValue(@Nullable Object value) {
    if (value == null) {
      // A provider that resolved no value at all; an object flag's JSON null is Value().
      return Optional.empty();
    }
    Object json;
    switch (this) {
      case BOOLEAN:
      case STRING:
        json = value;
        break;
      case INTEGER:
      case LONG:
        json = ((Number) value).longValue();
        break;
      case DOUBLE:
        json = finite(((Number) value).doubleValue());
        break;
      default:
        json = json((Value) value);
    }
    if (json == NOT_JSON) {
      return Optional.empty();
    }
    Map<String, @Nullable Object> jsonValue = new LinkedHashMap<>();
    jsonValue.put(VALUE_KEY, json);
    return Optional.of(jsonValue);
  }

  /** The value stored in a {@code json_value} as this type, or empty when it does not fit. */
  Optional<Object> fromJsonValue(@Nullable Map<String, @Nullable Object> jsonValue) {
    if (jsonValue == null || !jsonValue.containsKey(VALUE_KEY)) {
      return Optional.empty();
    }
    Object json = jsonValue.get(VALUE_KEY);
    switch (this) {
      case BOOLEAN:
        return json instanceof Boolean ? Optional.of(json) : Optional.empty();
      case STRING:
        return json instanceof String ? Optional.of(json) : Optional.empty();
      case INTEGER:
        return json instanceof Long && (Long) json == ((Long) json).intValue()
            ? Optional.of(((Long) json).intValue())
            : Optional.empty();
      case LONG:
        return json instanceof Long ? Optional.of(json) : Optional.empty();
      case DOUBLE:
        // Another writer may store 2.0 as 2.
        return json instanceof Double || json instanceof Long
            ? Optional.of(((Number) json).doubleValue())
            : Optional.empty();
      default:
        return Optional.ofNullable(jsonToValue(json));
    }
  }

  private static Object finite(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? NOT_JSON : value;
  }

  /** The JSON form of an OpenFeature value (null for its null), or {@link #NOT_JSON}. */
  private static @Nullable Object json(Value value) {
    Object inner = value.asObject();
    if (inner == null || inner instanceof Boolean || inner instanceof String) {
      return inner;
    }
    if (inner instanceof Integer
        || inner instanceof Long
        || inner instanceof Short
        || inner instanceof Byte) {
      return ((Number) inner).longValue();
    }
    if (inner instanceof Double || inner instanceof Float) {
      return finite(((Number) inner).doubleValue());
    }
    if (value.isStructure()) {
      Map<String, @Nullable Object> object = new LinkedHashMap<>();
      for (Map.Entry<String, Value> field : value.asStructure().asMap().entrySet()) {
        Object json = json(field.getValue());
        if (json == NOT_JSON) {
          return NOT_JSON;
        }
        object.put(field.getKey(), json);
      }
      return object;
    }
    if (value.isList()) {
      List<@Nullable Object> array = new ArrayList<>();
      for (Value element : value.asList()) {
        Object json = json(element);
        if (json == NOT_JSON) {
          return NOT_JSON;
        }
        array.add(json);
      }
      return array;
    }
    // An Instant (JSON has no time type) or a number class JSON cannot give back.
    return NOT_JSON;
  }

  /**
   * A value for stored JSON: integers that fit an {@code int} become {@code Integer} (as most
   * providers build them), larger ones {@code Long}, fractions {@code Double}, objects {@link
   * ImmutableStructure}.
   */
  private static @Nullable Value jsonToValue(@Nullable Object json) {
    if (json == null) {
      return new Value();
    }
    if (json instanceof Boolean) {
      return new Value((Boolean) json);
    }
    if (json instanceof String) {
      return new Value((String) json);
    }
    if (json instanceof Long) {
      long number = (Long) json;
      return number == (int) number ? new Value((int) number) : new Value(number);
    }
    if (json instanceof Double) {
      return new Value((Double) json);
    }
    if (json instanceof Map) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Map.Entry<?, ?> field : ((Map<?, ?>) json).entrySet()) {
        Value converted = jsonToValue(field.getValue());
        if (converted == null) {
          return null;
        }
        fields.put((String) field.getKey(), converted);
      }
      return new Value((Structure) new ImmutableStructure(fields));
    }
    if (json instanceof List) {
      List<Value> elements = new ArrayList<>();
      for (Object element : (List<?>) json) {
        Value converted = jsonToValue(element);
        if (converted == null) {
          return null;
        }
        elements.add(converted);
      }
      return new Value(elements);
    }
    // BigInteger or BigDecimal written by another client: no OpenFeature value holds it as is.
    return null;
  }
}
