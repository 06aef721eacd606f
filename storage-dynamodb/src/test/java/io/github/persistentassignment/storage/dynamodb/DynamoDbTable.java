package io.github.persistentassignment.storage.dynamodb;

import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** A table of its own for one test class, created on a DynamoDB endpoint and deleted afterwards. */
final class DynamoDbTable implements AutoCloseable {
  private final DynamoDbClient client;
  private final String name;

  private DynamoDbTable(DynamoDbClient client, String name) {
    this.client = client;
    this.name = name;
  }

  static DynamoDbTable create(String endpoint) {
    DynamoDbClient client = DynamoDbLocal.client(endpoint);
    String name = "pa-test-" + UUID.randomUUID();
    try (DynamoDbPersistentStorage storage =
        DynamoDbPersistentStorage.builder()
            .client(client)
            .tableName(name)
            .createTableIfMissing(true)
            // The first request to DynamoDB Local in a JVM starts its engine: give it time.
            .operationTimeout(Duration.ofSeconds(30))
            .build()) {
      storage.load("first-use:creates-the-table");
    }
    return new DynamoDbTable(client, name);
  }

  DynamoDbClient client() {
    return client;
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    try {
      client.deleteTable(delete -> delete.tableName(name));
    } catch (ResourceNotFoundException e) {
      // already gone
    } finally {
      client.close();
    }
  }
}
