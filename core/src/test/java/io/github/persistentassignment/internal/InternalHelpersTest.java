package io.github.persistentassignment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The helpers the storage modules share")
class InternalHelpersTest {

  @ParameterizedTest(name = "Utf8.length of \"{0}\" is what the encoder writes")
  @ValueSource(strings = {"", "ascii", "héllo", "€ and ✓", "𝄞 astral 👩‍💻", "mixed é𝄞a"})
  void utf8LengthMatchesTheEncoder(String text) {
    assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  @DisplayName("Utf8.length never counts an unpaired surrogate as less than the encoder writes")
  void unpairedSurrogate() {
    String broken = "a\uD800b";
    assertThat(Utf8.length(broken))
        .isGreaterThanOrEqualTo(broken.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  @DisplayName("requirePositive accepts a positive duration and names a null, zero or negative one")
  void requirePositive() {
    assertThat(Arguments.requirePositive(Duration.ofMillis(1), "ttl"))
        .isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Arguments.requirePositive(null, "ttl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must not be null");
    assertThatThrownBy(() -> Arguments.requirePositive(Duration.ZERO, "queryTimeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queryTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> Arguments.requirePositive(Duration.ofSeconds(-1), "ttl"))
        .hasMessageContaining("must be positive");
  }

  @Test
  @DisplayName("requireAtLeastOne accepts 1 and more, and names a count below 1")
  void requireAtLeastOne() {
    assertThat(Arguments.requireAtLeastOne(1, "maxConnections")).isEqualTo(1);
    assertThatThrownBy(() -> Arguments.requireAtLeastOne(0, "maxConnections"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnections must be at least 1, was 0");
  }
}
