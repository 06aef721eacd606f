package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requireNonNullElement;

import io.github.persistentassignment.Evaluation.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One user's assignments for one request: evaluate any number of experiments and layers, with one
 * storage load per id type at most.
 *
 * <pre>{@code
 * UserAssignments user = assignment.forUser(User.of("test-123"));   // no I/O yet
 * Assignment a = user.getExperiment("checkout_button");              // first use of userID: one load
 * Assignment b = user.getExperiment("pricing", Enforce.TARGETING);    // no I/O: same loaded entries
 * Assignment c = user.getLayer("home_layer");
 * user.optOut("checkout_button");                                     // the only way to delete by choice
 * }</pre>
 *
 * <ul>
 *   <li><strong>Loads once.</strong> The first evaluation of an experiment keyed by an id type
 *       loads the user's entries for that type; later evaluations use them. {@link #preload} loads
 *       several id types in one {@link PersistentStorage#loadAll} round trip. Entries are decoded
 *       only when an evaluation needs them.
 *   <li><strong>Sees its own writes.</strong> A first assignment saved here, and an entry deleted
 *       here, update this object's view: evaluating the same experiment again is {@link
 *       Assignment.Reason#PERSISTED} with no I/O.
 *   <li><strong>Deletes only when told.</strong> {@link #optOut} deletes; so does evaluating an
 *       experiment that is no longer active (its entry is stale), and then only when an entry was
 *       loaded. Nothing else deletes.
 *   <li><strong>Fails open.</strong> When an id type's entries cannot be loaded, every evaluation
 *       of that type through this object is served live with {@link
 *       Assignment.Reason#STORAGE_UNAVAILABLE}, and nothing is saved or deleted for it: the load is
 *       not retried within the request. No storage failure reaches the caller.
 * </ul>
 *
 * <p>Meant for one request (or one unit of work): it keeps what it loaded, so a long-lived instance
 * would not see other servers' writes. Thread-safe: threads of one request may share it; a load
 * happens once however many threads ask.
 */
public final class UserAssignments {
  private final PersistentAssignment assignment;
  private final FailOpenStorage storage;
  private final User user;
  private final View view = new View();

  UserAssignments(PersistentAssignment assignment, FailOpenStorage storage, User user) {
    this.assignment = assignment;
    this.storage = storage;
    this.user = user;
  }

  /**
   * The user this object evaluates for.
   *
   * @return the user
   */
  public User user() {
    return user;
  }

  /**
   * Loads the user's entries for several id types now, in one round trip, so the evaluations that
   * follow need no I/O. Id types already loaded, and those the user has no unit ID for, are
   * skipped. A failure is not thrown: those id types are then served as the class documentation's
   * "fails open" says.
   *
   * @param idTypes the id types, such as {@code "userID", "stableID"}
   * @return this object
   * @throws IllegalArgumentException if an id type is null or blank
   */
  public UserAssignments preload(String... idTypes) {
    requireNonNullArgument(idTypes, "idTypes");
    List<String> keys = new ArrayList<>();
    for (String idType : idTypes) {
      StorageKeys.of(user, requireNonBlank(idType, "idType"))
          .filter(key -> !keys.contains(key))
          .ifPresent(keys::add);
    }
    view.preload(keys);
    return this;
  }

  /**
   * The user's group in an experiment: the stored one when there is one, else the live result,
   * saved when it is a first assignment to an experiment group.
   *
   * @param experimentName the experiment's name
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if the name is null or blank
   */
  public Assignment getExperiment(String experimentName) {
    return getExperiment(experimentName, new Enforce[0]);
  }

  /**
   * The user's group in an experiment, with checks that can set a stored assignment aside when the
   * user no longer qualifies.
   *
   * @param experimentName the experiment's name
   * @param enforce the checks to apply to a stored assignment
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if the name is null or blank, or a check null
   */
  public Assignment getExperiment(String experimentName, Enforce... enforce) {
    return decide(requireNonBlank(experimentName, "experimentName"), Kind.EXPERIMENT, enforce);
  }

  /**
   * The user's values in a layer. The stored entry is keyed by the layer's name, with the
   * experiment the user was allocated to as its {@code configDelegate}.
   *
   * @param layerName the layer's name
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if the name is null or blank
   */
  public Assignment getLayer(String layerName) {
    return getLayer(layerName, new Enforce[0]);
  }

  /**
   * The user's values in a layer, with checks against the experiment the stored entry delegates to.
   *
   * @param layerName the layer's name
   * @param enforce the checks to apply to a stored assignment
   * @return the assignment; never throws for a storage failure
   * @throws IllegalArgumentException if the name is null or blank, or a check null
   */
  public Assignment getLayer(String layerName, Enforce... enforce) {
    return decide(requireNonBlank(layerName, "layerName"), Kind.LAYER, enforce);
  }

  /**
   * Opts the user out of an experiment or layer: deletes the stored entry and returns the live
   * result. The only call that deletes by choice.
   *
   * @param name the experiment's or layer's name
   * @return the live assignment ({@link Assignment.Reason#UNRECOGNIZED} for an unknown name, with
   *     no I/O); never throws for a storage failure
   * @throws IllegalArgumentException if the name is null or blank
   */
  public Assignment optOut(String name) {
    return assignment.optOut(user, requireNonBlank(name, "name"), null, view);
  }

  private Assignment decide(String name, Kind kind, Enforce[] enforce) {
    requireNonNullArgument(enforce, "enforce");
    for (int i = 0; i < enforce.length; i++) {
      requireNonNullElement(enforce[i], "enforce", i);
    }
    List<Enforce> checks = Arrays.asList(enforce);
    return assignment.decide(
        user,
        name,
        kind,
        checks.contains(Enforce.TARGETING),
        checks.contains(Enforce.OVERRIDES),
        view);
  }

  @Override
  public String toString() {
    return "UserAssignments[" + user + "]";
  }

  /** The entries loaded so far, per storage key, kept up to date with this object's own writes. */
  private final class View implements StoredView {
    private final Map<String, UserPersistedValues> byKey = new HashMap<>();

    @Override
    public synchronized UserPersistedValues entries(String key) {
      return byKey.computeIfAbsent(key, storage::load);
    }

    @Override
    public synchronized void preload(List<String> keys) {
      List<String> missing = new ArrayList<>(keys);
      missing.removeAll(byKey.keySet());
      if (missing.size() == 1) {
        entries(missing.get(0));
      } else if (!missing.isEmpty()) {
        byKey.putAll(storage.loadAll(missing));
      }
    }

    @Override
    public synchronized boolean mayHold(String key, String configName) {
      UserPersistedValues loaded = byKey.get(key);
      return loaded == null || loaded.holds(configName);
    }

    @Override
    public synchronized void stored(String key, String configName, StickyValues values) {
      Optional.ofNullable(byKey.get(key))
          .filter(UserPersistedValues::isAvailable)
          .ifPresent(loaded -> byKey.put(key, loaded.with(configName, values)));
    }

    @Override
    public synchronized void deleted(String key, String configName) {
      Optional.ofNullable(byKey.get(key))
          .filter(UserPersistedValues::isAvailable)
          .ifPresent(loaded -> byKey.put(key, loaded.without(configName)));
    }
  }
}
