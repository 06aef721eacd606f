package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * docs/dynamodb.md's DynamoDB examples, run against DynamoDB Local. The regions between the tags
 * are copied onto docs/dynamodb.md, and storage-memory's {@code DocsSnippetsTest} fails when the
 * two differ.
 */
@DisplayName("docs/dynamodb.md DynamoDB example")
class DynamoDbExample {
  private static final RequestCounter COUNTER = new RequestCounter();
  private static DynamoDbTable table;
  private static DynamoDbClient counted;

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

  static Assignment checkoutButton(
      DynamoDbClient dynamoDb, String tableName, ExperimentCatalog catalog, String userId) {
    // tag::dynamodb[]
    // Once, at start-up. dynamoDb is your application's client; the storage never closes it.
    DynamoDbPersistentStorage storage =
        DynamoDbPersistentStorage.builder()
            .client(dynamoDb)
            .tableName(tableName) // default "persistent_assignments"
            .expireAfter(Duration.ofDays(90)) // optional: forget entries not saved for 90 days
            .build();
    PersistentAssignment assignment =
        PersistentAssignment.builder().storage(storage).evaluator(catalog).build();

    // Per request, as with any storage: one Query to load, one PutItem on the first assignment.
    UserAssignments user = assignment.forUser(User.of(userId));
    Assignment result = user.getExperiment("checkout_button");
    // end::dynamodb[]
    storage.close();
    return result;
  }

  static DynamoDbPersistentStorage ownClient(String endpoint, String tableName) {
    // tag::dynamodb-own-client[]
    // A client of the storage's own, closed by close(); credentials from the SDK's default chain.
    DynamoDbPersistentStorage storage =
        DynamoDbPersistentStorage.builder()
            .region(Region.US_EAST_1)
            .endpoint(URI.create(endpoint)) // optional: DynamoDB Local, a VPC endpoint
            .tableName(tableName)
            .createTableIfMissing(true) // development: the first call checks and creates it
            .operationTimeout(Duration.ofSeconds(2)) // a call, or each request of a bulk call
            .maxConnections(50)
            .build(); // sends nothing: the application starts even while DynamoDB is down
    // end::dynamodb-own-client[]
    return storage;
  }

  @Test
  @DisplayName("builds its own client, and its first call creates the table")
  void ownClientCreatesTheTable() {
    String keyId = System.setProperty("aws.accessKeyId", "test");
    String secret = System.setProperty("aws.secretAccessKey", "test");
    String name = "pa-example-" + UUID.randomUUID();
    try (DynamoDbPersistentStorage storage = ownClient(DynamoDbLocal.endpoint(), name)) {
      StickyValues values = StickyValues.builder().value(true).groupName("Test").build();
      assertThat(storage.saveIfAbsent("test-123:userID", "checkout_button", values)).isEmpty();
      assertThat(storage.load("test-123:userID").get("checkout_button")).contains(values);
    } finally {
      counted.deleteTable(delete -> delete.tableName(name));
      restore("aws.accessKeyId", keyId);
      restore("aws.secretAccessKey", secret);
    }
  }

  private static void restore(String property, @Nullable String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  @DisplayName("stores the first assignment with one Query and one PutItem, then serves it")
  void persists() {
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(
                Experiment.builder("checkout_button")
                    .group("Control", 50, Map.of("color", "blue"))
                    .group("Test", 50, Map.of("color", "green"))
                    .build())
            .build();
    COUNTER.reset();
    Assignment first = checkoutButton(counted, table.name(), catalog, "test-123");
    assertThat(COUNTER.drain()).containsExactly("Query", "PutItem");
    Assignment again = checkoutButton(counted, table.name(), catalog, "test-123");
    assertThat(COUNTER.drain()).containsExactly("Query");

    assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
    assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo(first.groupName());
  }
}
