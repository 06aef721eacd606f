package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("redis:// and redis-cluster:// URLs, and enumeration with SCAN")
class RedisStorageProviderTest {

  @Test
  @DisplayName("cluster URLs become one node URL each, carrying TLS and credentials")
  void clusterNodes() {
    assertThat(RedisStorageProvider.clusterNodes("redis-cluster://a:7000,b:7001"))
        .containsExactly("redis://a:7000", "redis://b:7001");
    assertThat(RedisStorageProvider.clusterNodes("rediss-cluster://u:p@a:7000,b:7001/"))
        .containsExactly("rediss://u:p@a:7000", "rediss://u:p@b:7001");
    assertThatThrownBy(() -> RedisStorageProvider.clusterNodes("redis-cluster://a:1,,b:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host:port");
  }

  @Test
  @DisplayName("an unknown option is refused")
  void unknownOption() {
    assertThatThrownBy(() -> PersistentStorages.open("redis://127.0.0.1:1", Map.of("ttl", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl")
        .hasMessageContaining("operationTimeout");
  }

  @Test
  @DisplayName(
      "every builder setting is an option of the same name, read without contacting the server")
  void everySettingIsAnOption() {
    Map<String, String> options =
        Map.of(
            "keyPrefix", "app:pa:",
            "expireAfter", "90d",
            "maxValueBytes", "65536",
            "connectTimeout", "1s",
            "operationTimeout", "500ms",
            "poolTimeout", "PT0.2S",
            "maxConnections", "8");
    // Nothing listens on port 1, and on the cluster's nodes neither: building needs no server.
    for (String url : List.of("redis://127.0.0.1:1", "redis-cluster://127.0.0.1:1,127.0.0.1:2")) {
      try (PersistentStorage storage = PersistentStorages.open(url, options)) {
        RedisPersistentStorage redis = (RedisPersistentStorage) storage;
        assertThat(redis.keyPrefix()).isEqualTo("app:pa:");
        assertThat(redis.expireAfter()).contains(java.time.Duration.ofDays(90));
      }
    }
  }

  @Test
  @DisplayName("an option out of range or malformed is refused, naming it")
  void badOptionValues() {
    assertThatThrownBy(
            () ->
                PersistentStorages.open("redis://127.0.0.1:1", Map.of("operationTimeout", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("operationTimeout");
    assertThatThrownBy(
            () -> PersistentStorages.open("redis://127.0.0.1:1", Map.of("maxConnections", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(
            () -> PersistentStorages.open("redis://127.0.0.1:1", Map.of("expireAfter", "400000d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expireAfter");
  }

  @Test
  @DisplayName("redis:// opens a standalone storage that enumerates only its own prefix")
  void standalone() {
    String prefix = "pa-enum-" + UUID.randomUUID() + ":*[x]:";
    String other = "pa-enum-" + UUID.randomUUID() + ":";
    try (PersistentStorage storage =
            PersistentStorages.open(TestBackends.redisUrl(), Map.of("keyPrefix", prefix));
        PersistentStorage neighbour =
            PersistentStorages.open(TestBackends.redisUrl(), Map.of("keyPrefix", other))) {
      assertThat(storage).isInstanceOf(RedisPersistentStorage.class);
      neighbour.save("n:userID", "exp", TestValues.group("n"));
      checkEnumeration(storage, 1_234);
      clear(storage);
      clear(neighbour);
    }
  }

  @Test
  @DisplayName("redis-cluster:// enumerates the keys of every primary node")
  void cluster() {
    try (ClusterFixture cluster = ClusterFixture.start();
        PersistentStorage storage =
            PersistentStorages.open(
                "redis-cluster://" + String.join(",", cluster.nodes()),
                Map.of("keyPrefix", "pa-enum-" + UUID.randomUUID() + ":"))) {
      checkEnumeration(storage, 700);
      clear(storage);
    }
  }

  private static void checkEnumeration(PersistentStorage storage, int keys) {
    Set<StoredEntry> expected = new HashSet<>();
    for (int i = 0; i < keys; i++) {
      String key = "user-" + i + ":userID";
      for (String config : List.of("a", "b")) {
        storage.save(key, config, TestValues.group("g" + i));
        expected.add(new StoredEntry(key, config, TestValues.group("g" + i)));
      }
    }
    Set<StoredEntry> seen = new HashSet<>();
    ((EnumerableStorage) storage).forEachEntry(seen::add);
    assertThat(seen).isEqualTo(expected);
  }

  private static void clear(PersistentStorage storage) {
    Set<StoredEntry> all = new HashSet<>();
    ((EnumerableStorage) storage).forEachEntry(all::add);
    all.forEach(entry -> storage.delete(entry.key(), entry.configName()));
  }
}
