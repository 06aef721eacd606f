package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.Evaluation.Kind;
import io.github.persistentassignment.internal.LogSafe;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each user in the group they were first given: decides, on every evaluation, whether to
 * serve a stored assignment, save a first one, or delete one.
 *
 * <p>Build one per application, from a storage and an {@link Evaluator} (such as {@link
 * io.github.persistentassignment.catalog.ExperimentCatalog}); then, once per request, {@link
 * #forUser(User)} ({@link UserAssignments} loads the user's entries once, the first time an
 * experiment of an id type is evaluated, and never deletes unless told to):
 *
 * <pre>{@code
 * PersistentAssignment assignment =
 *     PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
 *
 * UserAssignments user = assignment.forUser(User.of("test-123"));
 * Assignment a = user.getExperiment("checkout_button");
 * Assignment b = user.getExperiment("pricing", Enforce.TARGETING);
 * }</pre>
 *
 * <p>The decision for an experiment (a layer is stored under the layer's name, with the experiment
 * it allocated the user to as {@code configDelegate}):
 *
 * <ol>
 *   <li>Evaluate live. An unknown name is {@link Reason#UNRECOGNIZED}, with no storage I/O.
 *   <li>A user without a unit ID for the experiment's id type is served live, with no I/O; with a
 *       {@linkplain Evaluation#fallbackIdType() fallback id type} the user is stored under that one
 *       instead (anonymous), and a user who has both is looked up under the primary key, then the
 *       fallback key, in one round trip: an entry found under the fallback is served and copied to
 *       the primary key with {@code saveIfAbsent} (logged in).
 *   <li>When the user's entries could not be loaded ({@link UserPersistedValues#unavailable()}) the
 *       live result is served with {@link Reason#STORAGE_UNAVAILABLE}; nothing is saved or deleted,
 *       so a failed load never reassigns anyone.
 *   <li>An inactive experiment's stored entry is deleted (the experiment is over), and so is the
 *       entry of a user who opts out ({@link UserAssignments#optOut}, {@link
 *       ExperimentOptions#optOut()}); nothing else ever deletes.
 *   <li>A stored entry older than the experiment's {@code excludeBelowVersion} gets the
 *       experiment's defaults ({@link Reason#EXCLUDED}, nothing saved); one older than {@code
 *       reassignBelowVersion} is replaced by the live result (an entry without a version is version
 *       0).
 *   <li>A stored entry is served ({@link Reason#PERSISTED}), unless an {@link Enforce} check says
 *       the user no longer qualifies; then the live result is served and storage is left alone.
 *   <li>A first result in an experiment group is saved with {@link PersistentStorage#saveIfAbsent};
 *       when a concurrent writer won, its entry is served.
 *   <li>Storage failures never reach the caller: they are logged and counted, and the live result
 *       is served (fail open).
 * </ol>
 *
 * <p>The two-step form ({@link #getUserPersistedValues} then {@link #getExperiment(User, String,
 * ExperimentOptions)}) stays for bridges and code ported from Statsig. Its values map is keyed by
 * config name only, so values loaded for one user and passed with another give the first user's
 * group; saves and deletes always use the key of the user being evaluated.
 *
 * <p>Thread-safe. It does not own the storage: close the storage yourself.
 */
public final class PersistentAssignment {
  private static final Logger log = LoggerFactory.getLogger(PersistentAssignment.class);

  private final FailOpenStorage storage;
  private final DecisionWrites writes;
  private final Evaluator evaluator;
  private final @Nullable DecisionListener listener;

  private PersistentAssignment(Builder builder) {
    this.storage = new FailOpenStorage(requireNonNullArgument(builder.storage, "storage"));
    this.writes = new DecisionWrites(storage);
    this.evaluator = requireNonNullArgument(builder.evaluator, "evaluator");
    this.listener = builder.listener;
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
   * Starts a request for one user: the object to evaluate any number of experiments and layers
   * with, loading each id type's stored entries once. No I/O happens here.
   *
   * @param user the user
   * @return a new {@link UserAssignments}, meant for one request
   * @throws IllegalArgumentException if {@code user} is null
   */
  public UserAssignments forUser(User user) {
    return new UserAssignments(this, storage, requireNonNullArgument(user, "user"));
  }

  /**
   * Loads a user's stored assignments for an id type (the first step of the two-step form; {@link
   * #forUser} does this for you).
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
    return storage.load(key.get());
  }

  /**
   * Gets a user's group in an experiment, serving, saving or deleting the stored assignment as the
   * class documentation describes.
   *
   * @param user the user
   * @param experimentName the experiment's name
   * @param options the user's stored values (or an explicit opt-out) and enforcement flags
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
   * @param options the user's stored values (or an explicit opt-out) and enforcement flags
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
    return storage.failures();
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
    return storage.outages();
  }

  private Assignment assign(User user, String name, ExperimentOptions options, Kind kind) {
    requireNonNullArgument(user, "user");
    requireNonBlank(name, kind == Kind.LAYER ? "layerName" : "experimentName");
    requireNonNullArgument(options, "options");
    UserPersistedValues values = options.userPersistedValues();
    if (values == null) {
      return optOut(user, name, kind, StoredView.of(UserPersistedValues.empty()));
    }
    return decide(
        user,
        name,
        kind,
        options.enforceTargeting(),
        options.enforceOverrides(),
        StoredView.of(values));
  }

  /** The decision the class documentation numbers, told to the listener. */
  Assignment decide(
      User user,
      String name,
      Kind kind,
      boolean enforceTargeting,
      boolean enforceOverrides,
      StoredView view) {
    return observed(decision(user, name, kind, enforceTargeting, enforceOverrides, view));
  }

  /** The decision the class documentation numbers, over the entries a view holds. */
  private Assignment decision(
      User user,
      String name,
      Kind kind,
      boolean enforceTargeting,
      boolean enforceOverrides,
      StoredView view) {
    Optional<Evaluation> evaluated = evaluate(user, name, kind);
    if (evaluated.isEmpty()) {
      return Assignment.unrecognized(name);
    }
    Evaluation live = evaluated.get();

    Optional<String> primary = StorageKeys.of(user, live.idType());
    Optional<String> fallback =
        live.fallbackIdType() == null
            ? Optional.empty()
            : StorageKeys.of(user, live.fallbackIdType());
    if (primary.isEmpty() && fallback.isEmpty()) {
      return Assignment.live(live, Reason.EVALUATED);
    }
    // A user without the primary unit ID is stored by the fallback (anonymous); a user with both
    // is stored by the primary and looked up under the fallback second, both in one round trip.
    String key = primary.orElseGet(fallback::get);
    Optional<String> secondKey = primary.isPresent() ? fallback : Optional.empty();
    secondKey.ifPresent(second -> view.preload(List.of(key, second)));

    UserPersistedValues values = view.entries(key);
    if (!values.isAvailable()) {
      return Assignment.live(live, Reason.STORAGE_UNAVAILABLE);
    }
    if (!live.active()) {
      writes.delete(key, name, view);
      secondKey.ifPresent(second -> writes.delete(second, name, view));
      return Assignment.live(live, Reason.EVALUATED);
    }

    Optional<StickyValues> stored = values.get(name);
    boolean fromFallback = false;
    if (stored.isEmpty() && secondKey.isPresent()) {
      stored = view.entries(secondKey.get()).get(name);
      fromFallback = stored.isPresent();
    }
    if (stored.isPresent()) {
      int version = Evaluation.versionOf(stored.get());
      if (version < live.excludeBelowVersion()) {
        return Assignment.excluded(live);
      }
      if (version < live.reassignBelowVersion()) {
        return writes.reassign(fromFallback ? secondKey.get() : key, key, live, view);
      }
      if (!stillQualifies(user, name, stored.get(), enforceTargeting, enforceOverrides)) {
        return Assignment.live(live, Reason.EVALUATED);
      }
      return fromFallback
          ? writes.copyToPrimary(key, live, stored.get(), view)
          : Assignment.persisted(live, stored.get());
    }

    if (!live.experimentGroup()) {
      return Assignment.live(live, Reason.EVALUATED);
    }
    return writes.saveFirst(key, live, view);
  }

  /**
   * Opts a user out of an experiment or layer (any kind when {@code kind} is null): the live result
   * is served and the stored entry deleted.
   */
  Assignment optOut(User user, String name, @Nullable Kind kind, StoredView view) {
    Optional<Evaluation> evaluated = evaluate(user, name, kind);
    if (evaluated.isEmpty()) {
      return observed(Assignment.unrecognized(name));
    }
    Evaluation live = evaluated.get();
    StorageKeys.of(user, live.idType()).ifPresent(key -> writes.delete(key, name, view));
    return observed(Assignment.live(live, Reason.EVALUATED));
  }

  private Assignment observed(Assignment assignment) {
    if (listener != null) {
      try {
        listener.decided(assignment);
      } catch (RuntimeException e) {
        log.warn(
            "The decision listener failed ({}); the assignment is served as decided",
            LogSafe.exceptionTypes(e));
        log.debug("The decision listener's failure", e);
      }
    }
    return assignment;
  }

  /** The live result, or empty for an unknown name or one of another kind (null: any kind). */
  private Optional<Evaluation> evaluate(User user, String name, @Nullable Kind kind) {
    return evaluator
        .evaluate(user, name)
        .filter(evaluation -> kind == null || evaluation.kind() == kind);
  }

  /** The enforce flags: targeting first, then overrides, both against the stored experiment. */
  private boolean stillQualifies(
      User user,
      String name,
      StickyValues stored,
      boolean enforceTargeting,
      boolean enforceOverrides) {
    String experiment = stored.configDelegate() != null ? stored.configDelegate() : name;
    if (enforceTargeting && !evaluator.passesTargeting(user, experiment)) {
      return false;
    }
    return !(enforceOverrides && evaluator.matchesOverride(user, experiment));
  }

  /** Builds a {@link PersistentAssignment}. */
  public static final class Builder {
    private @Nullable PersistentStorage storage;
    private @Nullable Evaluator evaluator;
    private @Nullable DecisionListener listener;

    private Builder() {}

    /**
     * Tells a listener of every decision (metrics, audit). Default: none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder decisionListener(DecisionListener listener) {
      this.listener = requireNonNullArgument(listener, "listener");
      return this;
    }

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
     * @param evaluator the evaluator, such as an {@link
     *     io.github.persistentassignment.catalog.ExperimentCatalog}
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
