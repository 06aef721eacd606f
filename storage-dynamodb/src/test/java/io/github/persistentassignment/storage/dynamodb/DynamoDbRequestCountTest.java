package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts the HTTP requests each operation sends, with an SDK {@code ExecutionInterceptor} on a real
 * client talking to DynamoDB Local: the adapter's round trips, as DESIGN section 7 measures them.
 */
@DisplayName("DynamoDbPersistentStorage's round trips")
class DynamoDbRequestCountTest {
  private static final StickyValues FIRST = values("first");
  private static final StickyValues SECOND = values("second");

  private static DynamoDbTable table;
  private static final RequestCounter COUNTER = new RequestCounter();
  private static DynamoDbClient counted;

  private DynamoDbPersistentStorage storage;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
    counted = DynamoDbLocal.client(DynamoDbLocal.endpoint(), COUNTER);
  }

  @AfterAll
  static void deleteTable() {
    counted.close();
    table.close();
  }

  @BeforeEach
  void open() {
    storage = DynamoDbPersistentStorage.builder().client(counted).tableName(table.name()).build();
    COUNTER.reset();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  @DisplayName("load of a key with several entries is one Query")
  void load() {
    storage.save("alice", "a", FIRST);
    storage.save("alice", "b", SECOND);
    COUNTER.reset();
    assertThat(storage.load("alice").asMap()).hasSize(2);
    assertThat(COUNTER.drain()).containsExactly("Query");
  }

  @Test
  @DisplayName("load of an unknown key is one Query")
  void loadUnknown() {
    assertThat(storage.load("nobody").asMap()).isEmpty();
    assertThat(COUNTER.drain()).containsExactly("Query");
  }

  @Test
  @DisplayName("save is one PutItem")
  void save() {
    storage.save("bob", "a", FIRST);
    assertThat(COUNTER.drain()).containsExactly("PutItem");
  }

  @Test
  @DisplayName("delete is one DeleteItem")
  void delete() {
    storage.save("carol", "a", FIRST);
    COUNTER.reset();
    storage.delete("carol", "a");
    assertThat(COUNTER.drain()).containsExactly("DeleteItem");
  }

  @Test
  @DisplayName("saveIfAbsent that writes is one conditional PutItem")
  void saveIfAbsentWins() {
    assertThat(storage.saveIfAbsent("dave", "a", FIRST)).isEmpty();
    assertThat(COUNTER.drain()).containsExactly("PutItem");
  }

  @Test
  // DynamoDB Local returns the stored item with the failed condition (ALL_OLD); were it not to,
  // the adapter would fall back to a GetItem and this would count two requests.
  @DisplayName("saveIfAbsent that loses is one conditional PutItem returning the stored entry")
  void saveIfAbsentLoses() {
    storage.save("erin", "a", FIRST);
    COUNTER.reset();
    assertThat(storage.saveIfAbsent("erin", "a", SECOND)).contains(FIRST);
    assertThat(COUNTER.drain()).containsExactly("PutItem");
  }

  @Test
  @DisplayName("loadAll of 100 keys is one Query per key")
  void loadAll() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      keys.add("bulk-" + i);
    }
    storage.save("bulk-7", "a", FIRST);
    COUNTER.reset();
    Map<String, ?> loaded = storage.loadAll(keys);
    assertThat(loaded).hasSize(100);
    assertThat(COUNTER.drain()).hasSize(100).containsOnly("Query");
  }

  @Test
  @DisplayName("saveIfAbsent over a corrupt entry is two PutItems: the failed one returns it")
  void saveIfAbsentOverCorrupt() {
    counted.putItem(
        put ->
            put.tableName(table.name())
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("frank"),
                        "sk", AttributeValue.fromS("a"),
                        "v", AttributeValue.fromS("{not json"))));
    COUNTER.reset();
    assertThat(storage.saveIfAbsent("frank", "a", FIRST)).isEmpty();
    assertThat(COUNTER.drain()).containsExactly("PutItem", "PutItem");
    assertThat(storage.load("frank").get("a")).contains(FIRST);
  }

  @Test
  @DisplayName("deleteAll of a key with up to 25 entries is one Query and one BatchWriteItem")
  void deleteAll() {
    for (int i = 0; i < 25; i++) {
      storage.save("grace", "c" + i, FIRST);
    }
    COUNTER.reset();
    storage.deleteAll("grace");
    assertThat(COUNTER.drain()).containsExactly("Query", "BatchWriteItem");
    assertThat(storage.load("grace").asMap()).isEmpty();
  }

  @Test
  @DisplayName("deleteAll of a key without entries is one Query")
  void deleteAllOfNothing() {
    storage.deleteAll("nobody-at-all");
    assertThat(COUNTER.drain()).containsExactly("Query");
  }

  @Test
  @DisplayName("purge of 30 entries in a small table is one Scan and two BatchWriteItems")
  void purge() {
    try (DynamoDbTable own = DynamoDbTable.create(DynamoDbLocal.endpoint());
        DynamoDbPersistentStorage purging =
            DynamoDbPersistentStorage.builder().client(counted).tableName(own.name()).build()) {
      for (int i = 0; i < 30; i++) {
        purging.save("user-" + i, "stopped", FIRST);
        purging.save("user-" + i, "running", FIRST);
      }
      COUNTER.reset();
      assertThat(purging.purge("stopped")).isEqualTo(30);
      assertThat(COUNTER.drain()).containsExactly("Scan", "BatchWriteItem", "BatchWriteItem");
    }
  }

  private static StickyValues values(String group) {
    return StickyValues.builder().value(true).groupName(group).ruleId(group).time(1L).build();
  }
}
