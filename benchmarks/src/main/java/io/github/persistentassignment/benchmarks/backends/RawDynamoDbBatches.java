package io.github.persistentassignment.benchmarks.backends;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The raw DynamoDB side of the bulk operations, written by hand with the same client: {@code
 * BatchWriteItem}s of 25 (the service's limit) for seeding and deleting, a {@code Query} for one
 * user's items, a filtered {@code Scan} for one config's.
 */
final class RawDynamoDbBatches {
  private static final int BATCH = 25;

  private final DynamoDbClient client;
  private final String table;

  RawDynamoDbBatches(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  void seed(List<String> keys, List<String> configs, String json) {
    List<WriteRequest> puts = new ArrayList<>();
    for (String key : keys) {
      for (String config : configs) {
        Map<String, AttributeValue> item =
            Map.of(
                "pk", AttributeValue.fromS(key),
                "sk", AttributeValue.fromS(config),
                "v", AttributeValue.fromS(json));
        puts.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
    }
    write(puts);
  }

  long deleteAll(String key) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("#pk = :pk")
            .projectionExpression("#pk, #sk")
            .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key)))
            .consistentRead(true)
            .build();
    List<WriteRequest> deletes = new ArrayList<>();
    client.queryPaginator(request).items().forEach(item -> deletes.add(delete(item)));
    write(deletes);
    return deletes.size();
  }

  long purge(String configName) {
    ScanRequest request =
        ScanRequest.builder()
            .tableName(table)
            .filterExpression("#sk = :sk")
            .projectionExpression("#pk, #sk")
            .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
            .expressionAttributeValues(Map.of(":sk", AttributeValue.fromS(configName)))
            .build();
    List<WriteRequest> deletes = new ArrayList<>();
    client.scanPaginator(request).items().forEach(item -> deletes.add(delete(item)));
    write(deletes);
    return deletes.size();
  }

  private static WriteRequest delete(Map<String, AttributeValue> item) {
    return WriteRequest.builder()
        .deleteRequest(
            DeleteRequest.builder().key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build())
        .build();
  }

  /** Sends the requests 25 at a time, resending what the service left unprocessed. */
  private void write(List<WriteRequest> requests) {
    for (int from = 0; from < requests.size(); from += BATCH) {
      List<WriteRequest> batch = requests.subList(from, Math.min(from + BATCH, requests.size()));
      Map<String, List<WriteRequest>> pending = Map.of(table, batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> sending = pending;
        BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(sending));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }
}
