package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.conformance.InjectionText;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * Keys, key prefixes, config names and values written as Redis protocol and Lua: each is stored
 * byte for byte where it belongs (the hash {@code <prefix><key>}, its field, its value), through
 * plain commands and both scripts, and nothing else on the server changes. Jedis sends every
 * argument as a length-prefixed bulk string and the scripts take them as KEYS and ARGV, so no text
 * can end a command or a script early.
 */
@DisplayName("RedisPersistentStorage with hostile keys, prefixes, config names and values")
class RedisHostileNamesTest {

  @ParameterizedTest(name = "key prefix [{0}]")
  @ValueSource(strings = {":", "\r\n*1\r\n$4\r\nPING\r\n:", "pa:{x}\n"})
  @DisplayName("each is stored where it belongs, without and with a TTL, and nothing else changes")
  void storedLiterally(String prefixTail) {
    String prefix = "pa-test-hostile-" + UUID.randomUUID() + prefixTail;
    String canary = prefix + "canary";
    String bystander = prefix + "bystander";
    List<String> written = new ArrayList<>(List.of(canary, bystander));
    try (RedisClient raw = RedisClient.create(URI.create(TestBackends.redisUrl()))) {
      raw.set(canary, "alive");
      raw.hset(bystander, "exp", "untouched");
      try (RedisPersistentStorage plain =
              RedisPersistentStorage.builder(raw).keyPrefix(prefix).build();
          RedisPersistentStorage expiring =
              RedisPersistentStorage.builder(raw)
                  .keyPrefix(prefix)
                  .expireAfter(Duration.ofHours(1))
                  .build()) {
        for (String text : InjectionText.redis(canary)) {
          String key = text + ":userID";
          written.add(prefix + key);
          StickyValues first = InjectionText.carrying(text, "first");
          plain.save(key, text, first);
          expiring.save(key, text + "ttl", InjectionText.carrying(text, "with a TTL"));
          assertThat(expiring.saveIfAbsent(key, text, InjectionText.carrying(text, "second")))
              .contains(first);
          assertThat(plain.saveIfAbsent(key, text + "new", InjectionText.carrying(text, "new")))
              .isEmpty();
          plain.delete(key, text + "new");

          Map<String, String> hash = raw.hgetAll(prefix + key);
          assertThat(hash).as("the hash of [%s]", key).containsOnlyKeys(text, text + "ttl");
          assertThat(StickyValuesCodec.decode(hash.get(text))).isEqualTo(first);
          assertThat(raw.pttl(prefix + key)).as("the TTL of [%s]", key).isPositive();
          assertThat(plain.load(key).get(text)).contains(first);
          assertThat(plain.loadAll(List.of(key)).get(key).asMap())
              .containsOnlyKeys(text, text + "ttl");
        }
      }
      assertThat(raw.get(canary)).isEqualTo("alive");
      assertThat(raw.hgetAll(bystander)).isEqualTo(Map.of("exp", "untouched"));
    } finally {
      try (RedisClient raw = RedisClient.create(URI.create(TestBackends.redisUrl()))) {
        written.forEach(raw::del); // exact keys: a prefix with glob characters cannot be matched
      }
    }
  }
}
