package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The kit's network-fault tests with a client the caller built and owns, set up as the storage's
 * Javadoc asks (connection, socket and attempt timeouts, few attempts), and the storage's operation
 * timeout on top.
 */
@DisplayName("DynamoDbPersistentStorage with a caller's client through a failing network")
class DynamoDbCallerClientNetworkFaultTest extends DynamoDbNetworkFaultTest {
  private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(300);
  private final List<DynamoDbClient> clients = new ArrayList<>();

  @Override
  protected PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
    FaultProxy proxy = proxies.get(0);
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create("http://" + proxy.host() + ":" + proxy.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECTION_TIMEOUT)
                    .socketTimeout(Duration.ofMillis(300)))
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(Duration.ofMillis(300))
                        .retryStrategy(retries -> retries.maxAttempts(3)))
            .build();
    clients.add(client);
    return DynamoDbPersistentStorage.builder()
        .client(client)
        .tableName(table().name())
        .operationTimeout(OPERATION_TIMEOUT)
        .build();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  /**
   * The operation timeout plus the connection timeout: the SDK cannot stop a TCP connect that this
   * client began just before the operation timeout ended.
   */
  @Override
  protected Duration failureTimeout() {
    return OPERATION_TIMEOUT.plus(CONNECTION_TIMEOUT);
  }
}
