package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.Items.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.TTL;
import static io.github.persistentassignment.storage.dynamodb.Items.VALUE;

import io.github.persistentassignment.internal.Utf8;

/**
 * DynamoDB's size limits. Core refuses a value over {@code maxValueBytes}; the largest allowed
 * value is what fits in a 400 KB item beside the longest key and config name DynamoDB accepts, so
 * only the key and config name are left to check here, before a request is sent.
 */
final class ItemSize {
  /** DynamoDB's item size limit: 400 KB, counting attribute names and values. */
  static final int MAX_ITEM_BYTES = 400 * 1024;

  static final int MAX_PARTITION_KEY_BYTES = 2048;
  static final int MAX_SORT_KEY_BYTES = 1024;

  /** A number attribute takes at most 21 bytes. */
  private static final int MAX_NUMBER_BYTES = 21;

  /** The largest {@code v}: the item limit less the longest keys and every attribute name. */
  static final int MAX_VALUE_BYTES =
      MAX_ITEM_BYTES
          - PARTITION_KEY.length()
          - MAX_PARTITION_KEY_BYTES
          - SORT_KEY.length()
          - MAX_SORT_KEY_BYTES
          - VALUE.length()
          - TTL.length()
          - MAX_NUMBER_BYTES;

  private ItemSize() {}

  /**
   * Fails before any request when DynamoDB would refuse the key or the config name as a key.
   *
   * @throws DynamoDbProblem naming the limit; nothing was written
   */
  static void checkKeys(String key, String configName) {
    long keyBytes = Utf8.length(key);
    if (keyBytes > MAX_PARTITION_KEY_BYTES) {
      throw new DynamoDbProblem(
          "the key is "
              + keyBytes
              + " bytes in UTF-8; DynamoDB allows at most "
              + MAX_PARTITION_KEY_BYTES
              + " in a partition key. Nothing was written.",
          null);
    }
    long configBytes = Utf8.length(configName);
    if (configBytes > MAX_SORT_KEY_BYTES) {
      throw new DynamoDbProblem(
          "the config name is "
              + configBytes
              + " bytes in UTF-8; DynamoDB allows at most "
              + MAX_SORT_KEY_BYTES
              + " in a sort key. Nothing was written.",
          null);
    }
  }
}
