package io.github.persistentassignment.storage.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes items by primary key with {@code BatchWriteItem}, 25 to a request (DynamoDB's limit),
 * each batch under a deadline of its own. DynamoDB may leave part of a batch unprocessed (when a
 * partition is throttled); that part is sent again after a backoff (25 ms, doubling), within the
 * same batch's deadline.
 */
final class BatchDeletes {
  /** The most write requests one {@code BatchWriteItem} may carry. */
  static final int BATCH_SIZE = 25;

  private static final long FIRST_BACKOFF_MILLIS = 25;

  private final Requests requests;
  private final DynamoDbClient client;
  private final String table;

  BatchDeletes(Requests requests) {
    this.requests = requests;
    this.client = requests.client();
    this.table = requests.tableName();
  }

  /**
   * Deletes the items with these primary keys.
   *
   * @return how many were sent for deletion (DynamoDB does not say which existed)
   */
  long delete(List<Map<String, AttributeValue>> primaryKeys) {
    for (int from = 0; from < primaryKeys.size(); from += BATCH_SIZE) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> key :
          primaryKeys.subList(from, Math.min(from + BATCH_SIZE, primaryKeys.size()))) {
        batch.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
      }
      send(batch);
    }
    return primaryKeys.size();
  }

  private void send(List<WriteRequest> batch) {
    Deadline deadline = requests.deadline();
    List<WriteRequest> pending = batch;
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      List<WriteRequest> sending = pending;
      BatchWriteItemResponse response =
          requests.send(
              deadline,
              () ->
                  client.batchWriteItem(
                      write ->
                          write
                              .requestItems(Map.of(table, sending))
                              .overrideConfiguration(deadline::limit)));
      pending =
          response.hasUnprocessedItems()
              ? response.unprocessedItems().getOrDefault(table, List.of())
              : List.of();
      if (pending.isEmpty()) {
        return;
      }
      pause(Math.min(backoff, Math.max(1, deadline.remaining().toMillis())));
      backoff *= 2;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DynamoDbProblem("interrupted while resending unprocessed deletes", e);
    }
  }
}
