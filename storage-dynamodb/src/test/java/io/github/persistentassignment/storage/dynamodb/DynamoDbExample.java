package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The README's DynamoDB example, run against DynamoDB Local. The region between the tags is copied
 * into README.md, and {@code DynamoDbReadmeSnippetsTest} fails when the two differ.
 */
@DisplayName("The README DynamoDB example")
class DynamoDbExample {
  private static DynamoDbTable table;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    table.close();
  }

  static Assignment checkoutButton(
      DynamoDbClient dynamoDb, String tableName, ExperimentCatalog catalog, User user) {
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
    UserPersistedValues stored = assignment.getUserPersistedValues(user, "userID");
    Assignment result =
        assignment.getExperiment(user, "checkout_button", ExperimentOptions.persisted(stored));
    // end::dynamodb[]
    storage.close();
    return result;
  }

  @Test
  @DisplayName("stores the first assignment in DynamoDB and serves it again")
  void persists() {
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(
                Experiment.builder("checkout_button")
                    .group("Control", 50, Map.of("color", "blue"))
                    .group("Test", 50, Map.of("color", "green"))
                    .build())
            .build();
    User user = User.of("test-123");
    Assignment first = checkoutButton(table.client(), table.name(), catalog, user);
    Assignment again = checkoutButton(table.client(), table.name(), catalog, user);
    assertThat(first.reason().toString()).isEqualTo("EVALUATED");
    assertThat(again.reason().toString()).isEqualTo("PERSISTED");
    assertThat(again.groupName()).isEqualTo(first.groupName());
  }
}
