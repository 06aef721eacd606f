package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_INACTIVE;
import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_LAYER_ASSIGNMENT;
import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_NOT_ALLOCATED;
import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_OVERRIDE;
import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_PRIOR_VERSION;
import static io.github.persistentassignment.catalog.ExperimentCatalog.RULE_TARGETING_GATE;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link ExperimentCatalog} evaluates one experiment or layer for one user: the order
 * documented in docs/experiment-catalog.md.
 */
final class CatalogEvaluation {
  private final long configTime;
  private final @Nullable Integer configVersion;
  private final Map<String, Experiment> experiments;

  CatalogEvaluation(
      long configTime, @Nullable Integer configVersion, Map<String, Experiment> experiments) {
    this.configTime = configTime;
    this.configVersion = configVersion;
    this.experiments = experiments;
  }

  static boolean passes(User user, Experiment experiment) {
    for (Condition condition : experiment.targeting()) {
      if (!condition.matches(user)) {
        return false;
      }
    }
    return true;
  }

  static Optional<Group> overrideOf(User user, Experiment experiment) {
    return user.unitId(experiment.idType())
        .map(unitId -> experiment.overrides().get(unitId))
        .flatMap(experiment::group);
  }

  /** The evaluation order is documented in docs/experiment-catalog.md; keep the two in step. */
  Evaluation evaluateExperiment(User user, Experiment experiment) {
    if (!experiment.active()) {
      return outside(experiment, RULE_INACTIVE);
    }
    // An anonymous user (no primary unit ID) is bucketed by the fallback id type's unit ID.
    Optional<String> unitId = user.unitId(experiment.idType());
    if (unitId.isEmpty() && experiment.fallbackIdType() != null) {
      unitId = user.unitId(experiment.fallbackIdType());
    }
    if (unitId.isEmpty()) {
      return outside(experiment, RULE_NOT_ALLOCATED);
    }
    Optional<Group> override = overrideOf(user, experiment);
    if (override.isPresent()) {
      // Overrides are never stored, so the result is not an "experiment group".
      return inGroup(experiment, override.get(), RULE_OVERRIDE, false);
    }
    if (!passes(user, experiment)) {
      return outside(experiment, RULE_TARGETING_GATE);
    }
    long allocated = Math.round(experiment.allocationPercent() * 100);
    if (Bucketing.bucket(experiment.salt(), unitId.get()) >= allocated) {
      return outside(experiment, RULE_NOT_ALLOCATED);
    }
    Group group =
        pickGroup(experiment, Bucketing.bucket(experiment.salt() + ".group", unitId.get()));
    return inGroup(experiment, group, group.name(), true);
  }

  /**
   * Group i covers buckets {@code [floor(10000 * cum(i-1) / total), floor(10000 * cum(i) /
   * total))}, where cum is the running sum of weights; a group of weight 0 covers nothing.
   */
  private static Group pickGroup(Experiment experiment, int bucket) {
    double total = experiment.groups().stream().mapToDouble(Group::weight).sum();
    double cumulative = 0;
    Group last = null;
    for (Group group : experiment.groups()) {
      cumulative += group.weight();
      if (group.weight() > 0) {
        last = group;
        if (bucket < Math.floor(Bucketing.BUCKETS * cumulative / total)) {
          return group;
        }
      }
    }
    // Only reachable if rounding left the last bucket uncovered; it belongs to the last group.
    return Objects.requireNonNull(last, "an experiment has a group with weight above 0");
  }

  Evaluation evaluateLayer(User user, Layer layer) {
    Optional<Experiment> allocated =
        user.unitId(layer.idType()).flatMap(unitId -> segmentOf(layer, unitId));
    if (allocated.isEmpty()) {
      return Evaluation.builder(layer.name(), Evaluation.Kind.LAYER, layer.idType())
          .values(values(false, null, RULE_LAYER_ASSIGNMENT, layer.defaultParameters()).build())
          .build();
    }
    Experiment experiment = allocated.get();
    // The layer's result is its experiment's, under the layer's name, over the layer's defaults.
    Evaluation result = evaluateExperiment(user, experiment);
    StickyValues values = result.values();
    return result.toBuilder()
        .name(layer.name())
        .kind(Evaluation.Kind.LAYER)
        .values(
            values.toBuilder()
                .jsonValue(overlay(layer.defaultParameters(), parametersOf(values)))
                .configDelegate(experiment.name())
                .explicitParameters(experiment.controlledParameters())
                .build())
        .build();
  }

  /** The experiment whose segment holds the unit's layer bucket, if any. */
  private Optional<Experiment> segmentOf(Layer layer, String unitId) {
    int bucket = Bucketing.bucket(layer.salt(), unitId);
    double cumulative = 0;
    for (Layer.Segment segment : layer.segments()) {
      cumulative += segment.percent();
      if (bucket < Math.round(cumulative * 100)) {
        return Optional.of(experiments.get(segment.experiment()));
      }
    }
    return Optional.empty();
  }

  private Evaluation outside(Experiment experiment, String ruleId) {
    return experimentResult(experiment, false, false, null, ruleId, experiment.defaultParameters());
  }

  private Evaluation inGroup(
      Experiment experiment, Group group, String ruleId, boolean experimentGroup) {
    return experimentResult(
        experiment,
        experimentGroup,
        true,
        group.name(),
        ruleId,
        overlay(experiment.defaultParameters(), group.parameters()));
  }

  private Evaluation experimentResult(
      Experiment experiment,
      boolean experimentGroup,
      boolean value,
      @Nullable String groupName,
      String ruleId,
      Map<String, @Nullable Object> parameters) {
    Integer version = experiment.version() != null ? experiment.version() : configVersion;
    return Evaluation.builder(experiment.name(), Evaluation.Kind.EXPERIMENT, experiment.idType())
        .active(experiment.active())
        .experimentGroup(experimentGroup)
        .values(values(value, groupName, ruleId, parameters).configVersion(version).build())
        .fallbackIdType(experiment.fallbackIdType())
        .reassignBelowVersion(experiment.reassignBelowVersion())
        .excludeBelowVersion(experiment.excludeBelowVersion())
        .excludedValues(
            values(false, null, RULE_PRIOR_VERSION, experiment.defaultParameters())
                .configVersion(version)
                .build())
        .build();
  }

  /** The stored form of a result, stamped with this configuration's time and version. */
  private StickyValues.Builder values(
      boolean value,
      @Nullable String groupName,
      String ruleId,
      Map<String, @Nullable Object> parameters) {
    return StickyValues.builder()
        .value(value)
        .groupName(groupName)
        .ruleId(ruleId)
        .jsonValue(parameters)
        .time(configTime)
        .configVersion(configVersion);
  }

  private static Map<String, @Nullable Object> parametersOf(StickyValues values) {
    Map<String, @Nullable Object> parameters = values.jsonValue();
    return parameters == null ? Map.of() : parameters;
  }

  /** A shallow overlay: a key in {@code top} replaces the whole value under it. */
  private static Map<String, @Nullable Object> overlay(
      Map<String, @Nullable Object> base, Map<String, @Nullable Object> top) {
    Map<String, @Nullable Object> merged = new LinkedHashMap<>(base);
    merged.putAll(top);
    return merged;
  }
}
