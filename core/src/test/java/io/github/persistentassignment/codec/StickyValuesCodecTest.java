package io.github.persistentassignment.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The universal JSON codec")
class StickyValuesCodecTest {

  static StickyValues full() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", Arrays.asList(1, "two", null, true));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("color", "green");
    json.put("size", 3);
    json.put("ratio", 0.5);
    json.put("nested", nested);
    json.put("big", new BigInteger("123456789012345678901234567890"));
    json.put("unicode", "héllo 🎉");
    return StickyValues.builder()
        .value(true)
        .jsonValue(json)
        .ruleId("rule-42")
        .groupName("Test")
        .secondaryExposures(List.of(new SecondaryExposure("eu_users", "true", "rule-eu")))
        .time(1_700_000_000_000L)
        .configVersion(3)
        .build();
  }

  static String fixture(String name) {
    try (InputStream in = StickyValuesCodecTest.class.getResourceAsStream("/codec/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  @DisplayName("writes")
  class Writing {
    @Test
    @DisplayName("every field in the documented order, byte for byte as the golden file")
    void matchesGoldenFile() {
      assertThat(StickyValuesCodec.encode(full())).isEqualTo(fixture("ours.json"));
    }

    @Test
    @DisplayName("UTF-8 bytes identical to the text form")
    void utf8MatchesText() {
      assertThat(new String(StickyValuesCodec.encodeUtf8(full()), StandardCharsets.UTF_8))
          .isEqualTo(StickyValuesCodec.encode(full()));
    }

    @Test
    @DisplayName("explicit nulls for every null field")
    void explicitNulls() {
      assertThat(StickyValuesCodec.encode(StickyValues.builder().build()))
          .isEqualTo(
              "{\"value\":false,\"json_value\":null,\"rule_id\":null,\"group_name\":null,"
                  + "\"secondary_exposures\":[],\"undelegated_secondary_exposures\":[],"
                  + "\"config_delegate\":null,\"explicit_parameters\":null,\"time\":0,"
                  + "\"config_version\":null}");
    }
  }

  @Nested
  @DisplayName("reads")
  class Reading {
    @Test
    @DisplayName("its own output back to an equal value")
    void ownOutput() {
      assertThat(StickyValuesCodec.decode(fixture("ours.json"))).isEqualTo(full());
      assertThat(StickyValuesCodec.decode(fixture("ours.json").getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(full());
    }

    @Test
    @DisplayName("configVersion as a synonym of config_version")
    void camelCaseConfigVersion() {
      StickyValues read = StickyValuesCodec.decode(fixture("camel-config-version.json"));
      assertThat(read.configVersion()).isEqualTo(7);
      assertThat(read.groupName()).isEqualTo("Test");
      assertThat(read.jsonValue()).containsEntry("size", 3L);
    }

    @Test
    @DisplayName("a minimal entry, filling missing fields with their empty values")
    void minimal() {
      assertThat(StickyValuesCodec.decode(fixture("minimal.json")))
          .isEqualTo(StickyValues.builder().value(true).groupName("Control").build());
    }

    @Test
    @DisplayName("an entry written by Gson with nulls left out")
    void gsonStyle() {
      StickyValues read = StickyValuesCodec.decode(fixture("gson-nulls-omitted.json"));
      assertThat(read.jsonValue()).containsEntry("discount", 0.15);
      assertThat(read.secondaryExposures())
          .containsExactly(new SecondaryExposure("eu_users", "true", "3xJ8t"));
      assertThat(read.configDelegate()).isNull();
      assertThat(read.explicitParameters()).isNull();
      assertThat(read.configVersion()).isNull();
      assertThat(read.time()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    @DisplayName("an entry with unknown fields, ignoring them, and time as a float")
    void unknownFields() {
      StickyValues read = StickyValuesCodec.decode(fixture("unknown-fields.json"));
      assertThat(read)
          .isEqualTo(
              StickyValues.builder()
                  .value(true)
                  .jsonValue(Map.of("color", "blue"))
                  .ruleId("rule-1")
                  .groupName("Control")
                  .secondaryExposures(List.of(new SecondaryExposure("beta", "false", "default")))
                  .time(1_700_000_000_000L)
                  .configVersion(2)
                  .build());
    }

    @Test
    @DisplayName("time and config_version given as null")
    void nullTime() {
      assertThat(StickyValuesCodec.decode(fixture("time-null.json")))
          .isEqualTo(StickyValues.builder().build());
    }

    @Test
    @DisplayName("a layer entry with delegate, explicit parameters and exponent time")
    void layer() {
      StickyValues read = StickyValuesCodec.decode(fixture("layer.json"));
      assertThat(read.configDelegate()).isEqualTo("checkout_button");
      assertThat(read.explicitParameters()).containsExactly("button");
      assertThat(read.undelegatedSecondaryExposures()).hasSize(1);
      assertThat(read.time()).isEqualTo(1_700_000_000_100L);
      assertThat(read.configVersion()).isEqualTo(12);
      assertThat(read.jsonValue()).containsEntry("ratio", 0.25);
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(read))).isEqualTo(read);
    }
  }

  @Nested
  @DisplayName("round-trips exactly")
  class RoundTrip {
    @Test
    @DisplayName("numbers beyond long and decimals a double cannot hold")
    void largeNumbers() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("huge", new BigInteger("-98765432109876543210987654321"));
      json.put("precise", new BigDecimal("0.12345678901234567890123"));
      json.put("maxLong", Long.MAX_VALUE);
      json.put("minLong", Long.MIN_VALUE);
      json.put("tiny", 4.9e-324);
      json.put("int", 7);
      StickyValues values = StickyValues.builder().jsonValue(json).build();
      StickyValues read = StickyValuesCodec.decode(StickyValuesCodec.encode(values));
      assertThat(read).isEqualTo(values);
      assertThat(read.jsonValue())
          .containsEntry("int", 7L)
          .containsEntry("maxLong", Long.MAX_VALUE);
    }

    @Test
    @DisplayName("control characters, quotes, backslashes and astral-plane unicode")
    void awkwardStrings() {
      String awkward = "quote\" back\\slash \n\t\u0000 \u2028 𝄞 emoji 👩‍💻";
      StickyValues values =
          StickyValues.builder()
              .groupName(awkward)
              .ruleId(awkward)
              .jsonValue(Map.of(awkward, awkward))
              .explicitParameters(List.of(awkward))
              .configDelegate(awkward)
              .build();
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encodeUtf8(values))).isEqualTo(values);
    }

    @Test
    @DisplayName("an integral BigDecimal a double cannot hold (found by the property test)")
    void integralBigDecimal() {
      // Shrunk counterexample of StickyValuesCodecPropertyTest: written as "9007199254740993", it
      // came back as a Long, unequal to the BigDecimal that was saved.
      StickyValues values =
          StickyValues.builder().jsonValue(Map.of("", new BigDecimal("9007199254740993"))).build();
      assertThat(values.jsonValue()).containsEntry("", 9_007_199_254_740_993L);
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
      StickyValues beyondLong =
          StickyValues.builder()
              .jsonValue(Map.of("n", new BigDecimal("123456789012345678901234567890")))
              .build();
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(beyondLong)))
          .isEqualTo(beyondLong);
    }

    @Test
    @DisplayName("negative zero, which JSON reads back as zero")
    void negativeZero() {
      StickyValues values =
          StickyValues.builder().jsonValue(Map.of("double", -0.0, "float", -0.0f)).build();
      assertThat(values.jsonValue()).containsEntry("double", 0.0).containsEntry("float", 0.0);
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
    }

    @Test
    @DisplayName("parameters nested as deep as a value may be (199 levels)")
    void deepestNesting() {
      StickyValues values = StickyValues.builder().jsonValue(nested(199)).build();
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encodeUtf8(values))).isEqualTo(values);
    }

    @Test
    @DisplayName("numbers of 1 000 digits")
    void longestNumbers() {
      BigInteger digits = BigInteger.TEN.pow(999).add(BigInteger.ONE); // 1 000 digits
      StickyValues values =
          StickyValues.builder()
              .jsonValue(
                  Map.of(
                      "integer", digits.negate(),
                      "decimal", new BigDecimal(digits, 500),
                      // 981 digits and a 4-digit exponent: the reader counts those too.
                      "exponent",
                          new BigDecimal(BigInteger.TEN.pow(980).add(BigInteger.ONE), -5_000)))
              .build();
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
    }

    @Test
    @DisplayName("a string of over 20 million characters and a 60 000-character parameter name")
    void longStrings() {
      String huge = "x".repeat(20_000_001);
      String longName = "n".repeat(60_000);
      StickyValues values =
          StickyValues.builder().groupName(huge).jsonValue(Map.of(longName, true)).build();
      assertThat(StickyValuesCodec.decode(StickyValuesCodec.encode(values))).isEqualTo(values);
    }

    @Test
    @DisplayName("a 100 KB entry")
    void largeEntry() {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        items.add(Map.of("index", i, "label", "item-" + i));
      }
      StickyValues values = StickyValues.builder().jsonValue(Map.of("items", items)).build();
      String json = StickyValuesCodec.encode(values);
      assertThat(json.length()).isGreaterThan(100_000);
      assertThat(StickyValuesCodec.decode(json)).isEqualTo(values);
    }
  }

  /** Objects nested {@code levels} deep, the outermost included. */
  static Map<String, Object> nested(int levels) {
    Map<String, Object> value = Map.of("leaf", "x");
    for (int level = 1; level < levels; level++) {
      value = Map.of("k", value);
    }
    return value;
  }

  @Nested
  @DisplayName("refuses, when the value is built, what it could write but not read back")
  class WriteOnlyValues {
    @Test
    @DisplayName("parameters nested 200 levels deep")
    void tooDeep() {
      assertThatThrownBy(() -> StickyValues.builder().jsonValue(nested(200)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("jsonValue.k.k.k")
          .hasMessageContaining("more than 199 levels deep");
      List<Object> lists = List.of("x");
      for (int level = 1; level < 200; level++) {
        lists = List.of(lists);
      }
      Map<String, Object> inArrays = Map.of("lists", lists);
      assertThatThrownBy(() -> StickyValues.builder().jsonValue(inArrays))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than 199 levels deep");
    }

    @Test
    @DisplayName("an already copied value nested one level deeper than allowed")
    void tooDeepByReuse() {
      StickyValues deepest = StickyValues.builder().jsonValue(nested(199)).build();
      Map<String, Object> oneMore = Map.of("k", deepest.jsonValue());
      assertThatThrownBy(() -> StickyValues.builder().jsonValue(oneMore))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than 199 levels deep");
      StickyValues copiedAgain = StickyValues.builder().jsonValue(deepest.jsonValue()).build();
      assertThat(copiedAgain).isEqualTo(deepest);
    }

    @Test
    @DisplayName("a number of 1 001 digits")
    void tooManyDigits() {
      BigInteger digits = BigInteger.TEN.pow(1_000); // 1 001 digits
      assertThatThrownBy(() -> StickyValues.builder().jsonValue(Map.of("big", digits)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("jsonValue.big is a number of 1001 digits; at most 1000");
      assertThatThrownBy(
              () -> StickyValues.builder().jsonValue(Map.of("d", new BigDecimal(digits, 3))))
          .hasMessage("jsonValue.d is a number of 1001 digits; at most 1000");
    }

    @Test
    @DisplayName("and reading a stored document nested deeper than that is a format error")
    void deeperDocument() {
      String deep = "{\"json_value\":" + "{\"k\":".repeat(200) + "1" + "}".repeat(201) + "}";
      assertThatThrownBy(() -> StickyValuesCodec.decode(deep))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("nesting depth");
    }
  }

  @Nested
  @DisplayName("rejects, naming where and what was expected")
  class Rejecting {
    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "\"text\"", "42", "null"})
    @DisplayName("a document that is not an object")
    void notAnObject(String json) {
      assertThatThrownBy(() -> StickyValuesCodec.decode(json))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("expected a JSON object");
    }

    @Test
    @DisplayName("truncated JSON")
    void truncated() {
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"value\":true,\"json_value\":{\"a\":"))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("line 1");
    }

    @Test
    @DisplayName("a field of the wrong type, with its JSON pointer")
    void wrongType() {
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"value\":true,\"group_name\":42}"))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("/group_name")
          .hasMessageContaining("expected a string or null")
          .hasMessageContaining("42");
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"time\":\"yesterday\"}"))
          .hasMessageContaining("/time")
          .hasMessageContaining("expected a number or null");
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"json_value\":[1]}"))
          .hasMessageContaining("expected an object or null");
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"config_version\":12345678901}"))
          .hasMessageContaining("fits in an int");
    }

    @Test
    @DisplayName("trailing content after the object")
    void trailing() {
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"value\":true} {}"))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("end of the document");
    }
  }

  @Test
  @DisplayName(
      "entries loaded with UserPersistedValues.ofEncoded skip a corrupt one and keep the others")
  void encodedEntriesSkipCorrupt() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("good", fixture("minimal.json"));
    raw.put("corrupt", "{not json");
    raw.put("wrong", "{\"group_name\":[]}");
    UserPersistedValues values = UserPersistedValues.ofEncoded("u1:userID", raw);
    assertThat(values.asMap()).containsOnlyKeys("good");
    assertThat(values.isAvailable()).isTrue();
    assertThat(UserPersistedValues.ofEncoded("u1:userID", Map.of()))
        .isEqualTo(UserPersistedValues.empty());
  }
}
