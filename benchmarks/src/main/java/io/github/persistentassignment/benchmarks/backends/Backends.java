package io.github.persistentassignment.benchmarks.backends;

import java.util.List;
import java.util.UUID;

/** Opens a {@link BenchmarkBackend} by name. */
public final class Backends {
  /** Every backend, in the order the report lists them. */
  public static final List<String> NAMES =
      List.of("memory", "redis", "redis-cluster", "postgresql", "mariadb", "sqlite", "dynamodb");

  /** The backends that have a naive whole-map adapter to compare with. */
  public static final List<String> WITH_NAIVE = List.of("redis", "postgresql", "mariadb");

  private Backends() {}

  /**
   * Opens a backend, with a key prefix or table of its own. Servers come from {@link
   * io.github.persistentassignment.conformance.servers.TestBackends} (so a missing one skips a
   * test, or fails it when {@code PA_REQUIRE_BACKENDS=true}) and {@link SharedServers}.
   *
   * @param name one of {@link #NAMES}
   * @return the open backend
   * @throws IllegalArgumentException for an unknown name
   */
  public static BenchmarkBackend open(String name) {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    return switch (name) {
      case "memory" -> new MemoryBackend();
      case "redis" -> RedisBackend.standalone(run);
      case "redis-cluster" -> RedisBackend.cluster(run);
      case "postgresql" -> JdbcBackend.postgresql(run);
      case "mariadb" -> JdbcBackend.mariadb(run);
      case "sqlite" -> JdbcBackend.sqlite(run);
      case "dynamodb" -> DynamoDbBackend.open(run);
      default ->
          throw new IllegalArgumentException(
              "unknown backend '" + name + "'; expected one of " + NAMES);
    };
  }
}
