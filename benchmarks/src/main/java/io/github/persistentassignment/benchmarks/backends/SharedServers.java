package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.conformance.servers.Backend;
import io.github.persistentassignment.conformance.servers.LocalRedisServers;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The servers that cannot simply be found on a default port — a Redis Cluster and DynamoDB Local —
 * started at most once per JVM and shared by every benchmark in it.
 *
 * <p>The harness starts them in its own JVM and hands their addresses to each forked benchmark JVM
 * as system properties ({@link #forkArguments()}), so the servers run outside the JVM being
 * measured and start once per run rather than once per fork. Without those properties (the smoke
 * test, which runs benchmarks in-process) they come from {@code PA_TEST_REDIS_CLUSTER} / {@code
 * PA_TEST_DYNAMODB_ENDPOINT}, or are started here.
 */
public final class SharedServers {
  static final String CLUSTER_PROPERTY = "pa.bench.redisCluster";
  static final String DYNAMODB_PROPERTY = "pa.bench.dynamoDbEndpoint";

  private static @Nullable LocalRedisServers cluster;
  private static @Nullable String dynamoDbEndpoint;

  private SharedServers() {}

  /**
   * The Redis Cluster's nodes: given to this JVM, named by {@code PA_TEST_REDIS_CLUSTER}, or three
   * masters started now (stopped when the JVM exits).
   *
   * @return the nodes as {@code host:port}
   */
  public static synchronized List<String> redisCluster() {
    String given = System.getProperty(CLUSTER_PROPERTY);
    if (given != null) {
      return List.of(given.split(","));
    }
    String configured = System.getenv(Backend.REDIS_CLUSTER.environmentVariable());
    if (configured != null && !configured.isBlank()) {
      return TestBackends.redisClusterNodes();
    }
    if (cluster == null) {
      cluster = LocalRedisServers.cluster();
    }
    return cluster.nodes();
  }

  /**
   * DynamoDB Local's endpoint: given to this JVM, named by {@code PA_TEST_DYNAMODB_ENDPOINT}, or an
   * in-process server started now.
   *
   * @return the endpoint, such as {@code http://127.0.0.1:41234}
   */
  public static synchronized String dynamoDbEndpoint() {
    String given = System.getProperty(DYNAMODB_PROPERTY);
    if (given != null) {
      return given;
    }
    String configured = System.getenv(Backend.DYNAMODB.environmentVariable());
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (dynamoDbEndpoint == null) {
      dynamoDbEndpoint = DynamoDbLocalServer.start();
    }
    return dynamoDbEndpoint;
  }

  /**
   * Starts (or finds) the servers the given backends need and returns the JVM arguments that hand
   * them to a forked JVM.
   *
   * @param backends the backends the forked JVMs will open
   * @return {@code -D} arguments
   */
  public static List<String> forkArguments(List<String> backends) {
    List<String> arguments = new ArrayList<>();
    if (backends.contains("redis-cluster")) {
      arguments.add("-D" + CLUSTER_PROPERTY + "=" + String.join(",", redisCluster()));
    }
    if (backends.contains("dynamodb")) {
      arguments.add("-D" + DYNAMODB_PROPERTY + "=" + dynamoDbEndpoint());
    }
    return arguments;
  }
}
