package io.github.persistentassignment.integration.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flag values in json_value")
class FlagTypeTest {

  /** Through the storage codec's JSON text and back, as every adapter stores it. */
  private static Object roundTrip(FlagType type, Object value) {
    StickyValues values =
        StickyValues.builder().jsonValue(type.toJsonValue(value).orElseThrow()).build();
    StickyValues read = StickyValuesCodec.decode(StickyValuesCodec.encode(values));
    return type.fromJsonValue(read.jsonValue()).orElseThrow();
  }

  @Test
  @DisplayName("object values survive the JSON text: nesting, lists, nulls, ints, longs, doubles")
  void objectValues() {
    Value object =
        new Value(
            new ImmutableStructure(
                Map.of(
                    "list", new Value(List.of(new Value(1), new Value("two"), new Value())),
                    "deep", new Value(new ImmutableStructure(Map.of("d", new Value(1.5)))),
                    "long", new Value(1L << 40))));
    assertThat(roundTrip(FlagType.OBJECT, object)).isEqualTo(object);
    assertThat(roundTrip(FlagType.OBJECT, new Value())).isEqualTo(new Value());
    assertThat(roundTrip(FlagType.OBJECT, new Value(List.of()))).isEqualTo(new Value(List.of()));
    assertThat(roundTrip(FlagType.DOUBLE, 3.0)).isEqualTo(3.0);
    assertThat(roundTrip(FlagType.INTEGER, -7)).isEqualTo(-7);
    assertThat(roundTrip(FlagType.LONG, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("what JSON cannot give back is not stored: Instants, NaN, no value")
  void notStorable() {
    assertThat(FlagType.OBJECT.toJsonValue(new Value(Instant.EPOCH))).isEmpty();
    assertThat(
            FlagType.OBJECT.toJsonValue(
                new Value(new ImmutableStructure(Map.of("at", new Value(Instant.EPOCH))))))
        .isEmpty();
    assertThat(FlagType.DOUBLE.toJsonValue(Double.NaN)).isEmpty();
    assertThat(FlagType.STRING.toJsonValue(null)).isEmpty();
  }

  @Test
  @DisplayName("a stored value of another type does not fit")
  void mismatch() {
    Map<String, Object> text = Map.of("value", "blue");
    assertThat(FlagType.BOOLEAN.fromJsonValue(text)).isEmpty();
    assertThat(FlagType.INTEGER.fromJsonValue(Map.of("value", 1L << 40))).isEmpty();
    assertThat(FlagType.DOUBLE.fromJsonValue(Map.of("value", 2L))).contains(2.0);
    assertThat(FlagType.STRING.fromJsonValue(Map.of("other", "x"))).isEmpty();
    assertThat(FlagType.STRING.fromJsonValue(null)).isEmpty();
  }
}
