package io.github.persistentassignment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a user gets for an experiment or layer, and why. Immutable.
 *
 * <p>The {@link #reason()} tells whether the result was served from storage ({@link
 * Reason#PERSISTED}) or evaluated live, and whether storage could be consulted at all.
 */
public final class Assignment {

  /** Where an assignment came from. */
  public enum Reason {
    /** Served from the user's stored assignment. */
    PERSISTED,
    /** Evaluated live (and saved, when it was a first assignment to an experiment group). */
    EVALUATED,
    /**
     * Evaluated live because the user's stored assignments could not be loaded; nothing was saved
     * or deleted.
     */
    STORAGE_UNAVAILABLE,
    /** No experiment or layer has this name; the assignment is empty. */
    UNRECOGNIZED
  }

  private final String name;
  private final @Nullable String groupName;
  private final @Nullable String ruleId;
  private final Map<String, @Nullable Object> parameters;
  private final Reason reason;
  private final boolean experimentActive;
  private final boolean userInExperiment;
  private final @Nullable String idType;
  private final @Nullable String configDelegate;
  private final List<SecondaryExposure> secondaryExposures;

  private Assignment(
      String name,
      @Nullable String groupName,
      @Nullable String ruleId,
      Map<String, @Nullable Object> parameters,
      Reason reason,
      boolean experimentActive,
      boolean userInExperiment,
      @Nullable String idType,
      @Nullable String configDelegate,
      List<SecondaryExposure> secondaryExposures) {
    this.name = name;
    this.groupName = groupName;
    this.ruleId = ruleId;
    this.parameters = parameters;
    this.reason = reason;
    this.experimentActive = experimentActive;
    this.userInExperiment = userInExperiment;
    this.idType = idType;
    this.configDelegate = configDelegate;
    this.secondaryExposures = secondaryExposures;
  }

  static Assignment unrecognized(String name) {
    return new Assignment(
        name, null, null, Map.of(), Reason.UNRECOGNIZED, false, false, null, null, List.of());
  }

  static Assignment live(Evaluation live, Reason reason) {
    return new Assignment(
        live.name(),
        live.groupName(),
        live.ruleId(),
        live.parameters(),
        reason,
        live.active(),
        live.experimentGroup(),
        live.idType(),
        live.configDelegate(),
        live.secondaryExposures());
  }

  static Assignment persisted(Evaluation live, StickyValues stored) {
    Map<String, @Nullable Object> parameters = stored.jsonValue();
    return new Assignment(
        live.name(),
        stored.groupName(),
        stored.ruleId(),
        parameters == null ? Map.of() : parameters,
        Reason.PERSISTED,
        live.active(),
        true,
        live.idType(),
        stored.configDelegate(),
        stored.secondaryExposures());
  }

  /**
   * The experiment's or layer's name.
   *
   * @return the name asked for
   */
  public String name() {
    return name;
  }

  /**
   * The group the user is in.
   *
   * @return the group's name, or null when the user is in no group
   */
  public @Nullable String groupName() {
    return groupName;
  }

  /**
   * The rule that decided the group.
   *
   * @return the rule id, or null
   */
  public @Nullable String ruleId() {
    return ruleId;
  }

  /**
   * Every parameter the user gets.
   *
   * @return an unmodifiable map of parameter name → value
   */
  public Map<String, @Nullable Object> parameters() {
    return parameters;
  }

  /**
   * Where this assignment came from.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Whether the experiment (for a layer, its allocated experiment) is running.
   *
   * @return true when active
   */
  public boolean isExperimentActive() {
    return experimentActive;
  }

  /**
   * Whether the user is in one of the experiment's groups (always true for a persisted assignment).
   *
   * @return true when in an experiment group
   */
  public boolean isUserInExperiment() {
    return userInExperiment;
  }

  /**
   * The experiment's unit type, such as {@code userID}.
   *
   * @return the id type, or null for an unrecognized name
   */
  public @Nullable String idType() {
    return idType;
  }

  /**
   * For a layer, the experiment the user is allocated to.
   *
   * @return the experiment's name, or null
   */
  public @Nullable String configDelegate() {
    return configDelegate;
  }

  /**
   * Gates evaluated on the way to this assignment.
   *
   * @return the exposures
   */
  public List<SecondaryExposure> secondaryExposures() {
    return secondaryExposures;
  }

  /**
   * A parameter as a string.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a string
   * @return the value or the fallback
   */
  public @Nullable String getString(String parameter, @Nullable String fallback) {
    Object value = parameters.get(parameter);
    return value instanceof String ? (String) value : fallback;
  }

  /**
   * A parameter as a boolean.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a boolean
   * @return the value or the fallback
   */
  public boolean getBoolean(String parameter, boolean fallback) {
    Object value = parameters.get(parameter);
    return value instanceof Boolean ? (Boolean) value : fallback;
  }

  /**
   * A parameter as a long. Fractional numbers are truncated toward zero.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a number
   * @return the value or the fallback
   */
  public long getLong(String parameter, long fallback) {
    Object value = parameters.get(parameter);
    return value instanceof Number ? ((Number) value).longValue() : fallback;
  }

  /**
   * A parameter as a double.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a number
   * @return the value or the fallback
   */
  public double getDouble(String parameter, double fallback) {
    Object value = parameters.get(parameter);
    return value instanceof Number ? ((Number) value).doubleValue() : fallback;
  }

  /**
   * A parameter that is a JSON array.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not an array
   * @return the value or the fallback
   */
  @SuppressWarnings("unchecked")
  public @Nullable List<@Nullable Object> getList(
      String parameter, @Nullable List<@Nullable Object> fallback) {
    Object value = parameters.get(parameter);
    return value instanceof List ? (List<@Nullable Object>) value : fallback;
  }

  /**
   * A parameter that is a JSON object.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not an object
   * @return the value or the fallback
   */
  @SuppressWarnings("unchecked")
  public @Nullable Map<String, @Nullable Object> getMap(
      String parameter, @Nullable Map<String, @Nullable Object> fallback) {
    Object value = parameters.get(parameter);
    return value instanceof Map ? (Map<String, @Nullable Object>) value : fallback;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Assignment)) {
      return false;
    }
    Assignment that = (Assignment) other;
    return name.equals(that.name)
        && Objects.equals(groupName, that.groupName)
        && Objects.equals(ruleId, that.ruleId)
        && parameters.equals(that.parameters)
        && reason == that.reason
        && experimentActive == that.experimentActive
        && userInExperiment == that.userInExperiment
        && Objects.equals(idType, that.idType)
        && Objects.equals(configDelegate, that.configDelegate)
        && secondaryExposures.equals(that.secondaryExposures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, groupName, ruleId, parameters, reason, configDelegate);
  }

  @Override
  public String toString() {
    return "Assignment[name="
        + name
        + ", group="
        + groupName
        + ", rule="
        + ruleId
        + ", reason="
        + reason
        + ", parameters="
        + parameters
        + (configDelegate == null ? "" : ", delegate=" + configDelegate)
        + "]";
  }
}
