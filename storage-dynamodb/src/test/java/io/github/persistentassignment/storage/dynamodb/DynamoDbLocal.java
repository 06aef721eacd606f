package io.github.persistentassignment.storage.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, started once per test JVM inside it, in server mode on a free port, in memory,
 * without telemetry. Tests reach it over HTTP on 127.0.0.1 with the real SDK, exactly as they would
 * reach the service. Stopped when the JVM exits.
 *
 * <p>DynamoDB Local 2.x loads SQLite from a native library bundled in its own jar, extracted to
 * {@code java.io.tmpdir} and deleted on exit, so nothing has to be copied or configured for it. Its
 * Jetty server listens on every interface of the chosen port (it has no option to bind to loopback
 * only); the tests only ever connect to 127.0.0.1.
 */
final class DynamoDbLocal {
  private static final String ENDPOINT = start();

  private DynamoDbLocal() {}

  /** The in-process server's endpoint, {@code http://127.0.0.1:<port>}. */
  static String endpoint() {
    return ENDPOINT;
  }

  /** A client for an endpoint, with dummy credentials (DynamoDB Local does not check them). */
  static DynamoDbClient client(String endpoint, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors)))
        .build();
  }

  private static String start() {
    int port = freePort();
    try {
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "stop DynamoDB Local"));
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not start DynamoDB Local in-process on port "
              + port
              + " (it extracts the native SQLite library bundled in its jar to java.io.tmpdir,"
              + " which must be writable)",
          e);
    }
    return "http://127.0.0.1:" + port;
  }

  private static void stop(DynamoDBProxyServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      // the JVM is exiting; nothing left to protect
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback address", e);
    }
  }
}
