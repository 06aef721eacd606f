package io.github.persistentassignment.metrics.micrometer;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.DecisionListener;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.internal.Arguments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * The meters of {@link PersistentAssignment}: a decision listener that counts decisions by reason,
 * and a Micrometer {@link MeterBinder} that also reads the storage failures and outages of the
 * instances it monitors.
 *
 * <pre>{@code
 * PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics(Tags.of("app", "shop"));
 * PersistentAssignment assignment =
 *     PersistentAssignment.builder()
 *         .storage(storage)
 *         .evaluator(catalog)
 *         .decisionListener(metrics)
 *         .build();
 * metrics.monitor(assignment).bindTo(registry);
 * }</pre>
 *
 * <p>The listener goes to the builder and the built instance to {@link #monitor}: that is how one
 * object serves both sides. The meters, each with the common tags given to the constructor:
 *
 * <ul>
 *   <li>{@value #DECISIONS}: a {@link Counter} per {@link Reason}, tagged {@code reason} with the
 *       reason's name in lower case ({@code persisted}, {@code evaluated}, {@code
 *       storage_unavailable}, {@code unrecognized}, {@code excluded}). Whether a decision was for
 *       an experiment or a layer is not tagged: an {@link Assignment} does not carry it (an
 *       unrecognized name has neither).
 *   <li>{@value #STORAGE_FAILURES}: a {@link FunctionCounter} reading {@link
 *       PersistentAssignment#storageFailures()}, summed over the monitored instances.
 *   <li>{@value #STORAGE_OUTAGES}: a {@link FunctionCounter} reading {@link
 *       PersistentAssignment#storageOutages()}, summed likewise.
 * </ul>
 *
 * <p>The decision counters are registered by {@link #bindTo}, one per reason, and a decision
 * increments the counter it already holds: no registry lookup on the hot path. Decisions made
 * before the first {@code bindTo} are not counted. Binding to several registries counts in each;
 * binding to the same registry again changes nothing. An instance may be monitored before or after
 * binding.
 *
 * <p>Micrometer holds the state of a function counter weakly: the failure and outage counters read
 * this object, which stays reachable as long as an instance it listens to (or your own reference)
 * does. Thread-safe.
 *
 * @since 0.2.0
 */
public final class PersistentAssignmentMetrics implements DecisionListener, MeterBinder {
  /** The decision counter's name. */
  public static final String DECISIONS = "persistent.assignment.decisions";

  /** The storage-failure function counter's name. */
  public static final String STORAGE_FAILURES = "persistent.assignment.storage.failures";

  /** The storage-outage function counter's name. */
  public static final String STORAGE_OUTAGES = "persistent.assignment.storage.outages";

  private static final Reason[] REASONS = Reason.values();

  private final Tags tags;
  private final CopyOnWriteArrayList<PersistentAssignment> monitored = new CopyOnWriteArrayList<>();
  private final List<MeterRegistry> registries = new ArrayList<>(); // guarded by this
  // One row of counters (indexed by reason ordinal) per bound registry; replaced, never changed.
  private volatile Counter[][] counters = new Counter[0][];

  /** Meters without common tags. */
  public PersistentAssignmentMetrics() {
    this(Tags.empty());
  }

  /**
   * Meters with common tags, such as {@code app=shop}.
   *
   * @param tags added to every meter; none may use the key {@code reason}
   * @throws IllegalArgumentException if {@code tags} is null or uses the key {@code reason}
   */
  public PersistentAssignmentMetrics(Iterable<Tag> tags) {
    this.tags = Checks.commonTags(tags, "tags", "reason");
  }

  /**
   * Adds an instance whose storage failures and outages the function counters report. Adding the
   * same instance again changes nothing.
   *
   * @param assignment the instance, normally one built with this object as its decision listener
   * @return this object, for {@code monitor(assignment).bindTo(registry)}
   * @throws IllegalArgumentException if {@code assignment} is null
   */
  public PersistentAssignmentMetrics monitor(PersistentAssignment assignment) {
    Arguments.requireNonNullArgument(assignment, "assignment");
    // Identity: PersistentAssignment does not override equals.
    monitored.addIfAbsent(assignment);
    return this;
  }

  /**
   * Registers the decision counters and the failure and outage function counters in a registry.
   *
   * @param registry the registry
   * @throws IllegalArgumentException if {@code registry} is null
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Arguments.requireNonNullArgument(registry, "registry");
    if (registries.stream().anyMatch(bound -> bound == registry)) {
      return; // its counters are already in the rows; a second row would count twice
    }
    Counter[] row = new Counter[REASONS.length];
    for (Reason reason : REASONS) {
      row[reason.ordinal()] =
          Counter.builder(DECISIONS)
              .description("Decisions of PersistentAssignment, by reason")
              .tags(tags)
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry);
    }
    register(
        registry,
        STORAGE_FAILURES,
        "Storage calls of PersistentAssignment that failed and were served live",
        PersistentAssignment::storageFailures);
    register(
        registry,
        STORAGE_OUTAGES,
        "Storage outages PersistentAssignment has seen: runs of failed calls",
        PersistentAssignment::storageOutages);
    Counter[][] rows = counters;
    Counter[][] grown = Arrays.copyOf(rows, rows.length + 1);
    grown[rows.length] = row;
    counters = grown;
    registries.add(registry);
  }

  /**
   * Counts a decision under its reason, in every bound registry.
   *
   * @param assignment the decision
   * @throws IllegalArgumentException if {@code assignment} is null
   */
  @Override
  public void decided(Assignment assignment) {
    int reason = Arguments.requireNonNullArgument(assignment, "assignment").reason().ordinal();
    for (Counter[] row : counters) {
      row[reason].increment();
    }
  }

  private void register(
      MeterRegistry registry,
      String name,
      String description,
      ToLongFunction<PersistentAssignment> count) {
    FunctionCounter.builder(name, this, metrics -> metrics.sum(count))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private double sum(ToLongFunction<PersistentAssignment> count) {
    long sum = 0;
    for (PersistentAssignment assignment : monitored) {
      sum += count.applyAsLong(assignment);
    }
    return sum;
  }
}
