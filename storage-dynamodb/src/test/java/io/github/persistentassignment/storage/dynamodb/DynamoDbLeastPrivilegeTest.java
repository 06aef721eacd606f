package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The IAM policy docs/dynamodb.md shows, against the requests the adapter really sends: DynamoDB
 * Local does not check IAM, so each statement's actions are compared with the operations a
 * recording client sees while the adapter does everything that statement covers.
 */
@DisplayName("docs/dynamodb.md's least-privilege DynamoDB IAM policy")
class DynamoDbLeastPrivilegeTest {
  static final String POLICY = "dynamodb-iam-policy.json";
  static final StickyValues VALUES = StickyValues.builder().value(true).groupName("Test").build();

  private final RequestCounter requests = new RequestCounter();

  @Test
  @DisplayName(
      "grants exactly the actions load, save, delete, saveIfAbsent, loadAll and deleteAll send")
  void readWrite() {
    MutableClock clock = new MutableClock();
    String key = "iam-" + UUID.randomUUID() + ":userID";
    try (DynamoDbTable table = DynamoDbTable.create(DynamoDbLocal.endpoint());
        DynamoDbClient recorded = DynamoDbLocal.client(DynamoDbLocal.endpoint(), requests)) {
      DynamoDbPersistentStorage.Builder builder =
          DynamoDbPersistentStorage.builder().client(recorded).tableName(table.name()).clock(clock);
      try (DynamoDbPersistentStorage storage = builder.build();
          DynamoDbPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
        storage.save(key, "saved", VALUES);
        storage.saveIfAbsent(key, "first", VALUES);
        storage.saveIfAbsent(key, "first", VALUES);
        expiring.save(key, "expiring", VALUES);
        clock.advance(Duration.ofHours(2));
        expiring.saveIfAbsent(key, "expiring", VALUES);
        writeCorrupt(table, key, "corrupt");
        storage.saveIfAbsent(key, "corrupt", VALUES); // replaces the unreadable entry
        storage.load(key);
        storage.loadAll(List.of(key, "other:userID"));
        List.of("saved", "first").forEach(c -> storage.delete(key, c));
        storage.deleteAll(key);
      }
    }
    assertThat(sent()).isEqualTo(actionsOf("PersistentAssignmentReadWrite"));
  }

  @Test
  @DisplayName("grants exactly what listing every entry sends, in a statement of its own")
  void listing() {
    try (DynamoDbTable table = DynamoDbTable.create(DynamoDbLocal.endpoint());
        DynamoDbClient recorded = DynamoDbLocal.client(DynamoDbLocal.endpoint(), requests);
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder().client(recorded).tableName(table.name()).build()) {
      storage.forEachEntry(entry -> {});
    }
    assertThat(sent()).isEqualTo(actionsOf("PersistentAssignmentListEveryEntry"));
  }

  @Test
  @DisplayName("purge needs the listing statement's Scan and the application's BatchWriteItem")
  void purging() {
    try (DynamoDbTable table = DynamoDbTable.create(DynamoDbLocal.endpoint());
        DynamoDbClient recorded = DynamoDbLocal.client(DynamoDbLocal.endpoint(), requests);
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder().client(recorded).tableName(table.name()).build()) {
      storage.save("iam:userID", "stopped", VALUES);
      requests.reset();
      storage.purge("stopped");
    }
    Set<String> granted = new TreeSet<>(actionsOf("PersistentAssignmentListEveryEntry"));
    granted.add("dynamodb:BatchWriteItem");
    assertThat(actionsOf("PersistentAssignmentReadWrite")).contains("dynamodb:BatchWriteItem");
    assertThat(sent()).isEqualTo(granted);
  }

  @Test
  @DisplayName(
      "grants exactly what createTableIfMissing(true) sends, for a new and an existing table")
  void creating() {
    String name = "pa-iam-" + UUID.randomUUID();
    try (DynamoDbClient recorded = DynamoDbLocal.client(DynamoDbLocal.endpoint(), requests)) {
      DynamoDbPersistentStorage.Builder builder =
          DynamoDbPersistentStorage.builder()
              .client(recorded)
              .tableName(name)
              .createTableIfMissing(true);
      try (DynamoDbPersistentStorage creating = builder.build();
          DynamoDbPersistentStorage checking = builder.build()) {
        creating.load("iam:userID");
        checking.load("iam:userID");
      }
      Set<String> expected = new TreeSet<>(actionsOf("PersistentAssignmentCreateTable"));
      expected.add("dynamodb:Query"); // the loads themselves
      assertThat(sent()).isEqualTo(expected);
      recorded.deleteTable(delete -> delete.tableName(name));
    }
  }

  private static void writeCorrupt(DynamoDbTable table, String key, String configName) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(key));
    item.put("sk", AttributeValue.fromS(configName));
    item.put("v", AttributeValue.fromS("{not json"));
    table.client().putItem(put -> put.tableName(table.name()).item(item));
  }

  private Set<String> sent() {
    Set<String> actions = new TreeSet<>();
    requests.drain().forEach(operation -> actions.add("dynamodb:" + operation));
    return actions;
  }

  /** The actions of the policy statement with this Sid. */
  private static Set<String> actionsOf(String sid) {
    Matcher statement =
        Pattern.compile("\"Sid\": \"" + Pattern.quote(sid) + "\",[^}]*?\"Action\": \\[([^\\]]*)\\]")
            .matcher(policy());
    assertThat(statement.find()).as("statement %s in %s", sid, POLICY).isTrue();
    Set<String> actions = new TreeSet<>();
    Matcher action = Pattern.compile("\"(dynamodb:[A-Za-z]+)\"").matcher(statement.group(1));
    while (action.find()) {
      actions.add(action.group(1));
    }
    return actions;
  }

  /** The policy as docs/dynamodb.md shows it (storage-memory's DocsSnippetsTest checks that). */
  private static String policy() {
    try {
      return Files.readString(Path.of("src/test/resources/least-privilege", POLICY));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
