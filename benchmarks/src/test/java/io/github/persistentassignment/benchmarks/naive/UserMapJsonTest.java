package io.github.persistentassignment.benchmarks.naive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.benchmarks.SampleEntries;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The naive adapters' whole-map JSON")
class UserMapJsonTest {

  @Test
  @DisplayName("joins entries into one object and splits it back into the same texts")
  void roundTrip() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("checkout_button", SampleEntries.TYPICAL_JSON);
    entries.put("quote \" and ünïcode 😀", "{\"nested\":{\"a\":[1,{\"b\":\"}\"}]}}");
    entries.put("large", SampleEntries.LARGE_JSON);

    String joined = UserMapJson.join(entries);

    assertThat(joined).startsWith("{\"checkout_button\":{");
    assertThat(UserMapJson.split(joined)).containsExactlyEntriesOf(entries);
    assertThat(StickyValuesCodec.decode(UserMapJson.split(joined).get("large")))
        .isEqualTo(SampleEntries.LARGE);
  }

  @Test
  @DisplayName("an empty map is an empty object")
  void empty() {
    assertThat(UserMapJson.join(Map.of())).isEqualTo("{}");
    assertThat(UserMapJson.split("{}")).isEmpty();
  }

  @Test
  @DisplayName("a stored value that is not an object is refused")
  void notAnObject() {
    assertThatThrownBy(() -> UserMapJson.split("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
  }
}
