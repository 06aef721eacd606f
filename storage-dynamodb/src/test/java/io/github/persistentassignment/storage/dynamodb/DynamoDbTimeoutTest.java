package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.DynamoDbNetworkFaultTest.ownClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What bounds each wait when DynamoDB does not answer, beyond what the kit's fault tests cover: a
 * connect that never completes, a caller's client with none of its own timeouts, bulk operations
 * whose deadline scales with their work, {@code maxConnections}, and a lost answer to a conditional
 * write that the SDK sends again.
 */
@DisplayName("DynamoDbPersistentStorage's timeouts")
class DynamoDbTimeoutTest {
  private static final Duration OPERATION_TIMEOUT = Duration.ofMillis(500);

  /**
   * The most a failing call may take here: the operation timeout plus room for a busy machine, and
   * still far below what a missing bound would cost (a 10 s connect timeout, the SDK's default 30 s
   * socket timeout and 9 attempts).
   */
  private static final Duration BOUND = OPERATION_TIMEOUT.plus(Duration.ofMillis(1_500));

  private static final StickyValues VALUES =
      StickyValues.builder().value(true).groupName("treatment").ruleId("rule").time(1L).build();

  private static DynamoDbTable table;
  private FaultProxy proxy;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    table.close();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = FaultProxy.start("127.0.0.1", URI.create(DynamoDbLocal.endpoint()).getPort());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private String throughProxy() {
    return "http://" + proxy.host() + ":" + proxy.port();
  }

  private static String key() {
    return "timeout-" + UUID.randomUUID();
  }

  @Test
  @DisplayName(
      "a TCP connect that never completes ends with the operation, not the connect timeout")
  void connectNeverCompletes() throws Exception {
    try (UnansweredListener unanswered = UnansweredListener.start();
        DynamoDbPersistentStorage storage =
            ownClient("http://127.0.0.1:" + unanswered.port())
                .tableName(table.name())
                .operationTimeout(OPERATION_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(10))
                .attemptTimeout(Duration.ofSeconds(10))
                .build()) {
      assertFailsInTime(() -> storage.load("alice"), "load");
      assertFailsInTime(() -> storage.save("alice", "exp", VALUES), "save");
    }
  }

  @Test
  @DisplayName(
      "a caller's client without timeouts of its own is held to the operation timeout, and"
          + " answers again once the path heals")
  void callersClientWithSdkDefaults() {
    DynamoDbClient client = DynamoDbLocal.client(throughProxy()); // the SDK's defaults throughout
    try (client;
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(client)
                .tableName(table.name())
                .operationTimeout(OPERATION_TIMEOUT)
                .build()) {
      String key = key();
      storage.save(key, "exp", VALUES);

      proxy.blackHole();
      // The proxy delivers held requests once it passes traffic again, as a slow network may: a
      // write that timed out can still land. So these writes leave "exp" as it is, whenever.
      assertFailsInTime(() -> storage.load(key), "load");
      assertFailsInTime(() -> storage.save(key, "exp", VALUES), "save");
      assertFailsInTime(() -> storage.saveIfAbsent(key, "other", VALUES), "saveIfAbsent");
      assertFailsInTime(() -> storage.delete(key, "never-saved"), "delete");
      assertFailsInTime(() -> storage.loadAll(List.of(key, key())), "loadAll");
      assertFailsInTime(() -> storage.forEachEntry(entry -> {}), "forEachEntry");

      proxy.pass();
      assertThat(storage.load(key).get("exp")).contains(VALUES);
    }
  }

  @Test
  @DisplayName("a caller's client keeps an apiCallTimeout shorter than the operation timeout")
  void callersShorterApiCallTimeout() {
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(throughProxy()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.apiCallTimeout(OPERATION_TIMEOUT))
            .build();
    try (client;
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(client)
                .tableName(table.name())
                .operationTimeout(Duration.ofSeconds(30))
                .build()) {
      assertThat(storage.load(key()).isAvailable()).isTrue();
      proxy.blackHole();
      assertFailsInTime(() -> storage.load(key()), "load");
    }
  }

