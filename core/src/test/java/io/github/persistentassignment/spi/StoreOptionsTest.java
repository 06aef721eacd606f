package io.github.persistentassignment.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {
  @Test
  @DisplayName("durations read in short form and in ISO-8601")
  void durations() {
    StoreOptions options =
        StoreOptions.of(
            "Test",
            Map.of("a", "500ms", "b", "2s", "c", "5m", "d", "1h", "e", "30d", "f", "PT1.5S"));
    assertThat(options.duration("a")).contains(Duration.ofMillis(500));
    assertThat(options.duration("b")).contains(Duration.ofSeconds(2));
    assertThat(options.duration("c")).contains(Duration.ofMinutes(5));
    assertThat(options.duration("d")).contains(Duration.ofHours(1));
    assertThat(options.duration("e")).contains(Duration.ofDays(30));
    assertThat(options.duration("f")).contains(Duration.ofMillis(1500));
    assertThat(options.duration("missing")).isEmpty();
    options.rejectUnknown();
  }

  @Test
  @DisplayName("a malformed value names the option and what it expects")
  void malformed() {
    StoreOptions options =
        StoreOptions.of(
            "Redis", Map.of("operationTimeout", "soon", "maxConnections", "ten", "x", "maybe"));
    assertThatThrownBy(() -> options.duration("operationTimeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "option operationTimeout of a Redis store must be a duration such as 500ms, 2s, 5m, 1h,"
                + " 30d or PT2S, was 'soon'");
    assertThatThrownBy(() -> options.count("maxConnections")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> options.bool("x")).hasMessageContaining("true or false");
  }

  @Test
  @DisplayName("options nobody asked for are refused, listing the known ones")
  void unknown() {
    StoreOptions options = StoreOptions.of("Redis", Map.of("keyPrefix", "pa:", "table", "t"));
    assertThat(options.string("keyPrefix")).contains("pa:");
    assertThat(options.count("maxConnections")).isEmpty();
    assertThat(options.bool("createTableIfMissing")).isEmpty();
    assertThatThrownBy(options::rejectUnknown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown option(s) ['table'] for a Redis store; known: [createTableIfMissing,"
                + " keyPrefix, maxConnections]");
  }
}
