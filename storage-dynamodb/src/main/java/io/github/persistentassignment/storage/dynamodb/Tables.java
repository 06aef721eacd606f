package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.TTL;

import io.github.persistentassignment.StorageException;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The table: its name rule, its creation for development, and the message when it is missing. */
final class Tables {
  /** DynamoDB's rule for table names. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private Tables() {}

  static String requireValidName(String tableName) {
    requireNonNullArgument(tableName, "tableName");
    if (!VALID_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "tableName must be 3 to 255 characters from a-z, A-Z, 0-9, '_', '-' and '.', was '"
              + tableName
              + "'");
    }
    return tableName;
  }

  /** Creates the table (on-demand, TTL on {@code ttl}) unless it exists; waits until active. */
  static boolean createIfMissing(DynamoDbClient client, String tableName) {
    try {
      if (exists(client, tableName)) {
        return false;
      }
      boolean created;
      try {
        client.createTable(
            create ->
                create
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        a -> a.attributeName(PARTITION_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(SORT_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(
                        k -> k.attributeName(PARTITION_KEY).keyType(KeyType.HASH),
                        k -> k.attributeName(SORT_KEY).keyType(KeyType.RANGE)));
        created = true;
      } catch (ResourceInUseException e) {
        created = false; // another process created it first
      }
      client.waiter().waitUntilTableExists(describe -> describe.tableName(tableName));
      if (created) {
        client.updateTimeToLive(
            ttl ->
                ttl.tableName(tableName)
                    .timeToLiveSpecification(spec -> spec.attributeName(TTL).enabled(true)));
      }
      return created;
    } catch (SdkException e) {
      throw new StorageException(
          "createTableIfMissing failed for table '" + tableName + "': " + e.getMessage(), e);
    }
  }

  private static boolean exists(DynamoDbClient client, String tableName) {
    try {
      client.describeTable(describe -> describe.tableName(tableName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  static StorageException missing(
      String operation, String key, String tableName, SdkException cause) {
    return new StorageException(
        operation
            + " failed for key '"
            + key
            + "': DynamoDB table '"
            + tableName
            + "' does not exist in this account and region. Create it with partition key 'pk'"
            + " (S), sort key 'sk' (S) and TTL on 'ttl' (see the README's DynamoDB section for the"
            + " AWS CLI command and a CloudFormation snippet), or call createTableIfMissing() in"
            + " development. DynamoDB said: "
            + cause.getMessage(),
        cause);
  }
}
