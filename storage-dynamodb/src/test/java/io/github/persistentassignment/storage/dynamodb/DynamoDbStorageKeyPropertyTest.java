package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The kit's storage key property against DynamoDB Local, within DynamoDB's key size limits. */
@Label("DynamoDbPersistentStorage keeps any keys apart (DynamoDB Local)")
class DynamoDbStorageKeyPropertyTest extends StorageKeyProperties {
  private static DynamoDbTable table;

  @BeforeContainer
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterContainer
  static void deleteTable() {
    if (table != null) {
      table.close();
    }
  }

  @Override
  protected PersistentStorage createStorage() {
    return DynamoDbPersistentStorage.builder()
        .client(table.client())
        .tableName(table.name())
        .build();
  }

  @Override
  protected int maxKeyBytes() {
    return 2_048; // a partition key
  }

  @Override
  protected int maxConfigNameBytes() {
    return 1_024; // a sort key
  }
}
