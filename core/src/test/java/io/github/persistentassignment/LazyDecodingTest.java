package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.logcapture.CapturedLogs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@DisplayName("UserPersistedValues.ofEncoded: entries decoded when first needed")
class LazyDecodingTest {
  static final StickyValues CONTROL = StickyValues.builder().groupName("Control").time(1).build();
  static final StickyValues TEST = StickyValues.builder().groupName("Test").time(2).build();

  static UserPersistedValues encoded(Map<String, String> entries) {
    return UserPersistedValues.ofEncoded("alice:userID", entries);
  }

  static Map<String, String> entries(Object... nameThenText) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameThenText.length; i += 2) {
      Object text = nameThenText[i + 1];
      map.put(
          (String) nameThenText[i],
          text instanceof StickyValues
              ? StickyValuesCodec.encode((StickyValues) text)
              : (String) text);
    }
    return map;
  }

  @Test
  @DisplayName("decodes nothing when built, and only the entry asked for")
  void decodesOnlyWhatIsAsked() {
    UserPersistedValues values = encoded(entries("a", CONTROL, "b", TEST));
    assertThat(values.isDecoded("a")).isFalse();
    assertThat(values.isDecoded("b")).isFalse();

    assertThat(values.get("a")).contains(CONTROL);

    assertThat(values.isDecoded("a")).isTrue();
    assertThat(values.isDecoded("b")).isFalse();
    assertThat(values.holds("b")).isTrue();
  }

  @Test
  @DisplayName("skips a corrupt entry, logging it once however often it is asked for")
  void corruptEntryLoggedOnce() {
    try (CapturedLogs logs = CapturedLogs.capture()) {
      UserPersistedValues values = encoded(entries("a", CONTROL, "broken", "{\"value\":"));
      assertThat(logs.at(Level.WARN)).as("nothing is decoded yet").isEmpty();

      assertThat(values.get("broken")).isEmpty();
      assertThat(values.get("broken")).isEmpty();
      assertThat(values.asMap()).containsOnlyKeys("a");
      assertThat(values).isEqualTo(UserPersistedValues.of(Map.of("a", CONTROL)));

      assertThat(logs.at(Level.WARN)).hasSize(1);
      assertThat(logs.textAt(Level.WARN))
          .contains("'broken'")
          .doesNotContain("alice")
          .doesNotContain("{\"value\":");
    }
  }

  @Test
  @DisplayName("equals and hashes like the same entries given decoded, keeping their order")
  void equality() {
    UserPersistedValues lazy = encoded(entries("a", CONTROL, "b", TEST));
    UserPersistedValues eager = UserPersistedValues.of(Map.of("a", CONTROL, "b", TEST));
    assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
    assertThat(lazy.asMap().keySet()).containsExactly("a", "b");
    assertThat(lazy.asMap()).isSameAs(lazy.asMap());
    assertThat(lazy).isNotEqualTo(UserPersistedValues.unavailable());
    assertThat(encoded(Map.of())).isSameAs(UserPersistedValues.empty());
  }

  @Test
  @DisplayName("is empty when every entry is corrupt")
  void allCorrupt() {
    UserPersistedValues values = encoded(entries("x", "not json"));
    assertThat(values.isAvailable()).isTrue();
    assertThat(values.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("copies the map it is given")
  void copies() {
    Map<String, String> source = entries("a", CONTROL);
    UserPersistedValues values = encoded(source);
    source.clear();
    assertThat(values.get("a")).contains(CONTROL);
  }

  @Test
  @DisplayName("rejects a blank key or config name and a null text, naming them")
  void rejects() {
    assertThatThrownBy(() -> UserPersistedValues.ofEncoded(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> encoded(Map.of(" ", "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("configName");
    Map<String, String> nullText = new HashMap<>();
    nullText.put("exp", null);
    assertThatThrownBy(() -> encoded(nullText))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encodedEntries[exp]");
  }
}
