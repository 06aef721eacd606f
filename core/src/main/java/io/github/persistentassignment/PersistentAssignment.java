package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.Evaluation.Kind;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each user in the group they were first given: decides, on every evaluation, whether to
 * serve a stored assignment, save a first one, or delete one.
 *
 * <p>Typical use, once per request:
 *
 * <pre>{@code
 * UserPersistedValues stored = assignment.getUserPersistedValues(user, "userID");
 * Assignment result = assignment.getExperiment(user, "checkout_button",
 *     ExperimentOptions.persisted(stored));
 * }</pre>
 *
 * <p>The decision for an experiment (a layer is stored under the layer's name, with the experiment
 * it allocated the user to as {@code configDelegate}):
 *
 * <ol>
 *   <li>Evaluate live. An unknown name is {@link Reason#UNRECOGNIZED}, with no storage I/O.
 *   <li>A user without a unit ID for the experiment's id type is served live, with no I/O.
 *   <li>Values that are {@link UserPersistedValues#unavailable()} (the load failed) give the live
 *       result with {@link Reason#STORAGE_UNAVAILABLE}; nothing is saved or deleted, so a failed
 *       load never reassigns anyone.
 *   <li>Null values (opt out) or an inactive experiment delete the stored entry.
 *   <li>A stored entry is served ({@link Reason#PERSISTED}), unless an enforce flag says the user
 *       no longer qualifies; then the live result is served and storage is left alone.
 *   <li>A first result in an experiment group is saved with {@link PersistentStorage#saveIfAbsent};
 *       when a concurrent writer won, its entry is served.
 *   <li>Storage failures never reach the caller: they are logged and counted, and the live result
 *       is served (fail open).
 * </ol>
 *
 * <p>The values map is keyed by config name only, so values loaded for one user and passed with
 * another give the first user's group; saves and deletes always use the key of the user being
 * evaluated.
 *
 * <p>Thread-safe. It does not own the storage: close the storage yourself.
 */
public final class PersistentAssignment {
  private final PersistentStorage storage;
  private final Evaluator evaluator;
  private final AtomicLong storageFailures = new AtomicLong();
  private final StorageFailureLog failureLog = new StorageFailureLog();

  private PersistentAssignment(Builder builder) {
    this.storage = requireNonNullArgument(builder.storage, "storage");
    this.evaluator = requireNonNullArgument(builder.evaluator, "evaluator");
  }

  /**
   * Starts a builder; {@code storage} and {@code evaluator} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a user's stored assignments for an id type.
   *
   * <p>Never throws for a storage failure: it returns {@link UserPersistedValues#unavailable()},
   * logs and counts the failure. A user with no unit ID of that type gets {@link
   * UserPersistedValues#empty()} without any I/O.
   *
   * @param user the user
   * @param idType the id type of the experiments to be evaluated, such as {@code userID}
   * @return the stored assignments, empty, or the "unavailable" marker
   * @throws IllegalArgumentException if {@code user} is null or {@code idType} blank
   */
  public UserPersistedValues getUserPersistedValues(User user, String idType) {
    Optional<String> key = StorageKeys.of(user, idType);
    if (key.isEmpty()) {
      return UserPersistedValues.empty();
    }
    try {
      UserPersistedValues values = storage.load(key.get());
      failureLog.recovered();
      return values;
    } catch (RuntimeException e) {
      recordFailure("load", key.get(), e);
      return UserPersistedValues.unavailable();
    }
  }

  /**
   * Gets a user's group in an experiment, serving, saving or deleting the stored assignment as the
   * class documentation describes.
   *
   * @param user the user
   * @param experimentName the experiment's name
   * @param options the user's stored values and enforcement flags
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if an argument is null or the name blank
   */
  public Assignment getExperiment(User user, String experimentName, ExperimentOptions options) {
    return assign(user, experimentName, options, Kind.EXPERIMENT);
  }

  /**
   * Gets a user's values in a layer. The stored entry is keyed by the layer's name, with the
   * experiment the user was allocated to as its {@code configDelegate}; "active" and the enforce
   * flags refer to that experiment.
   *
   * @param user the user
   * @param layerName the layer's name
   * @param options the user's stored values and enforcement flags
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if an argument is null or the name blank
   */
  public Assignment getLayer(User user, String layerName, ExperimentOptions options) {
    return assign(user, layerName, options, Kind.LAYER);
  }

  /**
   * How many storage operations have failed since this instance was built (loads, saves, deletes).
   *
   * @return the count
   */
  public long storageFailures() {
    return storageFailures.get();
  }

  /**
   * How many storage outages this instance has seen: runs of failed operations with no successful
   * one between them. A backend that is down for a minute under heavy traffic fails thousands of
   * calls ({@link #storageFailures()}) but is one outage; it is also logged once, as a warning when
   * it starts and an info line when storage answers again.
   *
   * @return the count
   */
  public long storageOutages() {
    return failureLog.outages();
  }

  private Assignment assign(User user, String name, ExperimentOptions options, Kind kind) {
    requireNonNullArgument(user, "user");
    requireNonBlank(name, kind == Kind.LAYER ? "layerName" : "experimentName");
    requireNonNullArgument(options, "options");

    Optional<Evaluation> evaluated = evaluator.evaluate(user, name);
    if (evaluated.isEmpty() || evaluated.get().kind() != kind) {
      return Assignment.unrecognized(name);
    }
    Evaluation live = evaluated.get();

    Optional<String> key = StorageKeys.of(user, live.idType());
    if (key.isEmpty()) {
      return Assignment.live(live, Reason.EVALUATED);
    }

    UserPersistedValues values = options.userPersistedValues();
    if (values != null && !values.isAvailable()) {
      return Assignment.live(live, Reason.STORAGE_UNAVAILABLE);
    }
    if (values == null || !live.active()) {
      delete(key.get(), name);
      return Assignment.live(live, Reason.EVALUATED);
    }

    Optional<StickyValues> stored = values.get(name);
    if (stored.isPresent()) {
      return stillQualifies(user, name, stored.get(), options)
          ? Assignment.persisted(live, stored.get())
          : Assignment.live(live, Reason.EVALUATED);
    }

    if (!live.experimentGroup()) {
      return Assignment.live(live, Reason.EVALUATED);
    }
    return saveFirst(key.get(), live);
  }

  /** The enforce flags: targeting first, then overrides, both against the stored experiment. */
  private boolean stillQualifies(
      User user, String name, StickyValues stored, ExperimentOptions options) {
    String experiment = stored.configDelegate() != null ? stored.configDelegate() : name;
    if (options.enforceTargeting() && !evaluator.passesTargeting(user, experiment)) {
      return false;
    }
    return !(options.enforceOverrides() && evaluator.matchesOverride(user, experiment));
  }

  private Assignment saveFirst(String key, Evaluation live) {
    try {
      Optional<StickyValues> winner = storage.saveIfAbsent(key, live.name(), live.toStickyValues());
      failureLog.recovered();
      if (winner.isPresent()) {
        return Assignment.persisted(live, winner.get());
      }
    } catch (RuntimeException e) {
      recordFailure("saveIfAbsent", key, e);
    }
    return Assignment.live(live, Reason.EVALUATED);
  }

  private void delete(String key, String name) {
    try {
      storage.delete(key, name);
      failureLog.recovered();
    } catch (RuntimeException e) {
      recordFailure("delete", key, e);
    }
  }

  private void recordFailure(String operation, String key, RuntimeException e) {
    storageFailures.incrementAndGet();
    failureLog.failed(operation, key, e);
  }

  /** Builds a {@link PersistentAssignment}. */
  public static final class Builder {
    private @Nullable PersistentStorage storage;
    private @Nullable Evaluator evaluator;

    private Builder() {}

    /**
     * Sets where assignments are stored. Required.
     *
     * @param storage the storage; not closed by {@link PersistentAssignment}
     * @return this builder
     */
    public Builder storage(PersistentStorage storage) {
      this.storage = requireNonNullArgument(storage, "storage");
      return this;
    }

    /**
     * Sets what evaluates experiments live. Required.
     *
     * @param evaluator the evaluator, such as an {@link ExperimentCatalog}
     * @return this builder
     */
    public Builder evaluator(Evaluator evaluator) {
      this.evaluator = requireNonNullArgument(evaluator, "evaluator");
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return a new {@link PersistentAssignment}
     * @throws IllegalArgumentException if storage or evaluator is missing
     */
    public PersistentAssignment build() {
      return new PersistentAssignment(this);
    }
  }
}
