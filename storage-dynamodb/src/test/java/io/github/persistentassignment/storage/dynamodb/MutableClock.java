package io.github.persistentassignment.storage.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves forward by hand, so TTL tests never sleep. */
final class MutableClock extends Clock {
  private final AtomicLong millis;

  /**
   * Starts at the current second. Not at a fixed past date: DynamoDB Local, like the service, may
   * delete items whose {@code ttl} lies in the real past.
   */
  MutableClock() {
    this.millis = new AtomicLong(System.currentTimeMillis() / 1000 * 1000);
  }

  void advance(Duration duration) {
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
