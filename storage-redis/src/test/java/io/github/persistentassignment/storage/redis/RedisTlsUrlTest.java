package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code rediss://} URLs: TLS, with the ACL user and password the URL carries. */
@DisplayName("rediss:// URLs")
class RedisTlsUrlTest {

  @Test
  @DisplayName("carry TLS, the ACL user and password (percent-decoded) and the database")
  void parsed() {
    RedisAddress address = RedisAddress.parseUrl("rediss://pa_app:s%40cret@redis.internal:6380/2");
    assertThat(address.tls()).isTrue();
    assertThat(address.user()).isEqualTo("pa_app");
    assertThat(address.password()).isEqualTo("s@cret");
    assertThat(address.database()).isEqualTo(2);
    assertThat(address.endpoint()).isEqualTo("redis.internal:6380");
    assertThat(address.redacted()).isEqualTo("rediss://pa_app:***@redis.internal:6380/2");
    assertThat(RedisAddress.parseUrl("redis://redis.internal").tls()).isFalse();
  }

  @Test
  @DisplayName("connect with a TLS handshake, which a plain-text server never answers")
  void handshake() {
    URI plain = URI.create(TestBackends.redisUrl());
    String tlsUrl = "rediss://" + plain.getHost() + ":" + plain.getPort();
    try (RedisPersistentStorage storage =
        RedisPersistentStorage.builder(tlsUrl).operationTimeout(Duration.ofMillis(500)).build()) {
      assertThatThrownBy(() -> storage.load("tls:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("load failed for key 'tls:userID'")
          .satisfies(
              failure -> {
                // The server reads the ClientHello as the start of a command and waits for more.
                Throwable root = failure;
                while (root.getCause() != null) {
                  root = root.getCause();
                }
                assertThat(root).isInstanceOf(SocketTimeoutException.class);
                assertThat(root.getStackTrace())
                    .as("the read that timed out was the TLS handshake's")
                    .anyMatch(frame -> frame.getMethodName().equals("startHandshake"));
              });
    }
  }
}
