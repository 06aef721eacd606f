package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.MAX_ITEM_BYTES;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.TTL;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.VALUE;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.internal.Utf8;

/** Item and key sizes, checked before a request so an oversize entry fails clearly. */
final class ItemSize {
  private static final int MAX_PARTITION_KEY_BYTES = 2048;
  private static final int MAX_SORT_KEY_BYTES = 1024;

  private ItemSize() {}

  static void check(String operation, String key, String configName, String json, boolean withTtl) {
    int keyBytes = utf8Length(key);
    if (keyBytes > MAX_PARTITION_KEY_BYTES) {
      throw new StorageException(
          operation
              + " failed for key '"
              + key
              + "': the key is "
              + keyBytes
              + " bytes in UTF-8; DynamoDB allows at most "
              + MAX_PARTITION_KEY_BYTES
              + " in a partition key");
    }
    int configBytes = utf8Length(configName);
    if (configBytes > MAX_SORT_KEY_BYTES) {
      throw new StorageException(
          operation
              + " failed for key '"
              + key
              + "': config name '"
              + configName
              + "' is "
              + configBytes
              + " bytes in UTF-8; DynamoDB allows at most "
              + MAX_SORT_KEY_BYTES
              + " in a sort key");
    }
    long size = size(keyBytes, configBytes, utf8Length(json), withTtl);
    if (size > MAX_ITEM_BYTES) {
      throw new StorageException(
          operation
              + " failed for key '"
              + key
              + "': the entry for config '"
              + configName
              + "' would be a "
              + size
              + "-byte item; DynamoDB's item limit is "
              + MAX_ITEM_BYTES
              + " bytes (400 KB). Nothing was written.");
    }
  }

  /**
   * DynamoDB's item size: attribute names plus values, strings in UTF-8 bytes; a number is at most
   * 21 bytes.
   */
  static long size(int keyBytes, int configBytes, int jsonBytes, boolean withTtl) {
    long size =
        PARTITION_KEY.length()
            + (long) keyBytes
            + SORT_KEY.length()
            + configBytes
            + VALUE.length()
            + jsonBytes;
    return withTtl ? size + TTL.length() + 21 : size;
  }

  /** Saturates at {@code Integer.MAX_VALUE}: anything that large is over every limit anyway. */
  static int utf8Length(String text) {
    return (int) Math.min(Integer.MAX_VALUE, Utf8.length(text));
  }
}
