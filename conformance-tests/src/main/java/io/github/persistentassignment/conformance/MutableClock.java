package io.github.persistentassignment.conformance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock a test moves forward by hand, so expiry tests never sleep: hand it to an adapter that
 * takes a {@link Clock}, and override {@link PersistentStorageConformanceTest#advanceTime} to call
 * {@link #advance}. Thread-safe.
 */
public final class MutableClock extends Clock {
  private final AtomicLong millis;

  /**
   * Starts at the current second. Not at a fixed past date: a real backend (DynamoDB's TTL, for
   * one) may delete entries whose expiry lies in the real past.
   */
  public MutableClock() {
    this(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
  }

  /**
   * Starts at the given instant.
   *
   * @param start the clock's first reading
   */
  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far; negative moves it back
   */
  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
