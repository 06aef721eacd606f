package io.github.persistentassignment.conformance.load;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.Samples;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The keys, config names and values of one {@link SustainedLoad} run.
 *
 * <p>Every thread owns a few config names under every key, so threads write to the same keys at the
 * same time (the case where a read-modify-write adapter loses entries) while each thread still
 * knows exactly what its own entries must hold. Contended slots are config names every thread races
 * for with {@code saveIfAbsent}, spread over the keys.
 *
 * <p>Every value names the key and config it was written for, and who wrote it when, in its rule
 * id, so a value read back under another key or config is caught as corrupt even where the reader
 * cannot know which value to expect.
 */
final class LoadKeyspace {
  private static final int TEXT_POOL_CHARS = 1 << 16;
  private static final String TEXT_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-_/\\\"'{}[]éüßЖ日本😀𝄞";

  private final String[] keys;
  private final String[][] ownedConfigs;
  private final String[] contendedConfigs;
  private final int[][] contendedSlotsByKey;
  private final int largestPaddingChars;
  private final String textPool;
  private final List<StickyValues> shapes =
      List.of(
          Samples.everyField(),
          Samples.layerEntry(),
          Samples.emptyRatherThanNull(),
          Samples.everyNullableFieldNull());

  LoadKeyspace(
      String prefix,
      int keyCount,
      int threads,
      int configsPerThread,
      int contendedSlots,
      int largestPaddingChars,
      long seed) {
    this.keys = new String[keyCount];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = prefix + "user" + i + ":userID";
    }
    this.ownedConfigs = new String[threads][configsPerThread];
    for (int thread = 0; thread < threads; thread++) {
      for (int j = 0; j < configsPerThread; j++) {
        ownedConfigs[thread][j] = "thread" + thread + "_config" + j;
      }
    }
    this.contendedConfigs = new String[contendedSlots];
    for (int slot = 0; slot < contendedSlots; slot++) {
      contendedConfigs[slot] = "contended" + slot;
    }
    this.contendedSlotsByKey = new int[keyCount][];
    for (int i = 0; i < keyCount; i++) {
      contendedSlotsByKey[i] =
          IntStream.iterate(i, slot -> slot < contendedSlots, slot -> slot + keyCount).toArray();
    }
    this.largestPaddingChars = largestPaddingChars;
    this.textPool = randomText(new SplittableRandom(seed), TEXT_POOL_CHARS + largestPaddingChars);
  }

  int keyCount() {
    return keys.length;
  }

  int configsPerThread() {
    return ownedConfigs[0].length;
  }

  String key(int keyIndex) {
    return keys[keyIndex];
  }

  String ownedConfig(int thread, int index) {
    return ownedConfigs[thread][index];
  }

  String contendedConfig(int slot) {
    return contendedConfigs[slot];
  }

  /** The key a contended slot lives under. */
  int keyOfContendedSlot(int slot) {
    return slot % keys.length;
  }

  /** The contended slots that live under a key, in ascending order. Do not modify. */
  int[] contendedSlotsOfKey(int keyIndex) {
    return contendedSlotsByKey[keyIndex];
  }

  /**
   * A new value for an entry: one of the kit's sample shapes (every field set, a layer entry, empty
   * rather than null, every nullable field null), stamped with who wrote it, and for the shapes
   * that carry parameters a padding string of random length and content. Most values are small; a
   * few run to the largest padding.
   */
  StickyValues newValue(
      String key, String config, int writer, long sequence, SplittableRandom rnd) {
    StickyValues shape = shapes.get(rnd.nextInt(shapes.size()));
    StickyValues.Builder value =
        shape.toBuilder().ruleId(stamp(key, config) + "w" + writer + "#" + sequence).time(sequence);
    Map<String, ?> parameters = shape.jsonValue();
    if (parameters != null && !parameters.isEmpty()) {
      value.jsonValue(
          Map.of(
              "shape", parameters,
              "padding", padding(rnd.nextInt(TEXT_POOL_CHARS), paddingLength(rnd)),
              "sequence", sequence));
    }
    return value.build();
  }

  /** Whether a value read under this key and config was written for them. */
  static boolean belongsTo(StickyValues value, String key, String config) {
    String ruleId = value.ruleId();
    return ruleId != null && ruleId.startsWith(stamp(key, config));
  }

  /** A short description of a value for a failure message: who wrote it, not its whole content. */
  static String describe(StickyValues value) {
    return "the value stamped '" + value.ruleId() + "'";
  }

  /**
   * What a read returned instead of what was expected, for a failure message: who wrote each value
   * and, when both exist, the fields they differ in, so it says what a backend mangled.
   */
  static String mismatch(@Nullable StickyValues read, @Nullable StickyValues expected) {
    if (read == null || expected == null) {
      return describeOrNothing(read) + " instead of " + describeOrNothing(expected);
    }
    return describe(read)
        + " instead of "
        + describe(expected)
        + ", differing in "
        + fieldsThatDiffer(read, expected);
  }

  static String describeOrNothing(@Nullable StickyValues value) {
    return value == null ? "nothing" : describe(value);
  }

  /** The names of the fields two values differ in, so a failure says what a backend mangled. */
  private static List<String> fieldsThatDiffer(StickyValues a, StickyValues b) {
    List<String> fields = new ArrayList<>();
    for (RecordComponent component : StickyValues.class.getRecordComponents()) {
      try {
        Method accessor = component.getAccessor();
        if (!Objects.equals(accessor.invoke(a), accessor.invoke(b))) {
          fields.add(component.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read StickyValues." + component.getName(), e);
      }
    }
    return fields;
  }

  private static String stamp(String key, String config) {
    return key + "|" + config + "|";
  }

  private int paddingLength(SplittableRandom rnd) {
    int percent = rnd.nextInt(100);
    int ceiling;
    if (percent < 70) {
      ceiling = Math.min(128, largestPaddingChars);
    } else if (percent < 95) {
      ceiling = Math.min(2_048, largestPaddingChars);
    } else {
      ceiling = largestPaddingChars;
    }
    return ceiling == 0 ? 0 : rnd.nextInt(ceiling + 1);
  }

  /**
   * A slice of the text pool, moved off the halves of a surrogate pair: a lone surrogate cannot be
   * encoded, and would come back from any backend as a replacement character.
   */
  private String padding(int offset, int length) {
    int start = offset;
    int end = offset + length;
    if (start < end && Character.isLowSurrogate(textPool.charAt(start))) {
      start++;
    }
    if (start < end && Character.isHighSurrogate(textPool.charAt(end - 1))) {
      end--;
    }
    return textPool.substring(start, end);
  }

  private static String randomText(SplittableRandom rnd, int length) {
    int[] codePoints = TEXT_ALPHABET.codePoints().toArray();
    StringBuilder text = new StringBuilder(length + 1);
    while (text.length() < length) {
      text.appendCodePoint(codePoints[rnd.nextInt(codePoints.length)]);
    }
    return text.toString();
  }
}
