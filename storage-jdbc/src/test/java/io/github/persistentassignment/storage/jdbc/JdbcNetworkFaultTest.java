package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.User;
import io.github.persistentassignment.conformance.ScriptedEvaluator;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.faults.NetworkFaultConformanceTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The kit's network-fault tests over one real database, reached through a pool that the storage
 * builds from a JDBC URL pointing at the fault proxy, plus what is particular to a pool: every
 * operation (not only the kit's loads) gives up within the timeout, and a pooled connection that
 * the network dropped while it idled costs no call a failure.
 */
abstract class JdbcNetworkFaultTest extends NetworkFaultConformanceTest {
  static final Duration POOL_TIMEOUT = Duration.ofMillis(500);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);

  /** The database of the running test class, with its table. */
  abstract TestDatabase database();

  /** The server's JDBC URL, as {@code TestBackends} resolves it. */
  abstract String serverUrl();

  @Override
  protected List<InetSocketAddress> serverAddresses() {
    return List.of(JdbcUrls.server(serverUrl()));
  }

  /**
   * Built, then used once (which may fail: the kit also builds it while the server is down), so
   * that its pool, which opens connections only once a call needs one, has one before the kit slows
   * the network: the kit's slow-network test measures calls of a running application.
   */
  @Override
  protected PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
    JdbcPersistentStorage storage = builderThrough(proxies.get(0)).build();
    try {
      storage.load("warm-up:userID");
    } catch (StorageException down) {
      // the server is not reachable yet: the storage must cope with that by itself
    }
    return storage;
  }

  /** A storage whose own pool reaches the database through the proxy, with the tests' timeouts. */
  JdbcPersistentStorage.Builder builderThrough(FaultProxy proxy) {
    return JdbcPersistentStorage.builder(JdbcUrls.through(serverUrl(), proxy))
        .tableName(database().tableName())
        .poolTimeout(POOL_TIMEOUT)
        .connectTimeout(CONNECT_TIMEOUT)
        .operationTimeout(OPERATION_TIMEOUT);
  }

  @Override
  protected PersistentStorage createDirectStorage() {
    // The test class's own pool, straight to the server: nothing the storage under test holds.
    return JdbcPersistentStorage.builder(database().dataSource())
        .tableName(database().tableName())
        .build();
  }

  /**
   * The documented bound of one call: its operation timeout, the pool's wait, the table check and
   * any repeat included. HikariCP may overrun its wait by a validation of an idle connection.
   */
  @Override
  protected Duration failureTimeout() {
    return OPERATION_TIMEOUT.plus(Duration.ofMillis(250));
  }

  @Test
  @DisplayName(
      "while the path holds every byte, every operation fails with a StorageException naming it,"
          + " within the timeout")
  void everyOperationGivesUpInTime() throws Exception {
    String key = "hole-" + UUID.randomUUID() + ":userID";
    StickyValues values = sample("A");
    Map<String, ThrowingConsumer<JdbcPersistentStorage>> operations = new LinkedHashMap<>();
    operations.put("load", storage -> storage.load(key));
    operations.put("loadAll", storage -> storage.loadAll(List.of(key, key + "-other")));
    operations.put("save", storage -> storage.save(key, "exp", sample("B")));
    operations.put("saveIfAbsent", storage -> storage.saveIfAbsent(key, "new", values));
    operations.put("delete", storage -> storage.delete(key, "exp"));
    try (FaultProxy proxy = startProxy();
        JdbcPersistentStorage storage = builderThrough(proxy).build()) {
      storage.save(key, "exp", values);
      proxy.blackHole();
      for (var operation : operations.entrySet()) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> operation.getValue().accept(storage))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith(operation.getKey() + " failed for key '" + key + "'");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
            "[fault] %s: %s while black-holed gave up after %d ms%n",
            getClass().getSimpleName(), operation.getKey(), waited.toMillis());
        assertThat(waited)
            .as("%s while black-holed", operation.getKey())
            .isLessThanOrEqualTo(failureTimeout().plus(timeoutMargin()));
      }
      proxy.pass();
      // The held requests reach the database now, so what is stored is not the point: that the
      // same storage answers again is.
      storage.load(key);
    }
  }

  @Test
  @DisplayName("pooled connections reset just after use cost the next calls no failure")
  void droppedPooledConnectionsAreReplacedWithoutFailures() throws Exception {
    String key = "reset-" + UUID.randomUUID() + ":userID";
    StickyValues values = sample("A");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (FaultProxy proxy = startProxy();
        JdbcPersistentStorage storage =
            builderThrough(proxy)
                .maxConnections(4)
                .operationTimeout(Duration.ofSeconds(6))
                .poolTimeout(Duration.ofSeconds(5)) // new connections, made one by one
                .build();
        PersistentStorage direct = createDirectStorage()) {
      direct.save(key, "exp", values);
      // Four threads at once use all four connections, so that each was used in the last half
      // second: HikariCP then hands them out without validating them.
      List<Future<?>> warmUp = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        warmUp.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    assertThat(storage.load(key).get("exp")).contains(values);
                  }
                }));
      }
      for (Future<?> done : warmUp) {
        done.get(30, TimeUnit.SECONDS);
      }
      long acceptedBefore = proxy.acceptedConnections();
      proxy.cutConnections();
      for (int i = 0; i < 20; i++) {
        assertThat(storage.load(key).get("exp")).as("load %d after the reset", i).contains(values);
      }
      assertThat(proxy.acceptedConnections())
          .as("connections opened after the reset")
          .isGreaterThan(acceptedBefore);
      direct.delete(key, "exp");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "a saveIfAbsent whose answer was lost runs again and reports the entry it wrote as its own")
  void repeatedSaveIfAbsentKnowsItWon() throws Exception {
    String key = "lost-answer-" + UUID.randomUUID() + ":userID";
    StickyValues mine = sample("mine");
    // One connection, so that no other connection's traffic can take the armed cut.
    try (FaultProxy proxy = startProxy();
        JdbcPersistentStorage storage =
            builderThrough(proxy)
                .maxConnections(1)
                .operationTimeout(Duration.ofSeconds(6))
                .poolTimeout(Duration.ofSeconds(5)) // time to open its replacement
                .build();
        PersistentStorage direct = createDirectStorage()) {
      assertThat(storage.load(key).asMap()).isEmpty();
      long acceptedBefore = proxy.acceptedConnections();
      proxy.cutNextResponseAfter(0);
      assertThat(storage.saveIfAbsent(key, "exp", mine)).as("saveIfAbsent's answer").isEmpty();
      assertThat(proxy.cutPending()).as("the answer was cut").isFalse();
      assertThat(proxy.acceptedConnections()).as("a new connection").isGreaterThan(acceptedBefore);
      assertThat(direct.load(key).get("exp")).contains(mine);
      assertThat(storage.saveIfAbsent(key, "exp", sample("late"))).contains(mine);
      direct.delete(key, "exp");
    }
  }

  @Test
  @DisplayName(
      "built while the server refuses connections: evaluations fail open, then the same storage"
          + " works once the server is back")
  void startWhileDown() throws Exception {
    String key = "start-down-" + UUID.randomUUID() + ":userID";
    ScriptedEvaluator evaluator = new ScriptedEvaluator();
    evaluator.experiment("exp", "userID").everyoneElse("control");
    try (FaultProxy proxy = startProxy()) {
      proxy.cut();
      try (JdbcPersistentStorage storage =
              builderThrough(proxy).createTableIfMissing(true).build();
          PersistentStorage direct = createDirectStorage()) {
        PersistentAssignment assignment =
            PersistentAssignment.builder().storage(storage).evaluator(evaluator).build();
        User user = User.of(key.substring(0, key.indexOf(':')));
        for (int i = 0; i < 3; i++) {
          long started = System.nanoTime();
          Assignment down = assignment.forUser(user).getExperiment("exp");
          Duration waited = Duration.ofNanos(System.nanoTime() - started);
          assertThat(down.reason())
              .as("evaluation %d while down", i)
              .isEqualTo(Reason.STORAGE_UNAVAILABLE);
          assertThat(waited).isLessThanOrEqualTo(failureTimeout().plus(timeoutMargin()));
        }
        assertThatThrownBy(() -> storage.load(key))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("load failed for key '" + key + "'");
        proxy.pass();
        long healed = System.nanoTime();
        Assignment up = null;
        while (up == null || up.reason() == Reason.STORAGE_UNAVAILABLE) {
          assertThat(Duration.ofNanos(System.nanoTime() - healed))
              .as("time to answer after the server came back")
              .isLessThan(Duration.ofSeconds(15));
          up = assignment.forUser(user).getExperiment("exp");
        }
        assertThat(up.reason()).isEqualTo(Reason.EVALUATED);
        assertThat(assignment.forUser(user).getExperiment("exp").reason())
            .isEqualTo(Reason.PERSISTED);
        assertThat(direct.load(key).get("exp")).isPresent();
        System.out.printf(
            "[fault] %s: answering %d ms after the server came back%n",
            getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - healed).toMillis());
        direct.deleteAll(key);
      }
    }
  }

  @Test
  @DisplayName(
      "bulk calls get an operation timeout per chunk or batch: a slow loadAll and purge that take"
          + " longer than one timeout in all still succeed")
  void bulkDeadlinePerChunk() throws Exception {
    String prefix = "bulk-" + UUID.randomUUID() + "-";
    String config = "bulk-config-" + UUID.randomUUID();
    Duration latency = Duration.ofMillis(300);
    int chunks = 6;
    int rows = 3 * JdbcOperations.PURGE_BATCH_SIZE + 10; // 4 DELETE statements
    try (FaultProxy proxy = startProxy();
        JdbcPersistentStorage loading =
            builderThrough(proxy).operationTimeout(Duration.ofMillis(1_500)).build();
        JdbcPersistentStorage purging =
            builderThrough(proxy).operationTimeout(Duration.ofMillis(900)).build();
        PersistentStorage direct = createDirectStorage()) {
      for (int i = 0; i < rows; i++) {
        direct.save(prefix + i + ":userID", config, sample("A"));
      }
      int perQuery = loading.dialect() == Dialect.POSTGRESQL ? 1_000 : 500;
      // Short keys: the proxy delays each 16 KB it forwards, and this measures chunks, not bytes.
      String run = UUID.randomUUID().toString().substring(0, 4);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < chunks * perQuery; i++) {
        keys.add(run + i + ":u");
      }
      loading.load("warm-up:userID"); // a pooled connection each, before the network slows
      purging.load("warm-up:userID");
      proxy.addLatency(latency);

      long started = System.nanoTime();
      Map<String, ?> loaded = loading.loadAll(keys);
      Duration loadAllTook = Duration.ofNanos(System.nanoTime() - started);
      assertThat(loaded).hasSize(keys.size());
      assertThat(loadAllTook)
          .as("loadAll of %d chunks", chunks)
          .isGreaterThan(Duration.ofMillis(1_500));

      started = System.nanoTime();
      assertThat(purging.purge(config)).isEqualTo(rows);
      Duration purgeTook = Duration.ofNanos(System.nanoTime() - started);
      assertThat(purgeTook).as("purge of 4 batches").isGreaterThan(Duration.ofMillis(900));
      System.out.printf(
          "[fault] %s: loadAll of %d chunks took %d ms, purge of %d rows %d ms, each chunk or batch"
              + " within its own operation timeout%n",
          getClass().getSimpleName(), chunks, loadAllTook.toMillis(), rows, purgeTook.toMillis());
      proxy.addLatency(Duration.ZERO);
    }
  }

  private static StickyValues sample(String group) {
    return StickyValues.builder().value(true).groupName(group).ruleId("rule").time(1L).build();
  }

  private FaultProxy startProxy() throws Exception {
    InetSocketAddress server = serverAddresses().get(0);
    return FaultProxy.start(server.getHostString(), server.getPort());
  }
}
