package io.github.persistentassignment.conformance;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.Evaluation.Kind;
import io.github.persistentassignment.Evaluator;
import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Evaluator} whose answers the test writes: which group each unit gets, whether the
 * experiment is running, who fails targeting and who is overridden. A change of allocation or
 * weights is expressed by changing what it returns; every change bumps the configuration version,
 * so a stored snapshot and a live result are always told apart.
 */
public final class ScriptedEvaluator implements Evaluator {
  private static final long BASE_TIME = 1_700_000_000_000L;

  private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
  private final Map<String, String> layers = new ConcurrentHashMap<>();
  private final AtomicInteger version = new AtomicInteger(1);

  /** Creates an evaluator that knows no experiment yet. */
  public ScriptedEvaluator() {}

  /**
   * Returns the script of an experiment, creating an active one keyed by {@code idType}.
   *
   * @param name the experiment's name
   * @param idType the unit type it is keyed by, used only when the script is created
   * @return the experiment's script
   */
  public Experiment experiment(String name, String idType) {
    return experiments.computeIfAbsent(name, n -> new Experiment(n, idType));
  }

  /**
   * Declares a layer that allocates every user to {@code experiment}, or moves it there.
   *
   * @param layerName the layer's name
   * @param experiment the name of the experiment (scripted with {@link #experiment}) it allocates
   *     to
   */
  public void layer(String layerName, String experiment) {
    layers.put(layerName, experiment);
    version.incrementAndGet();
  }

  @Override
  public Optional<Evaluation> evaluate(User user, String name) {
    Experiment experiment = experiments.get(name);
    if (experiment != null) {
      return Optional.of(experiment.evaluate(user, name, Kind.EXPERIMENT, null));
    }
    String delegate = layers.get(name);
    if (delegate != null) {
      Experiment allocated = experiments.get(delegate);
      if (allocated != null) {
        return Optional.of(allocated.evaluate(user, name, Kind.LAYER, delegate));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean passesTargeting(User user, String experimentName) {
    Experiment experiment = experiments.get(experimentName);
    return experiment == null || !experiment.failsTargeting(user);
  }

  @Override
  public boolean matchesOverride(User user, String experimentName) {
    Experiment experiment = experiments.get(experimentName);
    return experiment != null && experiment.override(user).isPresent();
  }

  /** One experiment's script. Every setter is a live configuration change. */
  public final class Experiment {
    private final String name;
    private final String idType;
    private volatile boolean active = true;
    private volatile @Nullable String everyoneElse = "control";
    private final Map<String, Optional<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, String> overrides = new ConcurrentHashMap<>();
    private final Set<String> failingTargeting = ConcurrentHashMap.newKeySet();

    private Experiment(String name, String idType) {
      this.name = name;
      this.idType = idType;
    }

    /**
     * Puts one unit in a group.
     *
     * @param unitId the unit's id
     * @param group the group's name
     * @return this script, for chaining
     */
    public Experiment group(String unitId, String group) {
      groups.put(unitId, Optional.of(group));
      return changed();
    }

    /**
     * Leaves one unit outside the experiment's allocation: no group, nothing to store.
     *
     * @param unitId the unit's id
     * @return this script, for chaining
     */
    public Experiment outsideAllocation(String unitId) {
      groups.put(unitId, Optional.empty());
      return changed();
    }

    /**
     * Sets the group of every unit without a group of its own; null puts them outside.
     *
     * @param group the group's name, or null for outside the allocation
     * @return this script, for chaining
     */
    public Experiment everyoneElse(@Nullable String group) {
      this.everyoneElse = group;
      return changed();
    }

    /**
     * Starts or stops the experiment.
     *
     * @param active whether the experiment runs
     * @return this script, for chaining
     */
    public Experiment active(boolean active) {
      this.active = active;
      return changed();
    }

    /**
     * Makes a unit fail (or pass again) the experiment's targeting.
     *
     * @param unitId the unit's id
     * @param fails whether it fails targeting
     * @return this script, for chaining
     */
    public Experiment failsTargeting(String unitId, boolean fails) {
      if (fails) {
        failingTargeting.add(unitId);
      } else {
        failingTargeting.remove(unitId);
      }
      return changed();
    }

    /**
     * Overrides a unit into a group: a live result that is never stored.
     *
     * @param unitId the unit's id
     * @param group the group it is overridden into
     * @return this script, for chaining
     */
    public Experiment override(String unitId, String group) {
      overrides.put(unitId, group);
      return changed();
    }

    private Experiment changed() {
      version.incrementAndGet();
      return this;
    }

    private boolean failsTargeting(User user) {
      return user.unitId(idType).map(failingTargeting::contains).orElse(false);
    }

    private Optional<String> override(User user) {
      return user.unitId(idType).map(overrides::get);
    }

    private Evaluation evaluate(
        User user, String evaluatedName, Kind kind, @Nullable String delegate) {
      int configVersion = version.get();
      Optional<String> unit = user.unitId(idType);
      Optional<String> override = override(user);
      String group;
      String ruleId;
      boolean inExperimentGroup;
      if (override.isPresent()) {
        group = override.get();
        ruleId = "override";
        inExperimentGroup = false;
      } else if (unit.isPresent() && failingTargeting.contains(unit.get())) {
        group = null;
        ruleId = "targeting";
        inExperimentGroup = false;
      } else {
        Optional<String> own = unit.map(groups::get).orElse(null);
        group = own != null ? own.orElse(null) : everyoneElse;
        ruleId = group == null ? "layerAssignment" : "rule-" + name + "-" + group;
        inExperimentGroup = group != null && active;
      }
      Map<String, @Nullable Object> parameters =
          group == null
              ? Map.of()
              : Map.of("group", group, "experiment", name, "configVersion", (long) configVersion);
      return Evaluation.builder(evaluatedName, kind, idType)
          .active(active)
          .experimentGroup(inExperimentGroup)
          .values(
              StickyValues.builder()
                  .value(inExperimentGroup)
                  .groupName(group)
                  .ruleId(ruleId)
                  .jsonValue(parameters)
                  .secondaryExposures(
                      List.of(new SecondaryExposure("gate-" + name, "true", "gate-rule")))
                  .undelegatedSecondaryExposures(
                      kind == Kind.LAYER
                          ? List.of(new SecondaryExposure("layer-gate", "false", "default"))
                          : List.of())
                  .configDelegate(delegate)
                  .explicitParameters(
                      kind == Kind.LAYER ? List.of("group", "experiment", "configVersion") : null)
                  .time(BASE_TIME + configVersion)
                  .configVersion(configVersion)
                  .build())
          .build();
    }
  }
}
