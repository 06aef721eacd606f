package io.github.persistentassignment.storage.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The settings of the client the builder creates when the caller gives none, and that client: the
 * url-connection HTTP client with {@link DeadlineBoundConnections}, and every wait bounded. Unset
 * region, endpoint and credentials fall back to the SDK's provider chains. Mutable, as the builder
 * that holds it; null means "not given", so that a caller's client can refuse what was.
 */
final class OwnClient {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final int DEFAULT_MAX_CONNECTIONS = 50;

  @Nullable Region region;
  @Nullable URI endpoint;
  @Nullable AwsCredentialsProvider credentialsProvider;
  @Nullable Duration connectTimeout;
  @Nullable Duration attemptTimeout;
  @Nullable Integer maxAttempts;
  @Nullable Integer maxConnections;

  /**
   * Fails on the first setting given, since a caller's client has its own.
   *
   * @throws IllegalArgumentException naming the setting
   */
  void refuseAny() {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("region", region != null);
    given.put("endpoint", endpoint != null);
    given.put("credentialsProvider", credentialsProvider != null);
    given.put("connectTimeout", connectTimeout != null);
    given.put("attemptTimeout", attemptTimeout != null);
    given.put("maxAttempts", maxAttempts != null);
    given.put("maxConnections", maxConnections != null);
    given.forEach(
        (setting, isGiven) -> {
          if (isGiven) {
            throw new IllegalArgumentException(
                setting
                    + " configures the client the builder creates, so it cannot go with"
                    + " client(...): set it on your DynamoDbClient instead");
          }
        });
  }

  int maxConnections() {
    return maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
  }

  DynamoDbClient create(Duration operationTimeout) {
    Duration attempt = attemptTimeout != null ? attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
    int attempts = maxAttempts != null ? maxAttempts : DEFAULT_MAX_ATTEMPTS;
    DeadlineBoundConnections connections =
        new DeadlineBoundConnections(
            connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT, attempt);
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            // Holds nothing to release (its close() does nothing): the JDK owns the connections.
            .httpClient(UrlConnectionHttpClient.create(connections))
            .overrideConfiguration(
                o ->
                    o
                        // Each request also gets what is left of its operation's deadline; this
                        // bounds a request sent without one.
                        .apiCallTimeout(operationTimeout)
                        .apiCallAttemptTimeout(attempt)
                        // Keeps DynamoDB's retry mode and backoff (25 ms doubling, full jitter)
                        // but with fewer attempts than its default of 9 (8 retries).
                        .retryStrategy(retries -> retries.maxAttempts(attempts)));
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
