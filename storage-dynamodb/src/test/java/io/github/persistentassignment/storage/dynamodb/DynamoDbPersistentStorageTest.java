package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@DisplayName("DynamoDbPersistentStorage")
class DynamoDbPersistentStorageTest {
  private static final StickyValues VALUES =
      StickyValues.builder().value(true).groupName("Test").ruleId("rule").time(1L).build();

  private static DynamoDbTable table;
  private static final RequestCounter COUNTER = new RequestCounter();
  private static DynamoDbClient counted;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
    counted = DynamoDbLocal.client(DynamoDbLocal.endpoint(), COUNTER);
  }

  @AfterAll
  static void deleteTable() {
    counted.close();
    table.close();
  }

  @BeforeEach
  void resetCounter() {
    COUNTER.reset();
  }

  private static DynamoDbPersistentStorage.Builder builder() {
    return DynamoDbPersistentStorage.builder().client(counted).tableName(table.name());
  }

  private static String key() {
    return "unit-" + UUID.randomUUID();
  }

  @Nested
  @DisplayName("Builder")
  class Builder {
    @ParameterizedTest(name = "rejects table name \"{0}\"")
    @ValueSource(strings = {"", "ab", "has space", "slash/name", "colon:name", "ünïcode", " abc"})
    @DisplayName("rejects a table name DynamoDB would refuse")
    void rejectsBadTableNames(String name) {
      assertThatThrownBy(() -> DynamoDbPersistentStorage.builder().tableName(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tableName");
    }

    @Test
    @DisplayName("rejects a null or too long table name, accepts DynamoDB's whole alphabet")
    void tableNameLimits() {
      assertThatThrownBy(() -> DynamoDbPersistentStorage.builder().tableName(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tableName");
      assertThatThrownBy(() -> DynamoDbPersistentStorage.builder().tableName("t".repeat(256)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatCode(
              () -> DynamoDbPersistentStorage.builder().tableName("Aa0_.-" + "t".repeat(249)))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("rejects null arguments, a non-positive ttl and a concurrency below 1")
    void rejectsBadArguments() {
      DynamoDbPersistentStorage.Builder builder = DynamoDbPersistentStorage.builder();
      assertThatThrownBy(() -> builder.client(null)).hasMessageContaining("client");
      assertThatThrownBy(() -> builder.region(null)).hasMessageContaining("region");
      assertThatThrownBy(() -> builder.endpoint(null)).hasMessageContaining("endpoint");
      assertThatThrownBy(() -> builder.credentialsProvider(null))
          .hasMessageContaining("credentialsProvider");
      assertThatThrownBy(() -> builder.clock(null)).hasMessageContaining("clock");
      assertThatThrownBy(() -> builder.expireAfter(null)).hasMessageContaining("ttl");
      assertThatThrownBy(() -> builder.expireAfter(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.expireAfter(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.maxConcurrentQueries(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConcurrentQueries");
    }

    @Test
    @DisplayName("rejects a missing, zero or negative timeout and fewer than one attempt, by name")
    void rejectsBadTimeouts() {
      DynamoDbPersistentStorage.Builder builder = DynamoDbPersistentStorage.builder();
      Map<String, Consumer<Duration>> timeouts =
          Map.of(
              "operationTimeout", builder::operationTimeout,
              "connectTimeout", builder::connectTimeout,
              "attemptTimeout", builder::attemptTimeout);
      timeouts.forEach(
          (name, setter) -> {
            for (Duration bad : Arrays.asList(null, Duration.ZERO, Duration.ofMillis(-1))) {
              assertThatThrownBy(() -> setter.accept(bad))
                  .as("%s(%s)", name, bad)
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageStartingWith(name);
            }
          });
      assertThatThrownBy(() -> builder.maxAttempts(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxAttempts must be at least 1, was 0");
    }

    @Test
    @DisplayName("refuses a caller's client together with settings for a client of its own")
    void clientOrSettings() {
      List<UnaryOperator<DynamoDbPersistentStorage.Builder>> ownClientSettings =
          List.of(
              b -> b.region(Region.EU_WEST_1),
              b -> b.endpoint(URI.create("http://127.0.0.1:1")),
              b -> b.credentialsProvider(AnonymousCredentialsProvider.create()),
              b -> b.connectTimeout(Duration.ofSeconds(1)),
              b -> b.attemptTimeout(Duration.ofSeconds(1)),
              b -> b.maxAttempts(2));
      for (UnaryOperator<DynamoDbPersistentStorage.Builder> setting : ownClientSettings) {
        DynamoDbPersistentStorage.Builder withClient =
            setting.apply(DynamoDbPersistentStorage.builder().client(counted));
        assertThatThrownBy(withClient::build)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not both");
      }
      // The operation timeout is the storage's own, so it goes with any client.
      assertThatCode(
              () ->
                  DynamoDbPersistentStorage.builder()
                      .client(counted)
                      .operationTimeout(Duration.ofSeconds(5))
                      .build()
                      .close())
          .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "maxAttempts {0} (0: left at the default)")
    @ValueSource(ints = {0, 1, 4})
    @DisplayName("the client it builds sends a failing request maxAttempts times (default 3)")
    void attempts(int maxAttempts) throws IOException {
      try (ResettingListener listener = ResettingListener.start()) {
        DynamoDbPersistentStorage.Builder builder =
            DynamoDbNetworkFaultTest.ownClient("http://127.0.0.1:" + listener.port())
                .operationTimeout(Duration.ofSeconds(10));
        if (maxAttempts > 0) {
          builder.maxAttempts(maxAttempts);
        }
        try (DynamoDbPersistentStorage storage = builder.build()) {
          assertThatThrownBy(() -> storage.load("alice"))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("load failed for key 'alice'");
        }
        assertThat(listener.accepted())
            .isEqualTo(
                maxAttempts > 0 ? maxAttempts : DynamoDbPersistentStorage.DEFAULT_MAX_ATTEMPTS);
      }
    }

    @Test
    @DisplayName("builds its own client from region, endpoint and credentials")
    void ownClient() {
      try (DynamoDbPersistentStorage storage =
          DynamoDbPersistentStorage.builder()
              .region(Region.US_EAST_1)
              .endpoint(URI.create(DynamoDbLocal.endpoint()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .tableName(table.name())
              .build()) {
        String key = key();
        storage.save(key, "exp", VALUES);
        assertThat(storage.load(key).get("exp")).contains(VALUES);
      }
    }
  }

  @Nested
  @DisplayName("Lifecycle")
  class Lifecycle {
    @Test
    @DisplayName("close leaves the caller's client open and makes every operation fail")
    void closeLeavesCallersClientOpen() {
      DynamoDbPersistentStorage storage = builder().build();
      storage.close();
      storage.close();
      assertThatCode(() -> counted.describeTable(d -> d.tableName(table.name())))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> storage.load("k")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(storage::createTableIfMissing).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("createTableIfMissing creates once, with TTL enabled on 'ttl'")
    void createsTable() {
      String name = "pa-create-" + UUID.randomUUID();
      try (DynamoDbPersistentStorage storage = builder().tableName(name).build()) {
        assertThat(storage.createTableIfMissing()).isTrue();
        assertThat(storage.createTableIfMissing()).isFalse();
        var ttl = counted.describeTimeToLive(d -> d.tableName(name)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("ttl");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        var keys = counted.describeTable(d -> d.tableName(name)).table().keySchema();
        assertThat(keys).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
      } finally {
        counted.deleteTable(d -> d.tableName(name));
      }
    }
  }

  @Nested
  @DisplayName("Limits and faults")
  class Faults {
    @Test
    @DisplayName("an entry over the 400 KB item limit fails before any request")
    void oversizeEntry() {
      StickyValues huge =
          StickyValues.builder().value(true).jsonValue(Map.of("blob", "x".repeat(410_000))).build();
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        assertThatThrownBy(() -> storage.save(key, "exp", huge))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(key)
            .hasMessageContaining("400 KB");
        assertThatThrownBy(() -> storage.saveIfAbsent(key, "exp", huge))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("400 KB");
        assertThat(COUNTER.drain()).as("requests sent").isEmpty();
      }
    }

    @Test
    @DisplayName("a key over DynamoDB's 2048-byte partition key limit fails before any request")
    void oversizeKey() {
      try (DynamoDbPersistentStorage storage = builder().build()) {
        assertThatThrownBy(() -> storage.save("k".repeat(2049), "exp", VALUES))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("2048");
        assertThatThrownBy(() -> storage.save("k", "c".repeat(1025), VALUES))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("1024");
        assertThat(COUNTER.drain()).as("requests sent").isEmpty();
      }
    }

    @Test
    @DisplayName("an entry just under the item limit is stored")
    void entryJustUnderTheLimit() {
      String blob = "y".repeat(DynamoDbPersistentStorage.MAX_ITEM_BYTES - 1_000);
      StickyValues large = StickyValues.builder().jsonValue(Map.of("b", blob)).build();
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        storage.save(key, "exp", large);
        assertThat(storage.load(key).get("exp")).contains(large);
      }
    }

    @Test
    @DisplayName("a missing table is a StorageException naming the table and how to create it")
    void missingTable() {
      String name = "pa-missing-" + UUID.randomUUID();
      try (DynamoDbPersistentStorage storage = builder().tableName(name).build()) {
        assertThatThrownBy(() -> storage.load("alice"))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("load failed for key 'alice'")
            .hasMessageContaining(name)
            .hasMessageContaining("createTableIfMissing()")
            .hasMessageContaining("README");
        assertThatThrownBy(() -> storage.save("alice", "exp", VALUES))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(name);
        assertThatThrownBy(() -> storage.loadAll(List.of("alice", "bob")))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(name);
      }
    }

    @Test
    @DisplayName("an unreachable endpoint is a StorageException naming the operation and key")
    void unreachable() throws IOException {
      int deadPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        deadPort = socket.getLocalPort();
      }
      DynamoDbClient dead =
          DynamoDbClient.builder()
              .endpointOverride(URI.create("http://127.0.0.1:" + deadPort))
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
              .build();
      try (dead;
          DynamoDbPersistentStorage storage =
              DynamoDbPersistentStorage.builder().client(dead).build()) {
        assertThatThrownBy(() -> storage.load("alice"))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("load failed for key 'alice'");
        assertThatThrownBy(() -> storage.saveIfAbsent("alice", "exp", VALUES))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("saveIfAbsent failed for key 'alice'");
        assertThatThrownBy(() -> storage.delete("alice", "exp"))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("delete failed for key 'alice'");
      }
    }
  }

  @Nested
  @DisplayName("Stored items")
  class StoredItems {
    @Test
    @DisplayName("an item is pk, sk, v as universal JSON, and ttl in epoch seconds rounded up")
    void layout() {
      MutableClock clock = new MutableClock();
      clock.advance(Duration.ofMillis(250));
      long expected = clock.millis() / 1000 + 90 + 1;
      try (DynamoDbPersistentStorage storage =
          builder().clock(clock).expireAfter(Duration.ofSeconds(90)).build()) {
        String key = key();
        storage.save(key, "exp", VALUES);
        Map<String, AttributeValue> item =
            counted
                .getItem(
                    g ->
                        g.tableName(table.name())
                            .key(
                                Map.of(
                                    "pk", AttributeValue.fromS(key),
                                    "sk", AttributeValue.fromS("exp"))))
                .item();
        assertThat(item).containsOnlyKeys("pk", "sk", "v", "ttl");
        assertThat(item.get("v").s())
            .isEqualTo(io.github.persistentassignment.codec.StickyValuesCodec.encode(VALUES));
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(expected));
      }
    }

    @Test
    @DisplayName("without expireAfter no ttl is written")
    void noTtl() {
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        storage.save(key, "exp", VALUES);
        var item = rawItem(key, "exp");
        assertThat(item).containsOnlyKeys("pk", "sk", "v");
      }
    }

    @Test
    @DisplayName("an item whose v is not a string is skipped, and saveIfAbsent replaces it")
    void wrongAttributeType() {
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        storage.save(key, "good", VALUES);
        counted.putItem(
            p ->
                p.tableName(table.name())
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS(key),
                            "sk", AttributeValue.fromS("bad"),
                            "v", AttributeValue.fromN("42"))));
        assertThat(storage.load(key).asMap()).containsOnlyKeys("good");
        assertThat(storage.saveIfAbsent(key, "bad", VALUES)).isEmpty();
        assertThat(storage.load(key).asMap()).containsOnlyKeys("good", "bad");
      }
    }

    @Test
    @DisplayName("saveIfAbsent replaces an entry whose JSON is corrupt")
    void corruptJsonIsReplaced() {
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        counted.putItem(
            p ->
                p.tableName(table.name())
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS(key),
                            "sk", AttributeValue.fromS("exp"),
                            "v", AttributeValue.fromS("{not json"))));
        assertThat(storage.saveIfAbsent(key, "exp", VALUES)).isEmpty();
        assertThat(storage.load(key).get("exp")).contains(VALUES);
      }
    }

    @Test
    @DisplayName("a key whose items span several Query pages loads whole")
    void manyPages() {
      String blob = "z".repeat(300_000);
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        for (int i = 0; i < 5; i++) { // 1.5 MB: more than one 1 MB page
          storage.save(key, "exp-" + i, StickyValues.builder().ruleId(blob + i).build());
        }
        COUNTER.reset();
        assertThat(storage.load(key).asMap()).hasSize(5);
        assertThat(COUNTER.drain()).hasSizeGreaterThan(1).containsOnly("Query");
      }
    }

    private Map<String, AttributeValue> rawItem(String key, String configName) {
      return counted
          .getItem(
              g ->
                  g.tableName(table.name())
                      .key(
                          Map.of(
                              "pk", AttributeValue.fromS(key),
                              "sk", AttributeValue.fromS(configName))))
          .item();
    }
  }
}
