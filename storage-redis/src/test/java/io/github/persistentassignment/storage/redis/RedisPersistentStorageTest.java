package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** What the kit does not cover: the builder, addresses, ownership, faults and the data layout. */
@DisplayName("RedisPersistentStorage")
class RedisPersistentStorageTest {
  private static final StickyValues VALUES = TestValues.group("Test");

  @Nested
  @DisplayName("Building")
  class Building {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "localhost:6379",
          "http://localhost:6379",
          "redis://",
          "redis://:6379",
          "redis://host:notaport",
          "redis://host:70000",
          "redis://host:6379/db",
          "redis ://host",
        })
    @DisplayName("an invalid URL is an IllegalArgumentException naming it")
    void invalidUrl(String url) {
      assertThatThrownBy(() -> RedisPersistentStorage.builder(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid Redis URL")
          .hasMessageContaining(url.strip().isEmpty() ? "" : url.substring(0, 5));
    }

    @Test
    @DisplayName("an invalid URL's message hides its password")
    void invalidUrlHidesPassword() {
      assertThatThrownBy(() -> RedisPersistentStorage.builder("redis://app:s3cret@host:port"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("redis://app:***@host:port")
          .hasMessageNotContaining("s3cret");
    }

    @Test
    @DisplayName("a blank or null URL names the url argument")
    void blankUrl() {
      assertThatThrownBy(() -> RedisPersistentStorage.builder(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("url");
      assertThatThrownBy(() -> RedisPersistentStorage.builder((String) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("url");
      assertThatThrownBy(() -> RedisPersistentStorage.builder((RedisClient) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("client");
    }

    @Test
    @DisplayName("cluster nodes must be host:port or URLs, and at least one")
    void invalidNodes() {
      assertThatThrownBy(() -> RedisPersistentStorage.clusterBuilder(List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nodes");
      assertThatThrownBy(() -> RedisPersistentStorage.clusterBuilder(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nodes");
      assertThatThrownBy(() -> RedisPersistentStorage.clusterBuilder(List.of("127.0.0.1")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'127.0.0.1'");
      assertThatThrownBy(() -> RedisPersistentStorage.clusterBuilder(List.of("host:x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'host:x'");
      assertThatThrownBy(
              () -> RedisPersistentStorage.clusterBuilder(Collections.singletonList(null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("node");
    }

    @Test
    @DisplayName("settings out of range are IllegalArgumentExceptions at build, naming the setting")
    void invalidSettings() {
      assertRejected(b -> b.keyPrefix(null), "keyPrefix");
      assertRejected(b -> b.clock(null), "clock");
      assertRejected(b -> b.expireAfter(Duration.ZERO), "expireAfter");
      assertRejected(b -> b.expireAfter(Duration.ofNanos(999_999)), "expireAfter");
      assertRejected(b -> b.expireAfter(Duration.ofSeconds(-1)), "expireAfter");
      // Would overflow at the first save: refused where it was written instead.
      assertRejected(b -> b.expireAfter(Duration.ofSeconds(Long.MAX_VALUE)), "expireAfter");
      assertRejected(b -> b.connectTimeout(Duration.ZERO), "connectTimeout");
      assertRejected(b -> b.connectTimeout(null), "connectTimeout");
      assertRejected(b -> b.operationTimeout(Duration.ofMillis(-5)), "operationTimeout");
      assertRejected(b -> b.operationTimeout(Duration.ofDays(1)), "operationTimeout");
      assertRejected(b -> b.poolTimeout(Duration.ZERO), "poolTimeout");
      assertRejected(b -> b.poolTimeout(null), "poolTimeout");
      // Jedis would read a timeout rounded down to 0 ms as "no timeout".
      assertRejected(b -> b.connectTimeout(Duration.ofNanos(999_999)), "connectTimeout");
      assertRejected(b -> b.operationTimeout(Duration.ofNanos(1)), "operationTimeout");
      assertRejected(b -> b.poolTimeout(Duration.ofNanos(999_999)), "poolTimeout");
      assertRejected(b -> b.maxConnections(0), "maxConnections");
      assertRejected(b -> b.maxConnections(10_001), "maxConnections");
      assertRejected(b -> b.maxValueBytes(0), "maxValueBytes");
    }

    @Test
    @DisplayName("connection settings for a caller's client are refused at build, naming them")
    void connectionSettingsForCallersClient() {
      try (RedisClient callers = RedisClient.create("127.0.0.1", 1)) {
        for (String setting :
            List.of("connectTimeout", "operationTimeout", "poolTimeout", "maxConnections")) {
          RedisPersistentStorage.Builder builder = RedisPersistentStorage.builder(callers);
          switch (setting) {
            case "connectTimeout" -> builder.connectTimeout(Duration.ofSeconds(1));
            case "operationTimeout" -> builder.operationTimeout(Duration.ofSeconds(1));
            case "poolTimeout" -> builder.poolTimeout(Duration.ofSeconds(1));
            default -> builder.maxConnections(4);
          }
          assertThatThrownBy(builder::build)
              .as(setting)
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith(setting + " applies only to a client the storage creates");
        }
        // The settings that do apply build fine, without contacting the (closed) port.
        RedisPersistentStorage.builder(callers)
            .keyPrefix("x:")
            .expireAfter(Duration.ofDays(1))
            .maxValueBytes(1_000)
            .clock(java.time.Clock.systemUTC())
            .build()
            .close();
      }
    }

    @Test
    @DisplayName(
        "the worst case of a call is two pool and connect waits plus the operation timeout")
    void worstCaseCallTime() {
      RedisPersistentStorage.Builder defaults = RedisPersistentStorage.builder("redis://h");
      assertThat(defaults.worstCaseCallTime())
          .isEqualTo(
              RedisPersistentStorage.DEFAULT_POOL_TIMEOUT
                  .plus(RedisPersistentStorage.DEFAULT_CONNECT_TIMEOUT)
                  .multipliedBy(2)
                  .plus(RedisPersistentStorage.DEFAULT_OPERATION_TIMEOUT))
          .isEqualTo(Duration.ofSeconds(8));
      assertThat(
              defaults
                  .poolTimeout(Duration.ofMillis(100))
                  .connectTimeout(Duration.ofMillis(200))
                  .operationTimeout(Duration.ofMillis(300))
                  .worstCaseCallTime())
          .isEqualTo(Duration.ofMillis(900));
    }

    @Test
    @DisplayName("the builder is mutable, and what it built keeps the settings it was built with")
    void builderIsMutable() {
      RedisPersistentStorage.Builder builder = RedisPersistentStorage.builder("redis://127.0.0.1");
      assertThat(builder.keyPrefix("custom:")).isSameAs(builder);
      try (RedisPersistentStorage custom = builder.build()) {
        builder.keyPrefix("later:");
        assertThat(custom.keyPrefix()).isEqualTo("custom:");
        assertThat(custom.redisKey("u:userID")).isEqualTo("custom:u:userID");
      }
      try (RedisPersistentStorage defaults =
          RedisPersistentStorage.builder("redis://127.0.0.1").build()) {
        assertThat(defaults.keyPrefix()).isEqualTo(RedisPersistentStorage.DEFAULT_KEY_PREFIX);
      }
    }

    @Test
    @DisplayName(
        "cluster nodes that cannot be reached build a storage, whose calls fail naming them")
    void unreachableCluster() {
      int port = closedPort();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.clusterBuilder(List.of("127.0.0.1:" + port))
              .connectTimeout(Duration.ofMillis(500))
              .build()) {
        assertThatThrownBy(() -> storage.load("alice:userID"))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("load failed for key 'alice:userID'")
            .hasMessageContaining("127.0.0.1:" + port);
      }
    }

    private void assertRejected(
        java.util.function.Consumer<RedisPersistentStorage.Builder> setting, String name) {
      RedisPersistentStorage.Builder builder = RedisPersistentStorage.builder("redis://127.0.0.1");
      assertThatThrownBy(
              () -> {
                setting.accept(builder);
                builder.build().close();
              })
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
  }

  @Nested
  @DisplayName("Faults")
  class Faults {
    @Test
    @DisplayName("connection refused is a StorageException naming host:port, operation and key")
    void connectionRefused() {
      int port = closedPort();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder("redis://127.0.0.1:" + port)
              .connectTimeout(Duration.ofMillis(500))
              .build()) {
        List<ThrowingCallable> operations =
            List.of(
                () -> storage.load("alice:userID"),
                () -> storage.save("alice:userID", "exp", VALUES),
                () -> storage.delete("alice:userID", "exp"),
                () -> storage.saveIfAbsent("alice:userID", "exp", VALUES),
                () -> storage.loadAll(List.of("alice:userID", "bob:userID")));
        List<String> names = List.of("load", "save", "delete", "saveIfAbsent", "loadAll");
        for (int i = 0; i < operations.size(); i++) {
          assertThatThrownBy(operations.get(i))
              .as(names.get(i))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith(names.get(i) + " failed for key")
              .hasMessageContaining("'alice:userID'")
              .hasMessageContaining("127.0.0.1:" + port);
        }
      }
    }

    @Test
    @DisplayName("a server that does not answer in time is a StorageException, not a hang")
    void timeout() throws IOException {
      // A socket that accepts connections (the backlog does) but never answers.
      try (ServerSocket silent = new ServerSocket()) {
        silent.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        try (RedisPersistentStorage storage =
            RedisPersistentStorage.builder("redis://127.0.0.1:" + silent.getLocalPort())
                .operationTimeout(Duration.ofMillis(300))
                .build()) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> storage.load("alice:userID"))
              .isInstanceOf(StorageException.class)
              .hasMessageContaining("load failed for key 'alice:userID'")
              .hasMessageContaining("127.0.0.1:" + silent.getLocalPort());
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
      }
    }
  }

  @Nested
  @DisplayName("Over a real server")
  class OverARealServer {
    static final String PREFIX = RedisKitVariant.uniquePrefix("unit");
    static String url;
    static RedisClient raw;

    @BeforeAll
    static void connect() {
      url = TestBackends.redisUrl();
      raw = RedisClient.create(URI.create(url));
    }

    @AfterAll
    static void cleanUp() {
      if (raw != null) {
        RedisKeys.deleteByPrefix(raw, PREFIX);
        raw.close();
      }
    }

    private String key() {
      return UUID.randomUUID() + ":userID";
    }

    @Test
    @DisplayName("an entry is a hash field at <prefix><key>, its value the universal JSON")
    void layout() {
      String key = key();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(PREFIX).build()) {
        storage.save(key, "checkout_button", VALUES);
      }
      Map<String, String> hash = raw.hgetAll(PREFIX + key);
      assertThat(hash).containsOnlyKeys("checkout_button");
      assertThat(hash.get("checkout_button"))
          .startsWith(
              "{\"value\":true,\"json_value\":{\"color\":\"Test\"},\"rule_id\":\"rule-Test\"")
          .contains("\"group_name\":\"Test\"", "\"config_version\":1");
      assertThat(raw.ttl(PREFIX + key)).as("no TTL by default").isEqualTo(-1);
    }

    @Test
    @DisplayName("the default key prefix is pa:")
    void defaultPrefix() {
      String key = PREFIX + key(); // under this test's prefix, so cleanup finds it: pa:<PREFIX>…
      try (RedisPersistentStorage storage = RedisPersistentStorage.builder(raw).build()) {
        storage.save(key, "exp", VALUES);
        assertThat(raw.hkeys("pa:" + key)).containsExactly("exp");
        storage.delete(key, "exp");
        assertThat(raw.exists("pa:" + key)).as("an empty hash is gone").isFalse();
      }
    }

    @Test
    @DisplayName("with expireAfter, save and a writing saveIfAbsent set the hash's TTL")
    void ttlIsSet() {
      String key = key();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw)
              .keyPrefix(PREFIX)
              .expireAfter(Duration.ofMinutes(10))
              .build()) {
        storage.saveIfAbsent(key, "a", VALUES);
        assertThat(raw.pttl(PREFIX + key)).isBetween(590_000L, 600_000L);
        raw.persist(PREFIX + key);
        storage.saveIfAbsent(key, "a", VALUES); // found: writes nothing, leaves the TTL alone
        assertThat(raw.pttl(PREFIX + key)).isEqualTo(-1);
        storage.save(key, "b", VALUES);
        assertThat(raw.pttl(PREFIX + key)).isBetween(590_000L, 600_000L);
      }
    }

    @Test
    @DisplayName("an entry larger than maxValueBytes is refused and nothing is written")
    void tooLargeForMaxValueBytes() {
      String key = key();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(PREFIX).maxValueBytes(100).build()) {
        assertThatThrownBy(() -> storage.save(key, "exp", VALUES))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("save: ")
            .hasMessageContaining("maxValueBytes (100)");
        assertThatThrownBy(() -> storage.saveIfAbsent(key, "exp", VALUES))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("saveIfAbsent: ");
        assertThat(raw.exists(PREFIX + key)).isFalse();
      }
    }

    @Test
    @DisplayName("saveIfAbsent over an unreadable entry replaces it and reports a write")
    void saveIfAbsentOverCorruptEntry() {
      String key = key();
      raw.hset(PREFIX + key, "exp", "{not json");
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(PREFIX).build()) {
        assertThat(storage.saveIfAbsent(key, "exp", VALUES)).isEmpty();
        assertThat(storage.load(key).get("exp")).contains(VALUES);
      }
    }

    @Test
    @DisplayName("the expiry is the storage clock's now + expireAfter, set with PEXPIREAT")
    void expiryFromTheClock() {
      String key = key();
      Instant now = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw)
              .keyPrefix(PREFIX)
              .clock(Clock.fixed(now, ZoneOffset.UTC))
              .expireAfter(Duration.ofHours(1))
              .build()) {
        storage.save(key, "a", VALUES);
        Instant expected = now.plus(Duration.ofHours(1));
        assertThat(raw.pexpireTime(PREFIX + key)).isEqualTo(expected.toEpochMilli());
        List<StoredEntry> entries = new ArrayList<>();
        storage.forEachEntry(
            entry -> {
              if (entry.key().equals(key)) {
                entries.add(entry);
              }
            });
        assertThat(entries).singleElement().extracting(StoredEntry::expiresAt).isEqualTo(expected);
      }
    }

    @Test
    @DisplayName("deleteAll removes the user's hash with one DEL")
    void deleteAll() {
      String key = key();
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(PREFIX).build()) {
        storage.save(key, "a", VALUES);
        storage.save(key, "b", VALUES);
        storage.deleteAll(key);
        assertThat(raw.exists(PREFIX + key)).isFalse();
        storage.deleteAll(key); // nothing there: not an error
      }
    }

    @Test
    @DisplayName(
        "forEachEntry and copy skip a key under the prefix that is not a hash, and go on;"
            + " purge leaves it alone")
    void foreignKeyUnderThePrefix() {
      String prefix = RedisKitVariant.uniquePrefix("foreign");
      String copyPrefix = RedisKitVariant.uniquePrefix("foreign-copy");
      try (RedisPersistentStorage storage =
              RedisPersistentStorage.builder(raw).keyPrefix(prefix).build();
          RedisPersistentStorage target =
              RedisPersistentStorage.builder(raw).keyPrefix(copyPrefix).build()) {
        raw.set(prefix + "lock", "1"); // SET pa:lock 1: WRONGTYPE for the hash commands
        raw.set(prefix + "zzz", "1");
        storage.save("alice:userID", "exp", VALUES);
        storage.save("bob:userID", "exp", VALUES);
        List<String> seen = new ArrayList<>();
        storage.forEachEntry(entry -> seen.add(entry.key()));
        assertThat(seen).containsExactlyInAnyOrder("alice:userID", "bob:userID");
        // What the CLI's copy does: every entry arrives, the lock is not an error.
        storage.forEachEntry(target::copyIfAbsent);
        assertThat(target.load("bob:userID").get("exp")).contains(VALUES);
        assertThat(storage.purge("exp")).isEqualTo(2);
        assertThat(raw.get(prefix + "lock")).isEqualTo("1");
      } finally {
        RedisKeys.deleteByPrefix(raw, prefix);
        RedisKeys.deleteByPrefix(raw, copyPrefix);
      }
    }

    @Test
    @DisplayName("purge removes one config's field from every hash, counting what HDEL removed")
    void purge() {
      String prefix = RedisKitVariant.uniquePrefix("purge");
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(prefix).build()) {
        for (int i = 0; i < 1_234; i++) {
          storage.save("user-" + i + ":userID", "stopped", VALUES);
          if (i % 2 == 0) {
            storage.save("user-" + i + ":userID", "running", VALUES);
          }
        }
        assertThat(storage.purge("stopped")).isEqualTo(1_234);
        assertThat(storage.purge("stopped")).isZero();
        assertThat(storage.load("user-0:userID").asMap()).containsOnlyKeys("running");
        assertThat(raw.exists(prefix + "user-1:userID")).as("an emptied hash is gone").isFalse();
      } finally {
        RedisKeys.deleteByPrefix(raw, prefix);
      }
    }

    @Test
    @DisplayName("closing leaves a caller's client open, and is idempotent")
    void callersClientStaysOpen() {
      RedisPersistentStorage storage =
          RedisPersistentStorage.builder(raw).keyPrefix(PREFIX).build();
      storage.close();
      assertThatCode(storage::close).doesNotThrowAnyException();
      assertThatThrownBy(() -> storage.load(key())).isInstanceOf(IllegalStateException.class);
      assertThat(raw.ping()).isEqualTo("PONG");
    }
  }

  @Nested
  @DisplayName("On a server this test starts, with a lower proto-max-bulk-len")
  class OwnServer {
    static LocalRedis server;

    @BeforeAll
    static void start() {
      server = LocalRedis.standalone("--proto-max-bulk-len", "1mb");
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    @Test
    @DisplayName("closing closes the client the storage created")
    void ownedClientIsClosed() {
      try (Jedis admin = new Jedis(server.nodes().get(0), LocalRedis.clientConfig())) {
        long alone = connectedClients(admin);
        RedisPersistentStorage storage = RedisPersistentStorage.builder(server.url()).build();
        storage.save("owned:userID", "exp", VALUES); // opens a pooled connection
        assertThat(connectedClients(admin)).isGreaterThan(alone);
        storage.close();
        // The server notices a closed socket on its next event-loop turn, not at once: wait up to
        // 5 s for the count to drop, so the test checks the close, not how fast Redis reacts.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (connectedClients(admin) != alone && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(connectedClients(admin)).isEqualTo(alone);
        assertThatThrownBy(() -> storage.load("owned:userID"))
            .isInstanceOf(IllegalStateException.class);
      }
    }

    private long connectedClients(Jedis admin) {
      for (String line : admin.info("clients").split("\r?\n")) {
        if (line.startsWith("connected_clients:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      throw new AssertionError("no connected_clients in INFO clients");
    }

    @Test
    @DisplayName("an entry larger than the server accepts is a StorageException, nothing written")
    void tooLargeForServer() {
      StickyValues large =
          StickyValues.builder()
              .value(true)
              .jsonValue(Map.of("blob", "x".repeat(1_100_000)))
              .groupName("Test")
              .build();
      try (RedisPersistentStorage storage = RedisPersistentStorage.builder(server.url()).build();
          RedisClient raw = RedisClient.create(server.nodes().get(0))) {
        assertThatThrownBy(() -> storage.save("big:userID", "exp", large))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("save failed for key 'big:userID'")
            .hasMessageContaining(server.nodes().get(0).toString());
        assertThat(raw.exists("pa:big:userID")).isFalse();
        // Redis closes a connection after a protocol error, and the pool may hand that connection
        // out once more before it notices: the next operation may fail once, never twice.
        try {
          storage.save("small:userID", "exp", VALUES);
        } catch (StorageException droppedConnection) {
          storage.save("small:userID", "exp", VALUES);
        }
        assertThat(storage.load("small:userID").asMap()).containsOnlyKeys("exp");
      }
    }
  }

  @Nested
  @DisplayName("From cluster nodes")
  class FromClusterNodes {
    static ClusterFixture cluster;

    @BeforeAll
    static void start() {
      cluster = ClusterFixture.start();
    }

    @AfterAll
    static void stop() {
      if (cluster != null) {
        cluster.close();
      }
    }

    @Test
    @DisplayName("a storage built from node addresses works on every slot and owns its client")
    void ownsItsClusterClient() {
      String prefix = RedisKitVariant.uniquePrefix("cluster-builder");
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        keys.add("user-" + i + ":userID");
      }
      RedisPersistentStorage storage =
          RedisPersistentStorage.clusterBuilder(cluster.nodes()).keyPrefix(prefix).build();
      try {
        keys.forEach(key -> storage.save(key, "exp", VALUES));
        assertThat(storage.loadAll(keys))
            .hasSize(30)
            .allSatisfy((k, v) -> assertThat(v.asMap()).containsOnlyKeys("exp"));
        keys.forEach(key -> storage.delete(key, "exp"));
        assertThat(storage.loadAll(keys).values())
            .allSatisfy(v -> assertThat(v.isEmpty()).isTrue());
      } finally {
        storage.close();
      }
      assertThatCode(storage::close).doesNotThrowAnyException();
      assertThatThrownBy(() -> storage.load("user-0:userID"))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
