package io.github.persistentassignment.metrics.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Every timer of one {@link MeteredPersistentStorage}, registered up front: a call records into an
 * array slot, with no registry lookup on the way.
 */
final class StorageTimers {
  private static final String[] OUTCOMES = {"success", "failure", "rejected"};
  private static final int SUCCESS = 0;
  private static final int FAILURE = 1;
  private static final int REJECTED = 2;

  private final Clock clock;
  private final Timer[][] timers; // [operation][outcome]; a null row: not on this storage

  private StorageTimers(Clock clock, Timer[][] timers) {
    this.clock = clock;
    this.timers = timers;
  }

  /** Registers the timers of every operation the storage has (two more when it is enumerable). */
  static StorageTimers register(MeterRegistry registry, Tags commonTags, boolean enumerable) {
    StorageOperation[] operations = StorageOperation.values();
    Timer[][] timers = new Timer[operations.length][];
    for (StorageOperation operation : operations) {
      if (operation.enumerableOnly() && !enumerable) {
        continue;
      }
      Timer[] row = new Timer[OUTCOMES.length];
      for (int outcome = 0; outcome < OUTCOMES.length; outcome++) {
        row[outcome] =
            Timer.builder(MeteredPersistentStorage.TIMER)
                .description("Time of each call of the storage, by operation and outcome")
                .tags(commonTags)
                .tag("operation", operation.tag())
                .tag("outcome", OUTCOMES[outcome])
                .register(registry);
      }
      timers[operation.ordinal()] = row;
    }
    // The registry's clock, so a registry on a mock clock times calls on that clock too.
    return new StorageTimers(registry.config().clock(), timers);
  }

  /** The moment a call starts, on the registry's monotonic clock. */
  long start() {
    return clock.monotonicTime();
  }

  /**
   * Records a call that started at {@code start}.
   *
   * @param thrown what the call threw, or null when it returned
   */
  void record(StorageOperation operation, long start, @Nullable RuntimeException thrown) {
    long elapsed = clock.monotonicTime() - start;
    Timer[] row = timers[operation.ordinal()];
    if (row != null) {
      row[outcomeOf(thrown)].record(elapsed, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The storage contract's exception types: IllegalArgumentException (bad arguments) and
   * IllegalStateException (a closed storage) are the caller's doing, refused before the backend was
   * asked; anything else (StorageException above all) is the backend failing.
   */
  private static int outcomeOf(@Nullable RuntimeException thrown) {
    if (thrown == null) {
      return SUCCESS;
    }
    if (thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException) {
      return REJECTED;
    }
    return FAILURE;
  }
}
