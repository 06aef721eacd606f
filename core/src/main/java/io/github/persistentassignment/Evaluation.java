package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.internal.JsonValues;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The live result of evaluating one experiment or layer for one user: everything {@link
 * PersistentAssignment} needs to decide, and to build the {@link StickyValues} it stores.
 *
 * @param name the experiment's or layer's name
 * @param kind whether {@code name} is an experiment or a layer
 * @param idType the unit type the experiment is keyed by, such as {@code userID}
 * @param active whether the experiment is running (for a layer: the experiment it allocated the
 *     user to); an inactive experiment's stored assignments are deleted
 * @param experimentGroup whether the user landed in one of the experiment's groups (not an
 *     override, a targeting failure or outside the allocation); only such results are stored
 * @param value the boolean result of the evaluation
 * @param groupName the group, or null when the user is in no group
 * @param ruleId the id of the rule that decided the result, or null
 * @param parameters the parameter values the user gets
 * @param secondaryExposures gates evaluated on the way
 * @param undelegatedSecondaryExposures for a layer, exposures outside its delegate
 * @param configDelegate for a layer, the experiment it allocated the user to, or null
 * @param explicitParameters for a layer, the parameters that experiment controls, or null
 * @param configTime epoch milliseconds of the configuration used
 * @param configVersion version of that configuration, or null
 */
public record Evaluation(
    String name,
    Kind kind,
    String idType,
    boolean active,
    boolean experimentGroup,
    boolean value,
    @Nullable String groupName,
    @Nullable String ruleId,
    Map<String, @Nullable Object> parameters,
    List<SecondaryExposure> secondaryExposures,
    List<SecondaryExposure> undelegatedSecondaryExposures,
    @Nullable String configDelegate,
    @Nullable List<String> explicitParameters,
    long configTime,
    @Nullable Integer configVersion) {

  /** Whether an evaluation is of an experiment or of a layer. */
  public enum Kind {
    /** An experiment: groups with parameters. */
    EXPERIMENT,
    /** A layer: experiments sharing parameters; the user is allocated to at most one. */
    LAYER
  }

  /** Validates names and copies every collection. */
  public Evaluation {
    requireNonBlank(name, "name");
    requireNonNullArgument(kind, "kind");
    requireNonBlank(idType, "idType");
    parameters =
        JsonValues.copyObject(requireNonNullArgument(parameters, "parameters"), "parameters");
    secondaryExposures =
        List.copyOf(requireNonNullArgument(secondaryExposures, "secondaryExposures"));
    undelegatedSecondaryExposures =
        List.copyOf(
            requireNonNullArgument(undelegatedSecondaryExposures, "undelegatedSecondaryExposures"));
    explicitParameters = explicitParameters == null ? null : List.copyOf(explicitParameters);
  }

  /**
   * The values to store for this result.
   *
   * @return the stored form of this evaluation
   */
  public StickyValues toStickyValues() {
    return new StickyValues(
        value,
        parameters,
        ruleId,
        groupName,
        secondaryExposures,
        undelegatedSecondaryExposures,
        configDelegate,
        explicitParameters,
        configTime,
        configVersion);
  }
}
