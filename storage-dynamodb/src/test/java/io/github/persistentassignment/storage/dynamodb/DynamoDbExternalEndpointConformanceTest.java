package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.conformance.servers.Backend;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole conformance kit against a DynamoDB endpoint outside this JVM: {@code
 * PA_TEST_DYNAMODB_ENDPOINT} when set, else {@code amazon/dynamodb-local} through Testcontainers
 * when Docker runs, else DynamoDB Local already listening on 127.0.0.1:8000.
 *
 * <p>When none is found the class is skipped, even with {@code PA_REQUIRE_BACKENDS=true}: this
 * module's requirement is met by {@link DynamoDbPersistentStorageConformanceTest}, whose server
 * needs nothing installed. So the resolver is asked to {@linkplain
 * io.github.persistentassignment.conformance.servers.BackendResolver#find find} a server, never to
 * fail.
 */
@DisplayName("DynamoDbPersistentStorage keeps the storage contract (external DynamoDB endpoint)")
class DynamoDbExternalEndpointConformanceTest extends DynamoDbConformanceSupport {
  private static DynamoDbTable table;

  @BeforeAll
  static void createTable() {
    Optional<String> endpoint = TestBackends.resolver().find(Backend.DYNAMODB);
    if (endpoint.isPresent()) {
      table = DynamoDbTable.create(endpoint.get());
    }
  }

  /**
   * Skips each test, rather than the class, when no endpoint was found: Surefire counts skipped
   * tests but not a skipped class, and a run that did not happen must show as skipped.
   */
  @BeforeEach
  void requireEndpoint() {
    Assumptions.assumeTrue(
        table != null,
        () ->
            "Skipped: no external DynamoDB endpoint. "
                + Backend.DYNAMODB.howToProvide()
                + " The in-process DynamoDB Local run covers this module meanwhile.");
  }

  @AfterAll
  static void deleteTable() {
    if (table != null) {
      table.close();
    }
  }

  @Override
  protected DynamoDbTable table() {
    return table;
  }
}
