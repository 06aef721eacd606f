package io.github.persistentassignment.spi;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The bounds every adapter's builder checks at {@code build()}, so that a setting which would fail
 * later (a time to live that overflows on the first save) fails where it was written.
 *
 * @since 0.2.0
 */
public final class StorageLimits {
  /** The shortest time to live: one millisecond, the finest resolution of any shipped backend. */
  public static final Duration MIN_EXPIRE_AFTER = Duration.ofMillis(1);

  /**
   * The longest time to live: 36 500 days (about a century); longer means "never" — leave it unset.
   */
  public static final Duration MAX_EXPIRE_AFTER = Duration.ofDays(36_500);

  private StorageLimits() {}

  /**
   * Checks a time to live, which may be absent (entries never expire).
   *
   * @param expireAfter the time to live, or {@code null}
   * @return the argument
   * @throws IllegalArgumentException naming {@code expireAfter} and the allowed range
   */
  public static @Nullable Duration checkExpireAfter(@Nullable Duration expireAfter) {
    if (expireAfter != null
        && (expireAfter.compareTo(MIN_EXPIRE_AFTER) < 0
            || expireAfter.compareTo(MAX_EXPIRE_AFTER) > 0)) {
      throw new IllegalArgumentException(
          "expireAfter must be between 1 ms and 36500 days (leave it unset for entries that never"
              + " expire), was "
              + expireAfter);
    }
    return expireAfter;
  }

  /**
   * Checks a timeout or another duration setting.
   *
   * @param value the duration
   * @param name the setting's name, used in the message
   * @param max the largest allowed value
   * @return the argument
   * @throws IllegalArgumentException naming the setting and the allowed range
   */
  public static Duration checkDuration(@Nullable Duration value, String name, Duration max) {
    requireNonNullArgument(value, name);
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be more than 0 and at most " + max + ", was " + value);
    }
    return value;
  }

  /**
   * Checks a count setting (a pool size, a byte limit).
   *
   * @param value the count
   * @param name the setting's name, used in the message
   * @param max the largest allowed value
   * @return the argument
   * @throws IllegalArgumentException naming the setting and the allowed range
   */
  public static int checkCount(int value, String name, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + " must be between 1 and " + max + ", was " + value);
    }
    return value;
  }
}
