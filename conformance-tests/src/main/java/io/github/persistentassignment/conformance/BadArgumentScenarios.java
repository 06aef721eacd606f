package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Bad input is a clear error, and nothing is written or removed. */
abstract class BadArgumentScenarios extends ContractScenarios {

  BadArgumentScenarios(Kit kit) {
    super(kit);
  }

  @TestFactory
  @DisplayName(
      "a null or blank argument is an IllegalArgumentException naming it, and nothing is"
          + " written or removed")
  Stream<DynamicTest> badArgumentsAreRejected() {
    String key = key("alice");
    StickyValues kept = Samples.simple("kept");
    StickyValues values = Samples.simple("must not be written");
    storage().save(key, "kept", kept);
    List<DynamicTest> tests = new ArrayList<>();
    List<@Nullable String> badStrings = Arrays.asList(null, "", " ", "\t");
    for (String bad : badStrings) {
      String shown = bad == null ? "null" : "\"" + bad.replace("\t", "\\t") + "\"";
      tests.add(rejected("load(" + shown + ")", "key", () -> storage().load(bad)));
      tests.add(
          rejected(
              "save(" + shown + ", config, values)",
              "key",
              () -> storage().save(bad, CONFIG, values)));
      tests.add(
          rejected(
              "save(key, " + shown + ", values)",
              "configName",
              () -> storage().save(key, bad, values)));
      tests.add(
          rejected(
              "saveIfAbsent(" + shown + ", config, values)",
              "key",
              () -> storage().saveIfAbsent(bad, CONFIG, values)));
      tests.add(
          rejected(
              "saveIfAbsent(key, " + shown + ", values)",
              "configName",
              () -> storage().saveIfAbsent(key, bad, values)));
      tests.add(
          rejected("delete(" + shown + ", config)", "key", () -> storage().delete(bad, "kept")));
      tests.add(
          rejected("delete(key, " + shown + ")", "configName", () -> storage().delete(key, bad)));
      tests.add(rejected("deleteAll(" + shown + ")", "key", () -> storage().deleteAll(bad)));
      if (storage() instanceof EnumerableStorage enumerable) {
        tests.add(rejected("purge(" + shown + ")", "configName", () -> enumerable.purge(bad)));
      }
      tests.add(
          rejected(
              "loadAll([key, " + shown + "])",
              "key",
              () -> storage().loadAll(Arrays.asList(key, bad))));
    }
    tests.add(
        rejected("save(key, config, null)", "values", () -> storage().save(key, CONFIG, null)));
    tests.add(
        rejected(
            "saveIfAbsent(key, config, null)",
            "values",
            () -> storage().saveIfAbsent(key, CONFIG, null)));
    tests.add(rejected("loadAll(null)", "keys", () -> storage().loadAll(null)));
    tests.add(rejected("copyIfAbsent(null)", "entry", () -> storage().copyIfAbsent(null)));
    if (storage() instanceof EnumerableStorage enumerable) {
      tests.add(rejected("forEachEntry(null)", "action", () -> enumerable.forEachEntry(null)));
    }

    tests.add(
        dynamicTest(
            "nothing was written or removed",
            () -> assertEntries(storage().load(key), Map.of("kept", kept), "alice")));
    return tests.stream();
  }

  private DynamicTest rejected(String call, String argument, ThrowingCallable callable) {
    return dynamicTest(
        call + " names " + argument,
        () ->
            assertThatThrownBy(callable)
                .as(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(argument));
  }
}
