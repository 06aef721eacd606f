package io.github.persistentassignment;

import java.util.Optional;

/**
 * Live evaluation of experiments and layers: whatever experimentation system sits underneath the
 * persistence logic. {@link io.github.persistentassignment.catalog.ExperimentCatalog} is the one
 * core ships.
 *
 * <p>Implementations are thread-safe and do no storage I/O; {@link PersistentAssignment} decides
 * what to store.
 */
public interface Evaluator {

  /**
   * Evaluates an experiment or a layer for a user, as it is configured now.
   *
   * @param user the user
   * @param name the experiment's or layer's name
   * @return the live result, or empty when no experiment or layer has this name
   */
  Optional<Evaluation> evaluate(User user, String name);

  /**
   * Whether the user passes the experiment's targeting now. Used by {@link Enforce#TARGETING}: a
   * user who no longer passes is served live, not the stored value.
   *
   * @param user the user
   * @param experimentName the experiment (for a layer, the experiment it delegated to)
   * @return true when the user passes the targeting, or the experiment has none or is unknown
   */
  boolean passesTargeting(User user, String experimentName);

  /**
   * Whether an override now decides the user's group. Used by {@link Enforce#OVERRIDES}: an
   * overridden user gets the override, not the stored value.
   *
   * @param user the user
   * @param experimentName the experiment (for a layer, the experiment it delegated to)
   * @return true when an override matches the user
   */
  boolean matchesOverride(User user, String experimentName);
}
