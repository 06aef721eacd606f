package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.StickyValues;
import java.util.Map;

/** Values for this module's own tests (the kit's samples are its own). */
final class TestValues {
  private TestValues() {}

  static StickyValues group(String groupName) {
    return StickyValues.builder()
        .value(true)
        .jsonValue(Map.of("color", groupName))
        .ruleId("rule-" + groupName)
        .groupName(groupName)
        .time(1_700_000_000_000L)
        .configVersion(1)
        .build();
  }
}
