package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage.MAX_VALUE_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.conformance.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
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
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
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
    @DisplayName("rejects null arguments and out-of-range counts and TTLs, naming the setting")
    void rejectsBadArguments() {
      DynamoDbPersistentStorage.Builder builder = DynamoDbPersistentStorage.builder();
      assertThatThrownBy(() -> builder.client(null)).hasMessageContaining("client");
      assertThatThrownBy(() -> builder.region(null)).hasMessageContaining("region");
      assertThatThrownBy(() -> builder.endpoint(null)).hasMessageContaining("endpoint");
      assertThatThrownBy(() -> builder.credentialsProvider(null))
          .hasMessageContaining("credentialsProvider");
      assertThatThrownBy(() -> builder.clock(null)).hasMessageContaining("clock");
      for (Duration bad :
          Arrays.asList(
              null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(Long.MAX_VALUE))) {
        assertThatThrownBy(() -> builder.expireAfter(bad))
            .as("expireAfter(%s)", bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("expireAfter");
      }
      Map<String, IntConsumer> counts =
          Map.of(
              "maxConcurrentQueries", builder::maxConcurrentQueries,
              "maxAttempts", builder::maxAttempts,
              "maxConnections", builder::maxConnections,
              "maxValueBytes", builder::maxValueBytes);
      counts.forEach(
          (name, setter) -> {
            for (int bad : new int[] {0, -1}) {
              assertThatThrownBy(() -> setter.accept(bad))
                  .as("%s(%s)", name, bad)
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageStartingWith(name + " must be between 1 and");
            }
          });
      assertThatThrownBy(() -> builder.maxValueBytes(DynamoDbPersistentStorage.MAX_VALUE_BYTES + 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes must be between 1 and " + MAX_VALUE_BYTES);
    }

    @Test
    @DisplayName("refuses a caller's client together with a setting of the client it would build")
    void clientOrSettings() {
      Map<String, UnaryOperator<DynamoDbPersistentStorage.Builder>> ownClientSettings =
          Map.of(
              "region", b -> b.region(Region.EU_WEST_1),
              "endpoint", b -> b.endpoint(URI.create("http://127.0.0.1:1")),
              "credentialsProvider",
                  b -> b.credentialsProvider(AnonymousCredentialsProvider.create()),
              "connectTimeout", b -> b.connectTimeout(Duration.ofSeconds(1)),
              "attemptTimeout", b -> b.attemptTimeout(Duration.ofSeconds(1)),
              "maxAttempts", b -> b.maxAttempts(2),
              "maxConnections", b -> b.maxConnections(4));
      ownClientSettings.forEach(
          (name, setting) -> {
            DynamoDbPersistentStorage.Builder withClient =
                setting.apply(DynamoDbPersistentStorage.builder().client(counted));
            assertThatThrownBy(withClient::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " configures the client the builder creates");
          });
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
            .isEqualTo(maxAttempts > 0 ? maxAttempts : OwnClient.DEFAULT_MAX_ATTEMPTS);
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
    }

    @Test
    @DisplayName("createTableIfMissing(true) creates the table on first use, with TTL on 'ttl'")
    void createsTable() {
      String name = "pa-create-" + UUID.randomUUID();
      try (DynamoDbPersistentStorage storage =
          builder().tableName(name).createTableIfMissing(true).build()) {
        assertThat(COUNTER.drain()).as("requests sent by build()").isEmpty();
        String key = key();
        storage.save(key, "exp", VALUES);
        assertThat(COUNTER.drain())
            .containsExactly("DescribeTable", "CreateTable", "UpdateTimeToLive", "PutItem");
        assertThat(storage.load(key).get("exp")).contains(VALUES);
        assertThat(COUNTER.drain()).as("no second check").containsExactly("Query");
        var ttl = counted.describeTimeToLive(d -> d.tableName(name)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("ttl");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        var keys = counted.describeTable(d -> d.tableName(name)).table().keySchema();
        assertThat(keys).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
      } finally {
        counted.deleteTable(d -> d.tableName(name));
      }
    }

    @Test
    @DisplayName(
        "a table with other keys fails every call, naming what it needs, and is re-checked")
    void wrongKeySchema() {
      String name = "pa-wrong-" + UUID.randomUUID();
      counted.createTable(
          create ->
              create
                  .tableName(name)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
      try (DynamoDbPersistentStorage storage =
          builder().tableName(name).createTableIfMissing(true).build()) {
        COUNTER.reset();
        for (int call = 0; call < 2; call++) {
          assertThatThrownBy(() -> storage.load("alice"))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith(
                  "load failed for key 'alice': DynamoDB table "
                      + name
                      + " is not ready (createTableIfMissing): its keys are {id=HASH} of types"
                      + " {id=S}, not pk (S) and sk (S)");
        }
        assertThat(COUNTER.drain()).containsExactly("DescribeTable", "DescribeTable");
      } finally {
        counted.deleteTable(d -> d.tableName(name));
      }
    }

    @Test
    @DisplayName("with createTableIfMissing, a table deleted while in use is created again")
    void tableDeletedWhileInUse() {
      String name = "pa-recreate-" + UUID.randomUUID();
      try (DynamoDbPersistentStorage storage =
          builder().tableName(name).createTableIfMissing(true).build()) {
        String key = key();
        storage.save(key, "exp", VALUES);
        counted.deleteTable(d -> d.tableName(name));
        assertThatThrownBy(() -> storage.load(key))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("does not exist");
        assertThat(storage.load(key).asMap()).isEmpty();
        storage.save(key, "exp", VALUES);
        assertThat(storage.load(key).get("exp")).contains(VALUES);
      } finally {
        counted.deleteTable(d -> d.tableName(name));
      }
    }
  }

  @Nested
  @DisplayName("Bulk operations")
  class Bulk {
    @Test
    @DisplayName("deleteAll removes every entry of a key, past one batch of 25, and no other key's")
    void deleteAllManyEntries() {
      try (DynamoDbPersistentStorage storage = builder().build()) {
        String key = key();
        String other = key();
        for (int i = 0; i < 60; i++) {
          storage.save(key, "exp-" + i, VALUES);
        }
        storage.save(other, "exp-0", VALUES);
        COUNTER.reset();
        storage.deleteAll(key);
        assertThat(COUNTER.drain())
            .containsExactly("Query", "BatchWriteItem", "BatchWriteItem", "BatchWriteItem");
        assertThat(storage.load(key).asMap()).isEmpty();
        assertThat(storage.load(other).asMap()).containsOnlyKeys("exp-0");
      }
    }

    @Test
    @DisplayName("purge removes one config for every key, counts them, and leaves other configs")
    void purge() {
      try (DynamoDbTable own = DynamoDbTable.create(DynamoDbLocal.endpoint());
          DynamoDbPersistentStorage storage =
              DynamoDbPersistentStorage.builder()
                  .client(own.client())
                  .tableName(own.name())
                  .build()) {
        for (int i = 0; i < 40; i++) {
          storage.save("user-" + i + ":userID", "stopped", VALUES);
          storage.save("user-" + i + ":userID", "running", VALUES);
        }
        assertThat(storage.purge("stopped")).isEqualTo(40);
        assertThat(storage.purge("stopped")).isZero();
        assertThat(storage.load("user-7:userID").asMap()).containsOnlyKeys("running");
        assertThat(own.client().scan(scan -> scan.tableName(own.name())).count()).isEqualTo(40);
      }
    }

    @Test
    @DisplayName("forEachEntry reports each entry's ttl as its expiry and skips a foreign item")
    void forEachEntry() {
      MutableClock clock = new MutableClock();
      try (DynamoDbTable own = DynamoDbTable.create(DynamoDbLocal.endpoint());
          DynamoDbPersistentStorage storage =
              DynamoDbPersistentStorage.builder()
                  .client(own.client())
                  .tableName(own.name())
                  .clock(clock)
                  .expireAfter(Duration.ofMinutes(10))
                  .build()) {
        storage.save("alice:userID", "exp", VALUES);
        own.client()
            .putItem(
                put ->
                    put.tableName(own.name())
                        .item(
                            Map.of(
                                "pk", AttributeValue.fromS("foreign:userID"),
                                "sk", AttributeValue.fromS("exp"),
                                "v", AttributeValue.fromN("1"))));
        List<StoredEntry> seen = new ArrayList<>();
        storage.forEachEntry(seen::add);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(10));
        assertThat(seen)
            .containsExactly(
                new StoredEntry(
                    "alice:userID",
                    "exp",
                    VALUES,
                    Instant.ofEpochSecond(
                        expiry.getEpochSecond() + (expiry.getNano() > 0 ? 1 : 0))));
      }
    }
  }

  @Nested
  @DisplayName("Limits and faults")
  class Faults {
    @Test
    @DisplayName(
        "an entry over maxValueBytes (default: what fits in 400 KB) fails before any request")
    void oversizeEntry() {
      StickyValues huge =
          StickyValues.builder().value(true).jsonValue(Map.of("blob", "x".repeat(410_000))).build();
      StickyValues small =
          StickyValues.builder().value(true).jsonValue(Map.of("blob", "x".repeat(200))).build();
      try (DynamoDbPersistentStorage storage = builder().build();
          DynamoDbPersistentStorage tight = builder().maxValueBytes(100).build()) {
        String key = key();
        assertThatThrownBy(() -> storage.save(key, "exp", huge))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxValueBytes (" + MAX_VALUE_BYTES + ")");
        assertThatThrownBy(() -> storage.saveIfAbsent(key, "exp", huge))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxValueBytes");
        assertThatThrownBy(() -> tight.save(key, "exp", small))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxValueBytes (100)");
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
    @DisplayName("an entry of maxValueBytes with the longest key, config name and a TTL is stored")
    void entryAtTheLimit() {
      StickyValues probe = StickyValues.builder().jsonValue(Map.of("b", "")).build();
      int overhead = StickyValuesCodec.encode(probe).length();
      String blob = "y".repeat(MAX_VALUE_BYTES - overhead);
      StickyValues large = StickyValues.builder().jsonValue(Map.of("b", blob)).build();
      assertThat(StickyValuesCodec.encode(large)).hasSize(MAX_VALUE_BYTES);
      try (DynamoDbPersistentStorage storage = builder().expireAfter(Duration.ofDays(1)).build()) {
        String key = "k".repeat(2048);
        String configName = "c".repeat(1024);
        storage.save(key, configName, large);
        assertThat(storage.load(key).get(configName)).contains(large);
        storage.delete(key, configName);
      }
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
            .hasMessageContaining("docs/dynamodb.md")
            .hasMessageContaining("createTableIfMissing(true)");
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
        assertThat(item.get("v").s()).isEqualTo(StickyValuesCodec.encode(VALUES));
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
