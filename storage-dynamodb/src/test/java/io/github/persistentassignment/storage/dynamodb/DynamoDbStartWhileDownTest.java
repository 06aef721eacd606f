package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.DynamoDbNetworkFaultTest.ownClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * An application that starts while DynamoDB is unreachable (a fault proxy in front of DynamoDB
 * Local refusing connections): {@code build()} sends nothing, calls fail (and assignments fail
 * open) naming what is missing, and once connections are allowed the same instance checks or
 * creates its table on the next call and works, at the cost the test counts.
 */
@DisplayName("DynamoDbPersistentStorage started while DynamoDB is unreachable")
class DynamoDbStartWhileDownTest {
  private static final StickyValues VALUES =
      StickyValues.builder().value(true).groupName("Test").ruleId("rule").time(1L).build();

  private static final ExperimentCatalog CATALOG =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  private static DynamoDbTable table;
  private final RequestCounter counter = new RequestCounter();
  private FaultProxy proxy;
  private DynamoDbClient admin;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    table.close();
  }

  @BeforeEach
  void startRefusing() throws Exception {
    proxy = FaultProxy.start("127.0.0.1", URI.create(DynamoDbLocal.endpoint()).getPort());
    proxy.refuseConnections();
    admin = DynamoDbLocal.client(DynamoDbLocal.endpoint());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    admin.close();
  }

  private String throughProxy() {
    return "http://" + proxy.host() + ":" + proxy.port();
  }

  @Test
  @DisplayName(
      "assignments fail open with STORAGE_UNAVAILABLE, then the same instance creates its table")
  void failsOpenThenCreatesItsTable() {
    String name = "pa-down-" + UUID.randomUUID();
    try (DynamoDbPersistentStorage storage =
        ownClient(throughProxy())
            .tableName(name)
            .createTableIfMissing(true)
            .operationTimeout(Duration.ofSeconds(1))
            .connectTimeout(Duration.ofMillis(300))
            .attemptTimeout(Duration.ofMillis(300))
            .build()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(CATALOG).build();

      Assignment down = assignment.forUser(User.of("alice")).getExperiment("checkout_button");
      assertThat(down.reason()).isEqualTo(Assignment.Reason.STORAGE_UNAVAILABLE);
      assertThatThrownBy(() -> storage.save("alice:userID", "exp", VALUES))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "save failed for key 'alice:userID': DynamoDB table "
                  + name
                  + " is not ready (createTableIfMissing): checking or creating it failed:");
      assertThatThrownBy(() -> admin.describeTable(d -> d.tableName(name)))
          .isInstanceOf(ResourceNotFoundException.class);

      proxy.pass();
      Assignment first = assignment.forUser(User.of("alice")).getExperiment("checkout_button");
      assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
      Assignment again = assignment.forUser(User.of("alice")).getExperiment("checkout_button");
      assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo(first.groupName());
      assertThat(
              admin
                  .describeTimeToLive(d -> d.tableName(name))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
    } finally {
      try {
        admin.deleteTable(d -> d.tableName(name));
      } catch (ResourceNotFoundException e) {
        // never created
      }
    }
  }

  @Test
  @DisplayName("the first call once DynamoDB answers: DescribeTable and its own request, then one")
  void firstCallOnAnExistingTable() {
    try (DynamoDbClient client = DynamoDbLocal.client(throughProxy(), counter);
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(client)
                .tableName(table.name())
                .createTableIfMissing(true)
                .operationTimeout(Duration.ofMillis(500))
                .build()) {
      assertThat(counter.drain()).as("requests sent by build()").isEmpty();
      assertThatThrownBy(() -> storage.load("bob:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("DynamoDB table " + table.name() + " is not ready");
      assertThat(counter.drain()).isNotEmpty().containsOnly("DescribeTable");

      proxy.pass();
      assertThat(storage.load("bob:userID").asMap()).isEmpty();
      assertThat(counter.drain()).containsExactly("DescribeTable", "Query");
      assertThat(storage.load("bob:userID").asMap()).isEmpty();
      assertThat(counter.drain()).containsExactly("Query");
    }
  }

  @Test
  @DisplayName("the first call once DynamoDB answers, on a missing table: it creates the table")
  void firstCallOnAMissingTable() {
    String name = "pa-down-" + UUID.randomUUID();
    try (DynamoDbClient client = DynamoDbLocal.client(throughProxy(), counter);
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(client)
                .tableName(name)
                .createTableIfMissing(true)
                .operationTimeout(Duration.ofMillis(500))
                .build()) {
      assertThatThrownBy(() -> storage.saveIfAbsent("carol:userID", "exp", VALUES))
          .isInstanceOf(StorageException.class);
      counter.reset();

      proxy.pass();
      assertThat(storage.saveIfAbsent("carol:userID", "exp", VALUES)).isEmpty();
      assertThat(counter.drain())
          .containsExactly("DescribeTable", "CreateTable", "UpdateTimeToLive", "PutItem");
    } finally {
      admin.deleteTable(d -> d.tableName(name));
    }
  }

  @Test
  @DisplayName("without createTableIfMissing nothing is checked: the first call is its own request")
  void firstCallWithoutTableCheck() {
    try (DynamoDbClient client = DynamoDbLocal.client(throughProxy(), counter);
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(client)
                .tableName(table.name())
                .operationTimeout(Duration.ofMillis(500))
                .build()) {
      assertThatThrownBy(() -> storage.load("dave:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("load failed for key 'dave:userID'");
      counter.reset();

      proxy.pass();
      assertThat(storage.load("dave:userID").asMap()).isEmpty();
      assertThat(counter.drain()).containsExactly("Query");
    }
  }
}
