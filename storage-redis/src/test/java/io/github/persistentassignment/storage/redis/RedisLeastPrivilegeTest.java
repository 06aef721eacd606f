package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The Redis ACL rules docs/redis.md shows, run exactly as written (with a throwaway user name,
 * password and key prefix): a user with only those rules can do everything the storage does, on a
 * standalone server and on a cluster this test starts, and is refused outside its key prefix.
 */
@DisplayName("docs/redis.md's least-privilege Redis ACL")
class RedisLeastPrivilegeTest {
  static final String RULES = "redis-acl.txt";
  static final String CLUSTER_RULES = "redis-cluster-acl.txt";
  static final String ENUMERATE_RULES = "redis-enumerate-acl.txt";
  static final StickyValues VALUES = StickyValues.builder().value(true).groupName("Test").build();
  static final StickyValues OTHER_VALUES =
      StickyValues.builder().value(true).groupName("Control").build();

  /** A user made from docs/redis.md's rules, deleted on close. */
  record AclUser(String name, String password, String prefix, List<Jedis> servers)
      implements AutoCloseable {

    static AclUser create(List<HostAndPort> nodes, String... ruleFiles) {
      List<String> rules = new ArrayList<>();
      for (String file : ruleFiles) {
        rules.add(resource(file));
      }
      return withRules(nodes, rules);
    }

    static AclUser withRules(List<HostAndPort> nodes, List<String> rules) {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      AclUser user =
          new AclUser(
              "pa_acl_" + suffix,
              UUID.randomUUID().toString(),
              "pa-acl-" + suffix + ":",
              new ArrayList<>());
      for (HostAndPort node : nodes) {
        Jedis admin = new Jedis(node, LocalRedis.clientConfig());
        user.servers.add(admin);
        rules.forEach(text -> user.apply(admin, text));
      }
      return user;
    }

    /** Runs each {@code ACL SETUSER pa_app …} line with this user's name, password and prefix. */
    private void apply(Jedis admin, String text) {
      for (String line : text.strip().split("\n")) {
        String command =
            line.replace("pa_app", name)
                .replace(">CHANGE-ME", ">" + password)
                .replace("~pa:*", "~" + prefix + "*");
        List<String> words = Arrays.asList(command.split(" "));
        assertThat(words.subList(0, 3)).containsExactly("ACL", "SETUSER", name);
        admin.aclSetUser(name, words.subList(3, words.size()).toArray(String[]::new));
      }
    }

    String url(HostAndPort node) {
      return "redis://" + name + ":" + password + "@" + node;
    }

    @Override
    public void close() {
      for (Jedis admin : servers) {
        admin.aclDelUser(name);
        admin.close();
      }
    }
  }

