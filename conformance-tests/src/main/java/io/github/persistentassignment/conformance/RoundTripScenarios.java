package io.github.persistentassignment.conformance;

import io.github.persistentassignment.StickyValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What is saved is what is loaded. */
abstract class RoundTripScenarios extends ContractScenarios {

  RoundTripScenarios(Kit kit) {
    super(kit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.persistentassignment.conformance.Samples#roundTrips")
  @DisplayName("load returns exactly what save stored")
  void roundTrip(StickyValues values) {
    storage().save(key("user"), CONFIG, values);
    assertEntries(storage().load(key("user")), Map.of(CONFIG, values), "round trip");
    assertEntries(newStorage().load(key("user")), Map.of(CONFIG, values), "second instance");
  }

  @Test
  @DisplayName("a large entry (about 300 KB, or kit.maxValueBytes()) is returned intact")
  void largeValue() {
    StickyValues large = Samples.large(Math.min(kit.maxValueBytes(), LARGE_VALUE_BYTES));
    storage().save(key("user"), CONFIG, large);
    storage().save(key("user"), "small", Samples.simple("small"));
    assertEntries(
        storage().load(key("user")),
        Map.of(CONFIG, large, "small", Samples.simple("small")),
        "large entry");
  }

  @Test
  @DisplayName("saving a config again replaces its entry and no other")
  void overwrite() {
    storage().save(key("user"), CONFIG, Samples.simple("first"));
    storage().save(key("user"), "other", Samples.simple("other"));
    storage().save(key("user"), CONFIG, Samples.everyField());
    assertEntries(
        storage().load(key("user")),
        Map.of(CONFIG, Samples.everyField(), "other", Samples.simple("other")),
        "after overwrite");
  }

  @Test
  @DisplayName("50 configs under one key are all returned")
  void manyConfigsPerKey() {
    Map<String, StickyValues> expected = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      expected.put("config-" + i, Samples.simple("group-" + i));
    }
    expected.forEach((config, values) -> storage().save(key("user"), config, values));
    assertEntries(storage().load(key("user")), expected, "50 configs");
  }
}
