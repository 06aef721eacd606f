package io.github.persistentassignment.storage.dynamodb;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The client the builder creates when the caller gives none: the url-connection HTTP client with
 * {@link DeadlineBoundConnections}, and every wait bounded. Unset region, endpoint and credentials
 * fall back to the SDK's provider chains.
 */
record OwnClient(
    @Nullable Region region,
    @Nullable URI endpoint,
    @Nullable AwsCredentialsProvider credentialsProvider,
    Duration connectTimeout,
    Duration attemptTimeout,
    int maxAttempts,
    Duration operationTimeout) {

  DynamoDbClient create() {
    DeadlineBoundConnections connections =
        new DeadlineBoundConnections(connectTimeout, attemptTimeout);
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            // Holds nothing to release (its close() does nothing): the JDK owns the connections.
            .httpClient(UrlConnectionHttpClient.create(connections))
            .overrideConfiguration(
                o ->
                    o
                        // Each operation sets its own apiCallTimeout per request (what is left of
                        // its deadline); this one bounds the calls that do not, such as the ones
                        // createTableIfMissing makes.
                        .apiCallTimeout(operationTimeout)
                        .apiCallAttemptTimeout(attemptTimeout)
                        // Keeps DynamoDB's retry mode and backoff (25 ms doubling, full jitter)
                        // but with fewer attempts than its default of 9 (8 retries).
                        .retryStrategy(retries -> retries.maxAttempts(maxAttempts)));
    if (region != null) {
      builder.region(region);
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (credentialsProvider != null) {
      builder.credentialsProvider(credentialsProvider);
    }
    return builder.build();
  }
}
