package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The Redis ACL rules the README documents, run exactly as written (with a throwaway user name,
 * password and key prefix): a user with only those rules can do everything the storage does, on a
 * standalone server and on a cluster this test starts, and is refused outside its key prefix.
 */
@DisplayName("The README's least-privilege Redis ACL")
class RedisLeastPrivilegeTest {
  static final String RULES = "redis-acl.txt";
  static final String CLUSTER_RULES = "redis-cluster-acl.txt";
  static final String ENUMERATE_RULES = "redis-enumerate-acl.txt";
  static final StickyValues VALUES = StickyValues.builder().value(true).groupName("Test").build();

  @Test
  @DisplayName("is what the README shows")
  void readmeShowsTheRules() throws IOException {
    String readme =
        Files.readString(
            Path.of("").toAbsolutePath().getParent().resolve("README.md"), StandardCharsets.UTF_8);
    for (String rules : List.of(RULES, CLUSTER_RULES, ENUMERATE_RULES)) {
      assertThat(readme).as(rules).contains("```text\n" + resource(rules) + "```\n");
    }
  }

  /** A user made from the README's rules, deleted on close. */
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
        assertThat(storage.saveIfAbsent(key, "first", VALUES)).contains(VALUES);
        expiring.save(key, "expiring", VALUES);
        assertThat(expiring.saveIfAbsent(key, "expiring-first", VALUES)).isEmpty();
        storage.delete(key, "saved");
        assertThat(storage.load(key).asMap())
            .containsOnlyKeys("first", "expiring", "expiring-first");
      }
      assertThat(storage.loadAll(keys)).hasSize(keys.size());
      keys.forEach(
          key ->
              List.of("first", "expiring", "expiring-first").forEach(c -> storage.delete(key, c)));
    }
  }

  @Nested
  @DisplayName("on a standalone server this test starts")
  class Standalone {
    static LocalRedis server;

    @BeforeAll
    static void start() {
      server = LocalRedis.standalone();
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    @Test
    @DisplayName("lets a redis:// URL's user do every operation, and nothing outside its prefix")
    void enoughAndNoMore() {
      HostAndPort node = server.nodes().get(0);
      try (AclUser user = AclUser.create(List.of(node), RULES)) {
        String url = user.url(node);
        everyOperation(
            RedisPersistentStorage.builder(url).keyPrefix(user.prefix()), user.servers());
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
    @DisplayName("needs every command it grants: without any one of them an operation is refused")
    void everyGrantIsNeeded() {
      HostAndPort node = server.nodes().get(0);
      String rules = resource(RULES).strip();
      List<String> grants =
          Arrays.stream(rules.split(" ")).filter(word -> word.startsWith("+")).toList();
      assertThat(grants).hasSizeGreaterThanOrEqualTo(8);
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
              .hasMessageMatching("(?s).*(NOPERM|can't run this command).*");
        }
      }
    }

    @Test
    @DisplayName("with the enumeration rule added, lets it list every entry (forEachEntry)")
    void enumeration() {
      HostAndPort node = server.nodes().get(0);
      try (AclUser user = AclUser.create(List.of(node), RULES, ENUMERATE_RULES);
          RedisPersistentStorage storage =
              RedisPersistentStorage.builder(user.url(node)).keyPrefix(user.prefix()).build()) {
        storage.save("listed:userID", "exp", VALUES);
        List<String> listed = new ArrayList<>();
        storage.forEachEntry(entry -> listed.add(entry.key() + " " + entry.configName()));
        assertThat(listed).containsExactly("listed:userID exp");
      }
    }
  }

  @Nested
  @DisplayName("on a three-master cluster")
  class OnCluster {
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
    @DisplayName(
        "with the cluster rule added, lets node URLs' user do every operation on every node")
    void enoughOnCluster() {
      List<HostAndPort> nodes = List.copyOf(cluster.hostAndPorts());
      try (AclUser user = AclUser.create(nodes, RULES, CLUSTER_RULES)) {
        List<String> urls = nodes.stream().map(user::url).toList();
        everyOperation(
            RedisPersistentStorage.clusterBuilder(urls).keyPrefix(user.prefix()), user.servers());
      }
      try (AclUser user = AclUser.create(nodes, RULES)) {
        List<String> urls = nodes.stream().map(user::url).toList();
        assertThatThrownBy(
                () -> RedisPersistentStorage.clusterBuilder(urls).keyPrefix(user.prefix()).build())
            .as("without the cluster rule")
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("cluster slots");
      }
    }
  }

  static String resource(String name) {
    try (InputStream in =
        RedisLeastPrivilegeTest.class.getResourceAsStream("/least-privilege/" + name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
