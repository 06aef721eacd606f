package io.github.persistentassignment.storage.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole conformance kit against DynamoDB Local running inside this JVM, reached over HTTP on
 * loopback by the real SDK. Needs nothing installed, so it always runs, and it is what satisfies
 * {@code PA_REQUIRE_BACKENDS=true} for this module.
 */
@DisplayName("DynamoDbPersistentStorage keeps the storage contract (DynamoDB Local, in-process)")
class DynamoDbPersistentStorageConformanceTest extends DynamoDbConformanceSupport {
  private static DynamoDbTable table;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    table.close();
  }

  @Override
  protected DynamoDbTable table() {
    return table;
  }
}
