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

  /**
   * Starts a builder for an evaluation of {@code name}. Everything else starts empty: not active,
   * not in an experiment group, value false, no group or rule, no parameters or exposures, config
   * time 0. Evaluators outside core build their results with it.
   *
   * @param name the experiment's or layer's name
   * @param kind whether it is an experiment or a layer
   * @param idType the unit type the experiment is keyed by
   * @return a new builder
   */
  public static Builder builder(String name, Kind kind, String idType) {
    return new Builder(name, kind, idType);
  }

  /**
   * Starts a builder holding this evaluation's fields, to derive a changed copy (a layer's result
   * from its experiment's, for instance).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(name, kind, idType)
        .active(active)
        .experimentGroup(experimentGroup)
        .value(value)
        .groupName(groupName)
        .ruleId(ruleId)
        .parameters(parameters)
        .secondaryExposures(secondaryExposures)
        .undelegatedSecondaryExposures(undelegatedSecondaryExposures)
        .configDelegate(configDelegate)
        .explicitParameters(explicitParameters)
        .configTime(configTime)
        .configVersion(configVersion);
  }

  /** Builds an {@link Evaluation}; every setter returns the builder. */
  public static final class Builder {
    private String name;
    private Kind kind;
    private String idType;
    private boolean active;
    private boolean experimentGroup;
    private boolean value;
    private @Nullable String groupName;
    private @Nullable String ruleId;
    private Map<String, @Nullable Object> parameters = Map.of();
    private List<SecondaryExposure> secondaryExposures = List.of();
    private List<SecondaryExposure> undelegatedSecondaryExposures = List.of();
    private @Nullable String configDelegate;
    private @Nullable List<String> explicitParameters;
    private long configTime;
    private @Nullable Integer configVersion;

    private Builder(String name, Kind kind, String idType) {
      this.name = name;
      this.kind = kind;
      this.idType = idType;
    }

    /**
     * Sets the name.
     *
     * @param name the experiment's or layer's name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the kind.
     *
     * @param kind experiment or layer
     * @return this builder
     */
    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * Sets the id type.
     *
     * @param idType the unit type, such as {@code userID}
     * @return this builder
     */
    public Builder idType(String idType) {
      this.idType = idType;
      return this;
    }

    /**
     * Sets whether the experiment is running.
     *
     * @param active true when running
     * @return this builder
     */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /**
     * Sets whether the user landed in one of the experiment's groups (only such results are
     * stored).
     *
     * @param experimentGroup true when in an experiment group
     * @return this builder
     */
    public Builder experimentGroup(boolean experimentGroup) {
      this.experimentGroup = experimentGroup;
      return this;
    }

    /**
     * Sets the boolean result.
     *
     * @param value the result
     * @return this builder
     */
    public Builder value(boolean value) {
      this.value = value;
      return this;
    }

    /**
     * Sets the group.
     *
     * @param groupName the group, or null
     * @return this builder
     */
    public Builder groupName(@Nullable String groupName) {
      this.groupName = groupName;
      return this;
    }

    /**
     * Sets the rule id.
     *
     * @param ruleId the rule, or null
     * @return this builder
     */
    public Builder ruleId(@Nullable String ruleId) {
      this.ruleId = ruleId;
      return this;
    }

    /**
     * Sets the parameters the user gets.
     *
     * @param parameters parameter name → value
     * @return this builder
     */
    public Builder parameters(Map<String, ? extends @Nullable Object> parameters) {
      this.parameters = JsonValues.copyObject(parameters, "parameters");
      return this;
    }

    /**
     * Sets the secondary exposures.
     *
     * @param secondaryExposures the exposures
     * @return this builder
     */
    public Builder secondaryExposures(List<SecondaryExposure> secondaryExposures) {
      this.secondaryExposures = List.copyOf(secondaryExposures);
      return this;
    }

    /**
     * Sets a layer's undelegated secondary exposures.
     *
     * @param undelegatedSecondaryExposures the exposures
     * @return this builder
     */
    public Builder undelegatedSecondaryExposures(
        List<SecondaryExposure> undelegatedSecondaryExposures) {
      this.undelegatedSecondaryExposures = List.copyOf(undelegatedSecondaryExposures);
      return this;
    }

    /**
     * Sets a layer's delegate experiment.
     *
     * @param configDelegate the experiment's name, or null
     * @return this builder
     */
    public Builder configDelegate(@Nullable String configDelegate) {
      this.configDelegate = configDelegate;
      return this;
    }

    /**
     * Sets the parameters a layer's experiment controls.
     *
     * @param explicitParameters the parameter names, or null
     * @return this builder
     */
    public Builder explicitParameters(@Nullable List<String> explicitParameters) {
      this.explicitParameters = explicitParameters == null ? null : List.copyOf(explicitParameters);
      return this;
    }

    /**
     * Sets the configuration's time.
     *
     * @param configTime epoch milliseconds
     * @return this builder
     */
    public Builder configTime(long configTime) {
      this.configTime = configTime;
      return this;
    }

    /**
     * Sets the configuration's version.
     *
     * @param configVersion the version, or null
     * @return this builder
     */
    public Builder configVersion(@Nullable Integer configVersion) {
      this.configVersion = configVersion;
      return this;
    }

    /**
     * Builds the evaluation.
     *
     * @return a new immutable {@link Evaluation}
     * @throws IllegalArgumentException if the name or id type is blank
     */
    public Evaluation build() {
      return new Evaluation(
          name,
          kind,
          idType,
          active,
          experimentGroup,
          value,
          groupName,
          ruleId,
          parameters,
          secondaryExposures,
          undelegatedSecondaryExposures,
          configDelegate,
          explicitParameters,
          configTime,
          configVersion);
    }
  }
}