  @Test
  @DisplayName(
      "loadAll gives each query an operationTimeout of its own: many slow queries succeed together")
  void loadAllScalesWithItsKeys() {
    try (DynamoDbPersistentStorage storage =
        ownClient(throughProxy())
            .tableName(table.name())
            .operationTimeout(Duration.ofSeconds(1))
            .maxConcurrentQueries(1)
            .build()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        keys.add(key());
      }
      storage.save(keys.get(3), "exp", VALUES);
      proxy.addLatency(Duration.ofMillis(150)); // each query well within the timeout, 12 not

      long started = System.nanoTime();
      var loaded = storage.loadAll(keys);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(loaded).hasSize(12);
      assertThat(loaded.get(keys.get(3)).get("exp")).contains(VALUES);
      assertThat(took)
          .as("12 queries of at least 150 ms, one at a time")
          .isGreaterThan(Duration.ofSeconds(1));
    }
  }

  @Test
  @DisplayName("purge and deleteAll give each page and batch an operationTimeout of their own")
  void bulkDeletesScaleWithTheirWork() {
    try (DynamoDbTable own = DynamoDbTable.create(DynamoDbLocal.endpoint())) {
      try (DynamoDbPersistentStorage storage =
          ownClient(throughProxy())
              .tableName(own.name())
              .operationTimeout(Duration.ofMillis(800))
              .build()) {
        for (int i = 0; i < 100; i++) {
          storage.save("user:" + i, "stopped", VALUES);
          storage.save("user:0", "config-" + i, VALUES);
        }
        proxy.addLatency(Duration.ofMillis(250)); // 1 Scan + 4 batches: 1.25 s or more in all

        long started = System.nanoTime();
        assertThat(storage.purge("stopped")).isEqualTo(100);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThan(Duration.ofMillis(800));

        started = System.nanoTime();
        storage.deleteAll("user:0"); // 1 Query + 4 batches
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThan(Duration.ofMillis(800));
        proxy.pass();
        assertThat(storage.load("user:0").asMap()).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("maxConnections bounds the connections of the client it builds")
  void maxConnections() {
    try (DynamoDbPersistentStorage storage =
        ownClient(throughProxy())
            .tableName(table.name())
            .maxConnections(2)
            .maxConcurrentQueries(8)
            .build()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        keys.add(key());
      }
      proxy.addLatency(Duration.ofMillis(20));
      assertThat(storage.loadAll(keys)).hasSize(40);
      assertThat(proxy.acceptedConnections()).isBetween(1L, 2L);
    }
  }

  @Test
  @DisplayName("loadAll over many keys fails within the operation timeout when DynamoDB is silent")
  void loadAllWhileBlackHoled() {
    try (DynamoDbPersistentStorage storage =
        ownClient(throughProxy())
            .tableName(table.name())
            .operationTimeout(OPERATION_TIMEOUT)
            .build()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        keys.add(key());
      }
      for (String key : keys.subList(0, 8)) {
        storage.load(key); // pooled connections, which the black hole then holds too
      }
      proxy.blackHole();
      assertFailsInTime(() -> storage.loadAll(keys), "loadAll");
    }
  }

  @Test
  @DisplayName(
      "a saveIfAbsent whose answer is lost, and which the SDK sends again, reports it wrote")
  void saveIfAbsentWithLostAnswer() {
    try (DynamoDbPersistentStorage storage =
        ownClient(throughProxy()).tableName(table.name()).build()) {
      String key = key();
      assertThat(storage.load(key).asMap()).isEmpty(); // a connection is open to be cut
      proxy.cutNextResponseAfter(0);
      assertThat(storage.saveIfAbsent(key, "exp", VALUES)).as("what saveIfAbsent found").isEmpty();
      assertThat(proxy.cutPending()).as("the answer was cut").isFalse();
      assertThat(storage.load(key).get("exp")).contains(VALUES);
    }
  }

  /**
   * Asserts that a call throws a {@link StorageException} for its operation within {@link #BOUND}
   * and leaves the calling thread without a pending interrupt (the SDK interrupts a thread whose
   * call timed out; that must not leak into the caller's next blocking call).
   */
  private static void assertFailsInTime(ThrowingCallable call, String operation) {
    long started = System.nanoTime();
    assertThatThrownBy(call)
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith(operation + " failed");
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    assertThat(waited).as("wait of a failing %s", operation).isLessThan(BOUND);
    assertThat(Thread.currentThread().isInterrupted())
        .as("interrupt left on the caller by %s", operation)
        .isFalse();
  }
}
