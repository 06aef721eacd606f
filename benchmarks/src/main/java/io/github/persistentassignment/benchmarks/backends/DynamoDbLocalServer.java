package io.github.persistentassignment.benchmarks.backends;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * DynamoDB Local in this JVM, in memory, on a free port, without telemetry; stopped when the JVM
 * exits. Its HTTP server listens on every interface of that port; the benchmarks only connect to
 * 127.0.0.1.
 */
final class DynamoDbLocalServer {
  private DynamoDbLocalServer() {}

  /** Starts a server and returns its endpoint. */
  static String start() {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port for DynamoDB Local", e);
    }
    String[] arguments = {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)};
    try {
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(arguments);
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
    return "http://127.0.0.1:" + port;
  }

  private static void stopQuietly(DynamoDBProxyServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      // The JVM is exiting.
    }
  }
}
