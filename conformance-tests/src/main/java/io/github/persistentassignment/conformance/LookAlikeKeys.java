package io.github.persistentassignment.conformance;

import io.github.persistentassignment.conformance.StorageKeyProperties.KeySet;
import io.github.persistentassignment.internal.Utf8;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates sets of storage keys that differ as little as keys can: one drawn key and variants of
 * it that a backend comparing loosely, or building keys by concatenation, would confuse (a
 * separator added, case changed, a trailing space, the last character dropped, braces, unicode
 * normalized), with the config names stored under each.
 */
final class LookAlikeKeys {
  /** The variants of a key; each must differ from it for most keys. */
  private static final List<UnaryOperator<String>> VARIANTS =
      List.of(
          key -> key + ":",
          key -> ":" + key,
          key -> key + ":userID",
          key -> key.toUpperCase(Locale.ROOT),
          key -> key.toLowerCase(Locale.ROOT),
          key -> key + " ",
          LookAlikeKeys::withoutLastCodePoint,
          key -> "{" + key + "}",
          key -> key + "*",
          key -> key + "%",
          key -> key + "\n",
          key -> Normalizer.normalize(key, Normalizer.Form.NFD),
          key -> Normalizer.normalize(key, Normalizer.Form.NFC));

  private LookAlikeKeys() {}

  /**
   * Key sets of one to seven keys (the drawn key, its upper- and lower-case forms, up to four other
   * variants), each at most {@code maxKeyBytes} of UTF-8, with one or two config names of at most
   * {@code maxConfigNameBytes}.
   */
  static Arbitrary<KeySet> keySets(int maxKeyBytes, int maxConfigNameBytes) {
    Arbitrary<List<String>> keys =
        Combinators.combine(base(), Arbitraries.subsetOf(VARIANTS).ofMaxSize(4))
            .as((base, variants) -> variantsOf(base, variants, maxKeyBytes));
    Arbitrary<List<String>> configNames =
        text(Arbitraries.integers().between(1, 40))
            .filter(name -> !name.isBlank() && Utf8.length(name) <= maxConfigNameBytes)
            .set()
            .ofMinSize(1)
            .ofMaxSize(2)
            .map(ArrayList::new);
    return Combinators.combine(keys, configNames).as(KeySet::new);
  }

  private static List<String> variantsOf(
      String base, Set<UnaryOperator<String>> variants, int maxKeyBytes) {
    String fitted = fit(base, maxKeyBytes);
    Set<String> keys = new LinkedHashSet<>();
    keys.add(fitted);
    // Case changes in every set, not only in the drawn ones: a case-insensitive key column
    // (MariaDB's default collation) is the most common way keys collide, and the kit's self-test
    // must catch it on every run, whatever the seed.
    List<UnaryOperator<String>> always =
        List.of(key -> key.toUpperCase(Locale.ROOT), key -> key.toLowerCase(Locale.ROOT));
    for (UnaryOperator<String> variant : always) {
      String key = variant.apply(fitted);
      if (!key.isBlank() && Utf8.length(key) <= maxKeyBytes) {
        keys.add(key);
      }
    }
    for (UnaryOperator<String> variant : variants) {
      String key = variant.apply(fitted);
      if (!key.isBlank() && Utf8.length(key) <= maxKeyBytes) {
        keys.add(key);
      }
    }
    return List.copyOf(keys);
  }

  /** The key shortened, code point by code point, until it fits with room for a variant. */
  private static String fit(String key, int maxKeyBytes) {
    String fitted = key;
    while (Utf8.length(fitted) > Math.max(1, maxKeyBytes - 16) && fitted.length() > 1) {
      fitted = withoutLastCodePoint(fitted);
    }
    return fitted.isBlank() ? "k" + fitted : fitted;
  }

  private static String withoutLastCodePoint(String key) {
    return key.substring(0, key.offsetByCodePoints(key.length(), -1));
  }

  /** Mostly short keys, some of thousands of characters. */
  private static Arbitrary<String> base() {
    return text(Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(1, 24)),
            Tuple.of(2, Arbitraries.integers().between(200, 3_000))))
        .filter(key -> !key.isBlank());
  }

  private static Arbitrary<String> text(Arbitrary<Integer> lengths) {
    return lengths.flatMap(
        length ->
            codePoint()
                .list()
                .ofSize(length)
                .map(
                    points ->
                        points.stream().map(Character::toString).collect(Collectors.joining())));
  }

  /**
   * A code point other than NUL and the surrogates, weighted towards characters that mean something
   * to some backend: separators, braces, wildcards, quotes, escapes, whitespace and control
   * characters, combining marks, letters that change case or length, astral characters.
   */
  private static Arbitrary<Integer> codePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between('a', 'z')),
        Tuple.of(2, Arbitraries.integers().between('A', 'Z')),
        Tuple.of(1, Arbitraries.integers().between('0', '9')),
        Tuple.of(
            4, Arbitraries.of(":{}[]*?%_'\"\\/.,;#@$&=+-|`~^!()<> ".codePoints().boxed().toList())),
        Tuple.of(1, Arbitraries.of(0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0xA0)),
        Tuple.of(
            2, Arbitraries.of(0xE9, 0x0301, 0xDF, 0x130, 0x131, 0x3A3, 0x2028, 0xFEFF, 0xFFFD)),
        Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
        Tuple.of(1, Arbitraries.integers().between(0x1_F300, 0x1_FAFF)),
        Tuple.of(1, Arbitraries.integers().between(0x1_0000, 0x10_FFFF)));
  }
}
