package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the store: {@code UP} when a read of a probe key answers, {@code DOWN} when it fails.
 * Details: {@code backend} (the store's class and URL scheme, never credentials), the current or
 * last outage ({@code outage.started}, {@code outage.ended}, {@code outage.error}: the exception's
 * type, as its message may name hosts), and the {@code PersistentAssignment} beans' {@code
 * storageFailures} and {@code storageOutages}.
 *
 * <p>{@code DOWN} reports; it changes nothing: {@code PersistentAssignment} serves live results
 * while the store is down and persists again once it answers. Keep this indicator out of a
 * readiness group unless a store outage should take the instance out of traffic.
 *
 * <pre>{@code
 * management:
 *   endpoint.health.show-details: always
 * }</pre>
 *
 * <p>The probe reads the store itself, under the near cache, so a cached answer never hides an
 * outage. Thread-safe.
 *
 * @since 0.2.0
 */
public final class PersistentAssignmentHealthIndicator implements HealthIndicator {
  /** The key the probe loads; no entry is ever stored under it. */
  public static final String PROBE_KEY = "persistent-assignment-health-probe";

  private final PersistentStorage store;
  private final String backend;
  private final Supplier<List<PersistentAssignment>> assignments;
  private final Clock clock;

  // guarded by this
  private @Nullable Instant outageStarted;
  private @Nullable Instant outageEnded;
  private @Nullable String outageError;

  /**
   * An indicator probing a store.
   *
   * @param store the store to read, without a cache in front
   * @param backend what the store is, shown as the {@code backend} detail; no credentials
   * @param assignments the instances whose failure counts are shown
   * @param clock when outages start and end
   */
  public PersistentAssignmentHealthIndicator(
      PersistentStorage store,
      String backend,
      Supplier<List<PersistentAssignment>> assignments,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.assignments = Objects.requireNonNull(assignments, "assignments");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Probes the store.
   *
   * @return {@code UP} or {@code DOWN} with the details above
   */
  @Override
  public Health health() {
    RuntimeException failure = null;
    try {
      store.load(PROBE_KEY);
    } catch (RuntimeException e) {
      failure = e;
    }
    Health.Builder health = failure == null ? Health.up() : Health.down();
    health.withDetail("backend", backend);
    synchronized (this) {
      Instant now = clock.instant();
      if (failure != null) {
        if (outageStarted == null || outageEnded != null) {
          outageStarted = now;
          outageEnded = null;
        }
        outageError = failure.getClass().getName();
      } else if (outageStarted != null && outageEnded == null) {
        outageEnded = now;
      }
      if (outageStarted != null) {
        Map<String, Object> outage = new LinkedHashMap<>();
        outage.put("started", outageStarted.toString());
        if (outageEnded != null) {
          outage.put("ended", outageEnded.toString());
        }
        outage.put("error", Objects.requireNonNull(outageError));
        health.withDetail(outageEnded == null ? "outage" : "lastOutage", outage);
      }
    }
    List<PersistentAssignment> instances = assignments.get();
    if (!instances.isEmpty()) {
      health.withDetail(
          "storageFailures",
          instances.stream().mapToLong(PersistentAssignment::storageFailures).sum());
      health.withDetail(
          "storageOutages",
          instances.stream().mapToLong(PersistentAssignment::storageOutages).sum());
    }
    return health.build();
  }
}
