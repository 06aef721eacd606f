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
    UNRECOGNIZED,
    /**
     * The user's stored entry is from a version the experiment excludes ({@code
     * excludeBelowVersion}): the experiment's default values are served, the user is not in the
     * experiment, and nothing is saved.
     */
    EXCLUDED
  }

  private static final StickyValues NOTHING = StickyValues.builder().jsonValue(Map.of()).build();

  private final String name;
  private final Reason reason;
  private final @Nullable Evaluation live;
  private final StickyValues served;

  private Assignment(String name, Reason reason, @Nullable Evaluation live, StickyValues served) {
    this.name = name;
    this.reason = reason;
    this.live = live;
    this.served = served;
  }

  static Assignment unrecognized(String name) {
    return new Assignment(name, Reason.UNRECOGNIZED, null, NOTHING);
  }

  static Assignment live(Evaluation live, Reason reason) {
    return new Assignment(live.name(), reason, live, live.values());
  }

  static Assignment excluded(Evaluation live) {
    return new Assignment(live.name(), Reason.EXCLUDED, live, live.excludedValues());
  }

  static Assignment persisted(Evaluation live, StickyValues stored) {
    return new Assignment(live.name(), Reason.PERSISTED, live, stored);
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
   * Where this assignment came from.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * What the user gets, in its stored form: the stored entry for a {@link Reason#PERSISTED}
   * assignment, otherwise the live evaluation's values. Every value accessor below reads from here.
   *
   * @return the values served
   */
  public StickyValues values() {
    return served;
  }

  /**
   * The group the user is in.
   *
   * @return the group's name, or null when the user is in no group
   */
  public @Nullable String groupName() {
    return served.groupName();
  }

  /**
   * The rule that decided the group.
   *
   * @return the rule id, or null
   */
  public @Nullable String ruleId() {
    return served.ruleId();
  }

  /**
   * Every parameter the user gets.
   *
   * @return an unmodifiable map of parameter name → value; empty when there are none
   */
  public Map<String, @Nullable Object> parameters() {
    Map<String, @Nullable Object> parameters = served.jsonValue();
    return parameters == null ? Map.of() : parameters;
  }

  /**
   * Whether the experiment (for a layer, its allocated experiment) is running.
   *
   * @return true when active; false for an unrecognized name
   */
  public boolean experimentActive() {
    return live != null && live.active();
  }

  /**
   * Whether the user is in one of the experiment's groups (always true for a persisted assignment).
   *
   * @return true when in an experiment group
   */
  public boolean userInExperiment() {
    return reason == Reason.PERSISTED
        || (reason != Reason.EXCLUDED && live != null && live.experimentGroup());
  }

  /**
   * The experiment's unit type, such as {@code userID}.
   *
   * @return the id type, or null for an unrecognized name
   */
  public @Nullable String idType() {
    return live == null ? null : live.idType();
  }

  /**
   * For a layer, the experiment the user is allocated to.
   *
   * @return the experiment's name, or null
   */
  public @Nullable String configDelegate() {
    return served.configDelegate();
  }

  /**
   * Gates evaluated on the way to this assignment.
   *
   * @return the exposures
   */
  public List<SecondaryExposure> secondaryExposures() {
    return served.secondaryExposures();
  }

  /**
   * A parameter as a string.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a string
   * @return the value or the fallback
   */
  public @Nullable String stringParameter(String parameter, @Nullable String fallback) {
    Object value = parameters().get(parameter);
    return value instanceof String ? (String) value : fallback;
  }

  /**
   * A parameter as a boolean.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a boolean
   * @return the value or the fallback
   */
  public boolean booleanParameter(String parameter, boolean fallback) {
    Object value = parameters().get(parameter);
    return value instanceof Boolean ? (Boolean) value : fallback;
  }

  /**
   * A parameter as a long. Fractional numbers are truncated toward zero.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a number
   * @return the value or the fallback
   */
  public long longParameter(String parameter, long fallback) {
    Object value = parameters().get(parameter);
    return value instanceof Number ? ((Number) value).longValue() : fallback;
  }

  /**
   * A parameter as a double.
   *
   * @param parameter the parameter's name
   * @param fallback returned when the parameter is missing or not a number
   * @return the value or the fallback
   */
  public double doubleParameter(String parameter, double fallback) {
    Object value = parameters().get(parameter);
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
  public @Nullable List<@Nullable Object> listParameter(
      String parameter, @Nullable List<@Nullable Object> fallback) {
    Object value = parameters().get(parameter);
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
  public @Nullable Map<String, @Nullable Object> mapParameter(
      String parameter, @Nullable Map<String, @Nullable Object> fallback) {
    Object value = parameters().get(parameter);
    return value instanceof Map ? (Map<String, @Nullable Object>) value : fallback;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof Assignment)) {
      return false;
    }
    Assignment that = (Assignment) other;
    return name.equals(that.name)
        && reason == that.reason
        && Objects.equals(live, that.live)
        && served.equals(that.served);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, reason, served);
  }

  @Override
  public String toString() {
    return "Assignment[name="
        + name
        + ", group="
        + groupName()
        + ", rule="
        + ruleId()
        + ", reason="
        + reason
        + ", parameters="
        + parameters()
        + (configDelegate() == null ? "" : ", delegate=" + configDelegate())
        + "]";
  }
}
