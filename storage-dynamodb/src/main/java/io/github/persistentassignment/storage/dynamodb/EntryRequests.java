package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.Items.NOT_A_STRING;
import static io.github.persistentassignment.storage.dynamodb.Items.NOT_A_STRING_CONDITION;
import static io.github.persistentassignment.storage.dynamodb.Items.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.TTL;
import static io.github.persistentassignment.storage.dynamodb.Items.VALUE;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The requests for one storage key: a {@code Query} of its partition to read it, a {@code PutItem}
 * (plain, conditional on absence, or conditional on the stored text) or {@code DeleteItem} to write
 * one entry, and a {@code Query} of its keys plus {@code BatchWriteItem}s to remove them all.
 */
final class EntryRequests {
  /** Rounds of a conditional put against an emulator that does not return the stored item. */
  private static final int MAX_PUT_ROUNDS = 5;

  private final Requests requests;
  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final boolean consistentReads;

  EntryRequests(Requests requests, Clock clock, boolean consistentReads) {
    this.requests = requests;
    this.client = requests.client();
    this.table = requests.tableName();
    this.clock = clock;
    this.consistentReads = consistentReads;
  }

  /** A key's live entries: config name → stored text ({@link Items#NOT_A_STRING} for junk). */
  Map<String, String> load(String key, Deadline deadline) {
    Instant now = clock.instant();
    Map<String, String> entries = new LinkedHashMap<>();
    query(
        key,
        "#sk, #v, #ttl",
        Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#v", VALUE, "#ttl", TTL),
        deadline,
        item -> {
          String configName = Items.stringOf(item, SORT_KEY);
          if (configName != null && !Items.isExpired(item, now)) {
            entries.put(configName, Items.text(item));
          }
        });
    return entries;
  }

  void save(
      String key, String configName, String json, @Nullable Instant expiresAt, Deadline deadline) {
    ItemSize.checkKeys(key, configName);
    Map<String, AttributeValue> item = Items.item(key, configName, json, expiresAt);
    requests.send(
        deadline,
        () ->
            client.putItem(
                put -> put.tableName(table).item(item).overrideConfiguration(deadline::limit)));
  }

  /**
   * One {@code PutItem} conditioned on no live item (absent, or present with a {@code ttl} that has
   * passed, which DynamoDB has yet to delete). When the condition fails, DynamoDB returns the
   * stored item with the failure ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so losing
   * costs no extra request.
   *
   * @return empty when it wrote; else the stored text
   */
  Optional<String> putIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt, Deadline deadline) {
    ItemSize.checkKeys(key, configName);
    Map<String, AttributeValue> item = Items.item(key, configName, json, expiresAt);
    for (int round = 0; round < MAX_PUT_ROUNDS; round++) {
      try {
        requests.send(
            deadline,
            () ->
                client.putItem(
                    put ->
                        put.tableName(table)
                            .item(item)
                            .conditionExpression("attribute_not_exists(#pk) OR #ttl <= :now")
                            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#ttl", TTL))
                            .expressionAttributeValues(
                                Map.of(":now", Items.nowSeconds(clock.instant())))
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .overrideConfiguration(deadline::limit)));
        return Optional.empty();
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> stored =
            e.hasItem() && !e.item().isEmpty() ? e.item() : fetch(key, configName, deadline);
        if (!stored.isEmpty()) {
          return Optional.of(Items.text(stored));
        }
        // Only an emulator without ALL_OLD gets here, and the item has gone since: put again.
      }
    }
    throw new DynamoDbProblem("the stored entry kept appearing and disappearing", null);
  }

  /**
   * One {@code PutItem} conditioned on the stored text still being {@code expected} (for the text
   * standing for a {@code v} that is not a string, on {@code v} still not being one).
   */
  boolean replace(
      String key,
      String configName,
      String expected,
      String json,
      @Nullable Instant expiresAt,
      Deadline deadline) {
    ItemSize.checkKeys(key, configName);
    Map<String, AttributeValue> item = Items.item(key, configName, json, expiresAt);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":expected", AttributeValue.fromS(expected));
    String condition = "#v = :expected";
    if (expected.equals(NOT_A_STRING)) {
      condition = NOT_A_STRING_CONDITION + " OR " + condition;
      values.put(":s", AttributeValue.fromS("S"));
    }
    String finalCondition = "attribute_exists(#pk) AND (" + condition + ")";
    try {
      requests.send(
          deadline,
          () ->
              client.putItem(
                  put ->
                      put.tableName(table)
                          .item(item)
                          .conditionExpression(finalCondition)
                          .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#v", VALUE))
                          .expressionAttributeValues(values)
                          .overrideConfiguration(deadline::limit)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  void delete(String key, String configName, Deadline deadline) {
    requests.send(
        deadline,
        () ->
            client.deleteItem(
                delete ->
                    delete
                        .tableName(table)
                        .key(Items.primaryKey(key, configName))
                        .overrideConfiguration(deadline::limit)));
  }

  /**
   * Removes every item of a key: a {@code Query} of its sort keys, then one {@code BatchWriteItem}
   * per 25 of them. Two round trips for up to 25 entries (one when there are none); not atomic: an
   * entry written between the two stays.
   */
  void deleteAll(String key, BatchDeletes batches) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    query(
        key,
        "#sk",
        Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY),
        null,
        item -> {
          AttributeValue configName = item.get(SORT_KEY);
          if (configName != null && configName.s() != null) {
            keys.add(Items.primaryKey(key, configName.s()));
          }
        });
    batches.delete(keys);
  }

  /**
   * A {@code Query} of one partition, page by page (a page holds up to 1 MB). {@code load} shares
   * one deadline across its pages; {@code deleteAll} gives each page a deadline of its own.
   */
  private void query(
      String key,
      String projection,
      Map<String, String> names,
      @Nullable Deadline shared,
      Consumer<Map<String, AttributeValue>> each) {
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("#pk = :pk")
            .projectionExpression(projection)
            .expressionAttributeNames(names)
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key)))
            .consistentRead(consistentReads);
    Map<String, AttributeValue> startKey = null;
    do {
      if (startKey != null) {
        request.exclusiveStartKey(startKey);
      }
      Deadline deadline = shared != null ? shared : requests.deadline();
      QueryResponse page =
          requests.send(
              deadline, () -> client.query(request.overrideConfiguration(deadline::limit).build()));
      page.items().forEach(each);
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (startKey != null);
  }

  /** Reads one live item with a consistent read; empty when absent or expired. */
  private Map<String, AttributeValue> fetch(String key, String configName, Deadline deadline) {
    GetItemResponse response =
        requests.send(
            deadline,
            () ->
                client.getItem(
                    get ->
                        get.tableName(table)
                            .key(Items.primaryKey(key, configName))
                            .consistentRead(true)
                            .overrideConfiguration(deadline::limit)));
    if (!response.hasItem() || Items.isExpired(response.item(), clock.instant())) {
      return Map.of();
    }
    return response.item();
  }
}
