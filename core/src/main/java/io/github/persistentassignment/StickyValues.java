package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requireNonNullElement;

import io.github.persistentassignment.internal.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stored assignment: what a user got for one experiment or layer, as Statsig's server SDKs
 * store it (the cross-language "universal" schema, see {@code docs/storage-format.md}).
 *
 * <p>Immutable. {@code jsonValue} is deep-copied and its numbers normalized (integers to {@link
 * Long} or {@link java.math.BigInteger}, fractions to {@link Double} or {@link
 * java.math.BigDecimal}) so a value equals itself after a round trip through storage.
 *
 * @param value the boolean result of the evaluation ({@code value} in JSON)
 * @param jsonValue the parameters the user got, possibly nested ({@code json_value})
 * @param ruleId the id of the rule that assigned the group ({@code rule_id})
 * @param groupName the group's name ({@code group_name})
 * @param secondaryExposures gates evaluated on the way ({@code secondary_exposures})
 * @param undelegatedSecondaryExposures exposures of a layer outside its delegate ({@code
 *     undelegated_secondary_exposures})
 * @param configDelegate for a layer, the experiment it allocated the user to ({@code
 *     config_delegate})
 * @param explicitParameters for a layer, the parameters its experiment controls ({@code
 *     explicit_parameters})
 * @param time epoch milliseconds of the configuration the assignment was made with ({@code time})
 * @param configVersion version of that configuration, when known ({@code config_version})
 */
