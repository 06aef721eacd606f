package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.faults.NetworkFaultConformanceTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The kit's network-fault tests against DynamoDB Local in this JVM, through a fault proxy, with the
 * client the builder creates.
 */
@DisplayName("DynamoDbPersistentStorage on DynamoDB Local through a failing network")
class DynamoDbNetworkFaultTest extends NetworkFaultConformanceTest {
  /** What every call is held to: the storage's operation timeout, the whole of its promise. */
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(1);

  private static DynamoDbTable table;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    table.close();
  }

  /** The test class's own table. */
  static DynamoDbTable table() {
    return table;
  }

  /** A builder for a client of the storage's own, with dummy credentials. */
  static DynamoDbPersistentStorage.Builder ownClient(String endpoint) {
    return DynamoDbPersistentStorage.builder()
        .endpoint(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  @Override
  protected List<InetSocketAddress> serverAddresses() {
    URI server = URI.create(DynamoDbLocal.endpoint());
    return List.of(new InetSocketAddress(server.getHost(), server.getPort()));
  }

  @Override
  protected PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
    FaultProxy proxy = proxies.get(0);
    return ownClient("http://" + proxy.host() + ":" + proxy.port())
        .tableName(table.name())
        .operationTimeout(OPERATION_TIMEOUT)
        .attemptTimeout(Duration.ofMillis(300))
        .connectTimeout(Duration.ofMillis(300))
        .build();
  }

  @Override
  protected PersistentStorage createDirectStorage() {
    return ownClient(DynamoDbLocal.endpoint()).tableName(table.name()).build();
  }

  @Override
  protected Duration failureTimeout() {
    return OPERATION_TIMEOUT;
  }
}
