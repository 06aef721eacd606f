package io.github.persistentassignment.storage.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's layout, the one place that knows it: one item per (storage key, config name), with
 * partition key {@code pk} = the storage key, sort key {@code sk} = the config name, {@code v} =
 * the encoded entry and, for an entry that expires, {@code ttl} = when, in epoch seconds (what
 * DynamoDB's TTL reads).
 */
final class Items {
  static final String PARTITION_KEY = "pk";
  static final String SORT_KEY = "sk";
  static final String VALUE = "v";
  static final String TTL = "ttl";

  /**
   * The text core is handed for a stored {@code v} that is not a string (written by something
   * else): it is not JSON, so core counts the entry as corrupt, and {@link #NOT_A_STRING_CONDITION}
   * lets a replace match it. The NUL makes it a text no JSON encoder writes.
   */
  static final String NOT_A_STRING = "\u0000attribute 'v' is not a string";

  /**
   * Matches an item whose {@code v} is missing or not a string; needs {@code #v} and {@code :s}.
   */
  static final String NOT_A_STRING_CONDITION =
      "attribute_not_exists(#v) OR NOT attribute_type(#v, :s)";

  private Items() {}

  static Map<String, AttributeValue> primaryKey(String key, String configName) {
    return Map.of(
        PARTITION_KEY, AttributeValue.fromS(key), SORT_KEY, AttributeValue.fromS(configName));
  }

  static Map<String, AttributeValue> item(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(primaryKey(key, configName));
    item.put(VALUE, AttributeValue.fromS(json));
    if (expiresAt != null) {
      item.put(TTL, number(ttlSeconds(expiresAt)));
    }
    return item;
  }

  /** The stored text of an item, or {@link #NOT_A_STRING}. */
  static String text(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(VALUE);
    return value != null && value.s() != null ? value.s() : NOT_A_STRING;
  }

  /** Whether an item has the {@code v} this adapter writes: a string. */
  static boolean hasText(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(VALUE);
    return value != null && value.s() != null;
  }

  static @Nullable String stringOf(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
  }

  /**
   * When an item expires, from its {@code ttl}; null when it has none, or one that is not a whole
   * number of seconds (not a TTL this adapter wrote, and DynamoDB ignores it too).
   */
  static @Nullable Instant expiresAt(Map<String, AttributeValue> item) {
    AttributeValue ttl = item.get(TTL);
    if (ttl == null || ttl.n() == null) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(ttl.n()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * Whether an item's {@code ttl} has passed by {@code now}: DynamoDB deletes expired items late
   * (typically within days), so every read drops them itself. An entry is live strictly before its
   * {@code ttl}, counted in whole seconds as DynamoDB does.
   */
  static boolean isExpired(Map<String, AttributeValue> item, Instant now) {
    Instant expiresAt = expiresAt(item);
    return expiresAt != null && now.getEpochSecond() >= expiresAt.getEpochSecond();
  }

  /** {@code :now} for a condition on {@code ttl}: the current whole second. */
  static AttributeValue nowSeconds(Instant now) {
    return number(now.getEpochSecond());
  }

  /** An expiry in DynamoDB's whole seconds, rounded up so an entry never expires early. */
  static long ttlSeconds(Instant expiresAt) {
    return expiresAt.getNano() > 0 ? expiresAt.getEpochSecond() + 1 : expiresAt.getEpochSecond();
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
