package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The kit's sustained load run against DynamoDB Local running inside this JVM, reached over HTTP on
 * loopback by the real SDK; only with {@code -Pload}. The run gets a table of its own, deleted
 * afterwards.
 */
@DisplayName("DynamoDbPersistentStorage under sustained load (DynamoDB Local, in-process)")
class DynamoDbPersistentStorageLoadTest extends PersistentStorageLoadTest {
  private DynamoDbTable table;

  @BeforeEach
  void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterEach
  void deleteTable() {
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
  protected String backendName() {
    return "dynamodb-local";
  }
}
