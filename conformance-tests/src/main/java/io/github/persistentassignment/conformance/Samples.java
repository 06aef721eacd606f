package io.github.persistentassignment.conformance;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;

/** The values the kit stores: small ones that tell entries apart, and ones that use every field. */
public final class Samples {
  private Samples() {}

  /**
   * {@return a small entry whose group names it} A misplaced entry is then obvious in a failure
   * message.
   *
   * @param groupName the group name, also used in the rule id and the parameters
   */
  public static StickyValues simple(String groupName) {
    return StickyValues.builder()
        .value(true)
        .jsonValue(Map.of("group", groupName))
        .ruleId("rule-" + groupName)
        .groupName(groupName)
        .time(1_700_000_000_000L)
        .configVersion(1)
        .build();
  }

  /** {@return every field set, with nested JSON, unicode, extreme numbers and nulls in the JSON} */
  public static StickyValues everyField() {
    Map<String, @Nullable Object> level3 = new LinkedHashMap<>();
    level3.put("list", Arrays.asList(1L, "two", null, Map.of("k", "v"), List.of()));
    level3.put("null", null);
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("string", "plain");
    json.put("unicode", "Grüße, 日本語, emoji 😀, clef 𝄞, שלום");
    json.put("escapes", "quote \" backslash \\ slash / newline \n tab \t bell \u0007");
    json.put("ключ 🔑", "a key that is not ASCII");
    json.put("true", true);
    json.put("false", false);
    json.put("null", null);
    json.put("zero", 0L);
    json.put("negative", -42L);
    json.put("longMax", Long.MAX_VALUE);
    json.put("longMin", Long.MIN_VALUE);
    json.put("beyondLong", new BigInteger("123456789012345678901234567890"));
    json.put("negativeBeyondLong", new BigInteger("-98765432109876543210987654321"));
    json.put("double", 3.25);
    json.put("negativeDouble", -0.5);
    json.put("tenth", 0.1);
    json.put(
        "decimalBeyondDouble",
        new BigDecimal("3.1415926535897932384626433832795028841971693993751"));
    json.put("nested", Map.of("level2", Map.of("level3", level3)));
    json.put("array", Arrays.asList(1L, 2.5, "three", true, null, List.of(), Map.of()));
    json.put("emptyObject", Map.of());
    json.put("emptyArray", List.of());
    return StickyValues.builder()
        .value(true)
        .jsonValue(json)
        .ruleId("7Xq1lB2a ✓")
        .groupName("Test Group 😀")
        .secondaryExposures(
            List.of(
                new SecondaryExposure("gate_a", "true", "rule_a"),
                new SecondaryExposure("gate_ü", "false", "default")))
        .undelegatedSecondaryExposures(List.of(new SecondaryExposure("gate_b", "false", "rule_b")))
        .configDelegate("inner_experiment")
        .explicitParameters(List.of("string", "nested"))
        .time(1_700_000_000_123L)
        .configVersion(2_147_483_647)
        .build();
  }

  /** {@return every nullable field null, every list empty, value false and time 0} */
  public static StickyValues everyNullableFieldNull() {
    return StickyValues.builder().build();
  }

  /**
   * {@return an empty object and empty lists where null is also allowed} They must not come back as
   * null.
   */
  public static StickyValues emptyRatherThanNull() {
    return StickyValues.builder()
        .value(false)
        .jsonValue(Map.of())
        .ruleId("")
        .groupName("")
        .explicitParameters(List.of())
        .time(-1L)
        .configVersion(0)
        .build();
  }

  /** {@return the shape a layer stores: a delegate, explicit parameters, undelegated exposures} */
  public static StickyValues layerEntry() {
    return StickyValues.builder()
        .value(true)
        .jsonValue(Map.of("button_color", "green", "price", 9.99, "quantity", 3L))
        .ruleId("layer_rule")
        .groupName("Green")
        .secondaryExposures(List.of(new SecondaryExposure("holdout", "false", "holdout_rule")))
        .undelegatedSecondaryExposures(List.of())
        .configDelegate("green_button_experiment")
        .explicitParameters(List.of("button_color"))
        .time(1_712_345_678_901L)
        .configVersion(null)
        .build();
  }

  /** {@return the round-trip cases, named for the test report} */
  public static Stream<Named<StickyValues>> roundTrips() {
    return Stream.of(
        Named.of("every field set", everyField()),
        Named.of("every nullable field null", everyNullableFieldNull()),
        Named.of("empty object and lists rather than null", emptyRatherThanNull()),
        Named.of("a layer entry with a delegate", layerEntry()));
  }

  /**
   * {@return an entry of roughly {@code bytes} bytes of JSON, most of it one ASCII string}
   *
   * @param bytes the approximate size of the entry's JSON
   */
  public static StickyValues large(int bytes) {
    int blobLength = Math.max(bytes - 4_096, bytes / 2);
    StringBuilder blob = new StringBuilder(blobLength);
    for (int i = 0; blob.length() < blobLength; i++) {
      blob.append(Integer.toString(i, 36)).append(' ');
    }
    blob.setLength(blobLength);
    List<Object> numbers = new ArrayList<>();
    for (long i = 0; i < 200; i++) {
      numbers.add(i * 7919);
    }
    return StickyValues.builder()
        .value(true)
        .jsonValue(Map.of("blob", blob.toString(), "numbers", numbers))
        .ruleId("large")
        .groupName("large")
        .time(1_700_000_000_000L)
        .build();
  }

  /**
   * {@return names with characters that break naive key building} Separators, wildcards, quotes,
   * escapes and unicode.
   */
  public static List<String> awkwardNames() {
    return List.of(
        "a", "a:b", "a:", ":a", "a::b", "user", "user1", "user:1", "User", "{a}", "{", "}", "a{b}c",
        "*", "a*", "?", "[a]", "%", "a%", "_", "'", "a'b", "\"", "a\"b", "\\", "a\\b", "a b", " a",
        "a ", "a/b", "a.b", "a,b", "a;b", "a-b", "a|b", "a\tb", "日本", "😀", "e\u0301", "é", "ß",
        "SS", "0", "-1", "null", "true", "[]", "{}", "a=b&c=d", "$1", "#", "@");
  }
}
