package io.github.persistentassignment.cache.caffeine;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that a test moves by hand: the cache's {@link Ticker} and the in-memory store's clock (for
 * its time to live) move together, so no test sleeps.
 */
final class FakeTime implements Ticker {
  private final AtomicLong nanos = new AtomicLong();
  private final MutableClock clock = new MutableClock();

  /** Lets this much time pass, for the cache and the store alike. */
  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
    clock.advance(duration);
  }

  /** The store's clock. */
  MutableClock clock() {
    return clock;
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