public record StickyValues(
    boolean value,
    @Nullable Map<String, @Nullable Object> jsonValue,
    @Nullable String ruleId,
    @Nullable String groupName,
    List<SecondaryExposure> secondaryExposures,
    List<SecondaryExposure> undelegatedSecondaryExposures,
    @Nullable String configDelegate,
    @Nullable List<String> explicitParameters,
    long time,
    @Nullable Integer configVersion) {

  /**
   * Copies every collection so the record is immutable.
   *
   * @param value the boolean result of the evaluation ({@code value} in JSON)
   * @param jsonValue the parameters the user got, possibly nested ({@code json_value})
   * @param ruleId the id of the rule that assigned the group ({@code rule_id})
   * @param groupName the group's name ({@code group_name})
   * @param secondaryExposures gates evaluated on the way ({@code secondary_exposures})
   * @param undelegatedSecondaryExposures exposures of a layer outside its delegate ({@code
   *     undelegated_secondary_exposures})
   * @param configDelegate for a layer, the experiment it allocated the user to ({@code
   *     config_delegate})
   * @param explicitParameters for a layer, the parameters its experiment controls ({@code
   *     explicit_parameters})
   * @param time epoch milliseconds of the configuration the assignment was made with ({@code time})
   * @param configVersion version of that configuration, when known ({@code config_version})
   */
  public StickyValues {
    jsonValue = jsonValue == null ? null : JsonValues.copyObject(jsonValue, "jsonValue");
    secondaryExposures = copyExposures(secondaryExposures, "secondaryExposures");
    undelegatedSecondaryExposures =
        copyExposures(undelegatedSecondaryExposures, "undelegatedSecondaryExposures");
    explicitParameters =
        explicitParameters == null ? null : copyStrings(explicitParameters, "explicitParameters");
  }

  /**
   * Starts a builder with every field empty: {@code value} false, lists empty, the rest null or 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this value's fields, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .value(value)
        .jsonValue(jsonValue)
        .ruleId(ruleId)
        .groupName(groupName)
        .secondaryExposures(secondaryExposures)
        .undelegatedSecondaryExposures(undelegatedSecondaryExposures)
        .configDelegate(configDelegate)
        .explicitParameters(explicitParameters)
        .time(time)
        .configVersion(configVersion);
  }

  private static List<SecondaryExposure> copyExposures(
      @Nullable List<SecondaryExposure> exposures, String name) {
    requireNonNullArgument(exposures, name);
    for (int i = 0; i < exposures.size(); i++) {
      requireNonNullElement(exposures.get(i), name, i);
    }
    return List.copyOf(exposures);
  }

  private static List<String> copyStrings(List<String> strings, String name) {
    List<String> copy = new ArrayList<>(strings.size());
    for (int i = 0; i < strings.size(); i++) {
      copy.add(requireNonNullElement(strings.get(i), name, i));
    }
    return List.copyOf(copy);
  }

  /** Builds a {@link StickyValues}; every setter returns the builder. */
  public static final class Builder {
    private boolean value;
    private @Nullable Map<String, @Nullable Object> jsonValue;
    private @Nullable String ruleId;
    private @Nullable String groupName;
    private List<SecondaryExposure> secondaryExposures = List.of();
    private List<SecondaryExposure> undelegatedSecondaryExposures = List.of();
    private @Nullable String configDelegate;
    private @Nullable List<String> explicitParameters;
    private long time;
    private @Nullable Integer configVersion;

    private Builder() {}

    /**
     * Sets the evaluation's boolean result.
     *
     * @param value the result
     * @return this builder
     */
    public Builder value(boolean value) {
      this.value = value;
      return this;
    }

    /**
     * Sets the parameters.
     *
     * @param jsonValue the parameters, or null
     * @return this builder
     */
    public Builder jsonValue(@Nullable Map<String, ? extends @Nullable Object> jsonValue) {
      this.jsonValue = jsonValue == null ? null : JsonValues.copyObject(jsonValue, "jsonValue");
      return this;
    }

    /**
     * Sets the rule id.
     *
     * @param ruleId the rule id, or null
     * @return this builder
     */
    public Builder ruleId(@Nullable String ruleId) {
      this.ruleId = ruleId;
      return this;
    }

    /**
     * Sets the group name.
     *
     * @param groupName the group name, or null
     * @return this builder
     */
    public Builder groupName(@Nullable String groupName) {
      this.groupName = groupName;
      return this;
    }

    /**
     * Sets the secondary exposures.
     *
     * @param secondaryExposures the exposures
     * @return this builder
     */
    public Builder secondaryExposures(List<SecondaryExposure> secondaryExposures) {
      this.secondaryExposures = copyExposures(secondaryExposures, "secondaryExposures");
      return this;
    }

    /**
     * Sets the undelegated secondary exposures.
     *
     * @param undelegatedSecondaryExposures the exposures
     * @return this builder
     */
    public Builder undelegatedSecondaryExposures(
        List<SecondaryExposure> undelegatedSecondaryExposures) {
      this.undelegatedSecondaryExposures =
          copyExposures(undelegatedSecondaryExposures, "undelegatedSecondaryExposures");
      return this;
    }

    /**
     * Sets the config delegate.
     *
     * @param configDelegate the experiment a layer delegated to, or null
     * @return this builder
     */
    public Builder configDelegate(@Nullable String configDelegate) {
      this.configDelegate = configDelegate;
      return this;
    }

    /**
     * Sets the explicit parameters.
     *
     * @param explicitParameters the parameter names, or null
     * @return this builder
     */
    public Builder explicitParameters(@Nullable List<String> explicitParameters) {
      this.explicitParameters =
          explicitParameters == null ? null : copyStrings(explicitParameters, "explicitParameters");
      return this;
    }

    /**
     * Sets the configuration time.
     *
     * @param time epoch milliseconds
     * @return this builder
     */
    public Builder time(long time) {
      this.time = time;
      return this;
    }

    /**
     * Sets the configuration version.
     *
     * @param configVersion the version, or null
     * @return this builder
     */
    public Builder configVersion(@Nullable Integer configVersion) {
      this.configVersion = configVersion;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return a new immutable {@link StickyValues}
     */
    public StickyValues build() {
      return new StickyValues(
          value,
          jsonValue,
          ruleId,
          groupName,
          secondaryExposures,
          undelegatedSecondaryExposures,
          configDelegate,
          explicitParameters,
          time,
          configVersion);
    }
  }
}