  /** Every operation, with and without a TTL, scripts sent by digest and again in full. */
  static void everyOperation(RedisPersistentStorage.Builder builder, List<Jedis> servers) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("user-" + i + ":userID");
    }
    servers.forEach(Jedis::scriptFlush); // the first EVALSHA misses and the script goes by EVAL
    try (RedisPersistentStorage storage = builder.build();
        RedisPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
      for (String key : keys) {
        storage.save(key, "saved", VALUES);
        assertThat(storage.saveIfAbsent(key, "first", VALUES)).isEmpty();
        // A different entry: one equal to the stored one counts as this call's own write.
        assertThat(storage.saveIfAbsent(key, "first", OTHER_VALUES)).contains(VALUES);
        expiring.save(key, "expiring", VALUES);
        assertThat(expiring.saveIfAbsent(key, "expiring-first", VALUES)).isEmpty();
        storage.delete(key, "saved");
        assertThat(storage.load(key).asMap())
            .containsOnlyKeys("first", "expiring", "expiring-first");
      }
      assertThat(storage.loadAll(keys)).hasSize(keys.size());
      if (servers.size() == 1) {
        // A corrupt entry (written by the admin): saveIfAbsent replaces it with the
        // compare-and-set script, sent by EVAL after a flush.
        servers.get(0).hset(storage.redisKey(keys.get(0)), "corrupt", "{not json");
        servers.forEach(Jedis::scriptFlush);
        assertThat(storage.saveIfAbsent(keys.get(0), "corrupt", VALUES)).isEmpty();
      }
      keys.forEach(storage::deleteAll);
      assertThat(storage.loadAll(keys).values()).allSatisfy(v -> assertThat(v.isEmpty()).isTrue());
    }
  }

  @Test
  @DisplayName(
      "let a redis:// URL's user do every operation, and nothing outside its prefix, on a"
          + " standalone server this test starts")
  void enoughAndNoMore() {
    try (LocalRedis server = LocalRedis.standalone();
        AclUser user = AclUser.create(server.nodes(), RULES)) {
      HostAndPort node = server.nodes().get(0);
      String url = user.url(node);
      everyOperation(RedisPersistentStorage.builder(url).keyPrefix(user.prefix()), user.servers());
      try (RedisPersistentStorage outside =
          RedisPersistentStorage.builder(url).keyPrefix("other:").build()) {
        assertThatThrownBy(() -> outside.save("a:userID", "exp", VALUES))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("NOPERM");
      }
      try (RedisPersistentStorage storage =
          RedisPersistentStorage.builder(url).keyPrefix(user.prefix()).build()) {
        assertThatThrownBy(() -> storage.forEachEntry(entry -> {}))
            .as("SCAN is granted only for enumeration")
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("NOPERM");
      }
    }
  }

  @Test
  @DisplayName("need every command they grant: without any one of them an operation is refused")
  void everyGrantIsNeeded() {
    String rules = resource(RULES).strip();
    List<String> grants =
        Arrays.stream(rules.split(" ")).filter(word -> word.startsWith("+")).toList();
    assertThat(grants).hasSizeGreaterThanOrEqualTo(8);
    try (LocalRedis server = LocalRedis.standalone()) {
      HostAndPort node = server.nodes().get(0);
      for (String grant : grants) {
        String without =
            String.join(
                " ", Arrays.stream(rules.split(" ")).filter(word -> !word.equals(grant)).toList());
        try (AclUser user = AclUser.withRules(List.of(node), List.of(without))) {
          assertThatThrownBy(
                  () ->
                      everyOperation(
                          RedisPersistentStorage.builder(user.url(node)).keyPrefix(user.prefix()),
                          user.servers()))
              .as("every operation without %s", grant)
              .isInstanceOf(StorageException.class)
              // NOPERM for a command; inside a script, Redis says the user "can't run" it.
              .hasMessageMatching("(?s).*(NOPERM|can\\\\?'t run this command).*");
        }
      }
    }
  }

  @Test
  @DisplayName("with the enumeration rule added, let it list every entry and purge a config")
  void enumeration() {
    try (LocalRedis server = LocalRedis.standalone();
        AclUser user = AclUser.create(server.nodes(), RULES, ENUMERATE_RULES);
        RedisPersistentStorage storage =
            RedisPersistentStorage.builder(user.url(server.nodes().get(0)))
                .keyPrefix(user.prefix())
                .build()) {
      storage.save("listed:userID", "exp", VALUES);
      try (RedisPersistentStorage expiring =
          RedisPersistentStorage.builder(user.url(server.nodes().get(0)))
              .keyPrefix(user.prefix())
              .expireAfter(Duration.ofHours(1))
              .build()) {
        expiring.save("expiring:userID", "exp", VALUES);
      }
      List<String> listed = new ArrayList<>();
      storage.forEachEntry(entry -> listed.add(entry.key() + " " + entry.configName()));
      assertThat(listed).containsExactlyInAnyOrder("listed:userID exp", "expiring:userID exp");
      assertThat(storage.purge("exp")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName(
      "with the cluster rule added, let node URLs' user do every operation on a three-master"
          + " cluster, which it cannot reach without that rule")
  void enoughOnCluster() {
    try (ClusterFixture cluster = ClusterFixture.start()) {
      List<HostAndPort> nodes = List.copyOf(cluster.hostAndPorts());
      try (AclUser user = AclUser.create(nodes, RULES, CLUSTER_RULES)) {
        List<String> urls = nodes.stream().map(user::url).toList();
        everyOperation(
            RedisPersistentStorage.clusterBuilder(urls).keyPrefix(user.prefix()), user.servers());
      }
      try (AclUser user = AclUser.create(nodes, RULES)) {
        List<String> urls = nodes.stream().map(user::url).toList();
        try (RedisPersistentStorage storage =
            RedisPersistentStorage.clusterBuilder(urls).keyPrefix(user.prefix()).build()) {
          assertThatThrownBy(() -> storage.load("a:userID"))
              .as("without the cluster rule")
              .isInstanceOf(StorageException.class)
              .hasMessageContaining("cluster slots");
        }
      }
    }
  }

  /**
   * A least-privilege file as docs/redis.md shows it (storage-memory's DocsSnippetsTest checks
   * that).
   */
  static String resource(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/least-privilege", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
