package io.github.persistentassignment.codec;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for any {@link StickyValues}: every field, JSON parameters nested a few levels deep,
 * text from all of Unicode except NUL (astral characters included, never a lone surrogate), and
 * numbers of every Java type the class accepts, at their extremes too.
 */
public final class StickyValuesArbitraries {
  private StickyValuesArbitraries() {}

  /** Any value, with every field drawn independently. */
  static Arbitrary<StickyValues> stickyValues() {
    return Builders.withBuilder(StickyValues::builder)
        .use(Arbitraries.of(true, false))
        .in(StickyValues.Builder::value)
        .use(jsonObject().injectNull(0.2))
        .in(StickyValues.Builder::jsonValue)
        .use(text().injectNull(0.2))
        .in(StickyValues.Builder::ruleId)
        .use(text().injectNull(0.2))
        .in(StickyValues.Builder::groupName)
        .use(exposures())
        .in(StickyValues.Builder::secondaryExposures)
        .use(exposures())
        .in(StickyValues.Builder::undelegatedSecondaryExposures)
        .use(text().injectNull(0.5))
        .in(StickyValues.Builder::configDelegate)
        .use(text().list().ofMaxSize(4).injectNull(0.5))
        .in(StickyValues.Builder::explicitParameters)
        .use(Arbitraries.longs())
        .in(StickyValues.Builder::time)
        .use(Arbitraries.integers().injectNull(0.3))
        .in(StickyValues.Builder::configVersion)
        .build(StickyValues.Builder::build);
  }

  /**
   * Text of up to 12 code points, weighted towards what breaks encoders: control characters, quotes
   * and backslashes, line separators, characters outside the BMP (surrogate pairs).
   */
  static Arbitrary<String> text() {
    return text(12);
  }

  /**
   * Text of up to {@code maxCodePoints} code points, drawn as {@link #codePoint()} draws them.
   *
   * @param maxCodePoints the longest text, in code points
   * @return the generator
   */
  public static Arbitrary<String> text(int maxCodePoints) {
    return codePoint()
        .list()
        .ofMaxSize(maxCodePoints)
        .map(points -> points.stream().map(Character::toString).collect(Collectors.joining()));
  }

  /**
   * One Unicode code point other than NUL and the surrogate range.
   *
   * @return the generator
   */
  public static Arbitrary<Integer> codePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(2, Arbitraries.of(0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x22, 0x27, 0x5C, 0x7F)),
        Tuple.of(1, Arbitraries.of(0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFF)),
        Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
        Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
        Tuple.of(2, Arbitraries.integers().between(0x1_0000, 0x10_FFFF)));
  }

  /** A JSON object whose values may nest objects and arrays three levels deep. */
  static Arbitrary<Map<String, Object>> jsonObject() {
    return Arbitraries.maps(text(), jsonValue(3).injectNull(0.1)).ofMaxSize(5);
  }

  private static Arbitrary<Object> jsonValue(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(5, scalar()),
        Tuple.of(1, Arbitraries.maps(text(), inner.injectNull(0.1)).ofMaxSize(4).map(m -> m)),
        Tuple.of(1, inner.injectNull(0.1).list().ofMaxSize(4).map(l -> l)));
  }

  private static Arbitrary<Object> scalar() {
    return Arbitraries.oneOf(
        text().map(s -> s), Arbitraries.of(true, false).map(b -> b), number().map(n -> n));
  }

  /** Every number type {@link StickyValues} takes, including long extremes and big numbers. */
  static Arbitrary<Number> number() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(n -> n),
        Arbitraries.integers().map(n -> n),
        Arbitraries.shorts().map(n -> n),
        Arbitraries.bytes().map(n -> n),
        Arbitraries.doubles().map(n -> n),
        Arbitraries.floats().map(n -> n),
        bigInteger().map(n -> n),
        Combinators.combine(bigInteger(), Arbitraries.integers().between(-60, 60))
            .as((unscaled, scale) -> (Number) new BigDecimal(unscaled, scale)));
  }

  /** Integers of up to 60 digits, so most of them are beyond a long. */
  private static Arbitrary<BigInteger> bigInteger() {
    BigInteger bound = BigInteger.TEN.pow(60);
    return Arbitraries.bigIntegers().between(bound.negate(), bound);
  }

  private static Arbitrary<List<SecondaryExposure>> exposures() {
    return Combinators.combine(text(), Arbitraries.of("true", "false"), text())
        .as(SecondaryExposure::new)
        .list()
        .ofMaxSize(3);
  }
}
