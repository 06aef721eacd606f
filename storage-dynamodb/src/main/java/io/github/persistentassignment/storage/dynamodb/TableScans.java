package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.Items.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.TTL;
import static io.github.persistentassignment.storage.dynamodb.Items.VALUE;

import io.github.persistentassignment.spi.RawEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The requests that read the whole table, a {@code Scan} page by page (up to 1 MB each), every page
 * under a deadline of its own: listing every entry, and purging one config's entries. A Scan reads
 * every item of the table and consumes read capacity for all of them, filter or not.
 */
final class TableScans {
  private final Requests requests;
  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final boolean consistentReads;

  TableScans(Requests requests, Clock clock, boolean consistentReads) {
    this.requests = requests;
    this.client = requests.client();
    this.table = requests.tableName();
    this.clock = clock;
    this.consistentReads = consistentReads;
  }

  /**
   * Hands every live item to {@code action} as a raw entry, one page in memory at a time and no
   * request in flight while the action runs. An item whose {@code v} is not a string goes to {@code
   * foreign} (key, reason) instead.
   */
  void forEach(Consumer<RawEntry> action, BiConsumer<String, String> foreign) {
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(table)
            .projectionExpression("#pk, #sk, #v, #ttl")
            .expressionAttributeNames(
                Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#v", VALUE, "#ttl", TTL))
            .consistentRead(consistentReads);
    scan(
        request,
        page -> {
          Instant now = clock.instant();
          for (Map<String, AttributeValue> item : page) {
            String key = Items.stringOf(item, PARTITION_KEY);
            String configName = Items.stringOf(item, SORT_KEY);
            if (key == null || configName == null || Items.isExpired(item, now)) {
              continue; // keys are strings by the table's schema; expired items are gone
            }
            if (!Items.hasText(item)) {
              foreign.accept(key, "a DynamoDB item whose attribute 'v' is not a string");
              continue;
            }
            action.accept(new RawEntry(key, configName, Items.text(item), Items.expiresAt(item)));
          }
        });
  }

  /**
   * Deletes every item of one config: a {@code Scan} filtered on {@code sk} that reads only the
   * keys, and for each page one {@code BatchWriteItem} per 25 items it found.
   *
   * @return how many items were deleted
   */
  long purge(String configName, BatchDeletes batches) {
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(table)
            .filterExpression("#sk = :sk")
            .projectionExpression("#pk, #sk")
            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
            .expressionAttributeValues(Map.of(":sk", AttributeValue.fromS(configName)))
            .consistentRead(consistentReads);
    long[] deleted = {0};
    scan(
        request,
        page -> {
          List<Map<String, AttributeValue>> keys = new ArrayList<>();
          for (Map<String, AttributeValue> item : page) {
            String key = Items.stringOf(item, PARTITION_KEY);
            if (key != null) {
              keys.add(Items.primaryKey(key, configName));
            }
          }
          deleted[0] += batches.delete(keys);
        });
    return deleted[0];
  }

  private void scan(ScanRequest.Builder request, Consumer<List<Map<String, AttributeValue>>> each) {
    Map<String, AttributeValue> startKey = null;
    do {
      if (startKey != null) {
        request.exclusiveStartKey(startKey);
      }
      Deadline deadline = requests.deadline();
      ScanResponse page =
          requests.send(
              deadline, () -> client.scan(request.overrideConfiguration(deadline::limit).build()));
      each.accept(page.items());
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (startKey != null);
  }
}
