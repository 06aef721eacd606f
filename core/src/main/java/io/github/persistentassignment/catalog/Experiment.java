package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.StorageKeys;
import io.github.persistentassignment.internal.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An experiment: who is in it, which groups it splits them into, and what each group gets.
 * Immutable; build one with {@link #builder(String)}.
 *
 * @param name the experiment's name, unique in its catalog
 * @param idType the unit type users are bucketed by, such as {@code userID} or {@code companyID}
 * @param salt mixed into the hash so that experiments bucket independently
 * @param active whether the experiment is running; an inactive one serves its defaults to everyone
 *     and its stored assignments are deleted
 * @param allocationPercent the share of units in the experiment, from 0 to 100
 * @param defaultParameters the parameters served outside the experiment, and under each group's
 * @param groups the groups, in bucket order
 * @param targeting conditions a user must all pass to be allocated
 * @param overrides unit ID → name of the group that unit always gets
 * @param fallbackIdType the id type a user without {@code idType} is bucketed and stored by (an
 *     anonymous visitor's {@code stableID}); a user with both keeps a group first given under the
 *     fallback; null for none
 * @param version the experiment's assignment version, stored with each entry as {@code
 *     configVersion}; null to use the catalog's version
 * @param reassignBelowVersion entries of an older version are discarded and the user is assigned
 *     afresh; 0 for none
 * @param excludeBelowVersion users holding an entry of an older version get the default parameters
 *     and stay out of the experiment; 0 for none
 */
public record Experiment(
    String name,
    String idType,
    String salt,
    boolean active,
    double allocationPercent,
    Map<String, @Nullable Object> defaultParameters,
    List<Group> groups,
    List<Condition> targeting,
    Map<String, String> overrides,
    @Nullable String fallbackIdType,
    @Nullable Integer version,
    int reassignBelowVersion,
    int excludeBelowVersion) {

  /** The id type used when none is given. */
  public static final String DEFAULT_ID_TYPE = "userID";

  /**
   * Validates every field and copies every collection.
   *
   * @param name the experiment's name, unique in its catalog
   * @param idType the unit type users are bucketed by, such as {@code userID} or {@code companyID}
   * @param salt mixed into the hash so that experiments bucket independently
   * @param active whether the experiment is running; an inactive one serves its defaults to
   *     everyone and its stored assignments are deleted
   * @param allocationPercent the share of units in the experiment, from 0 to 100
   * @param defaultParameters the parameters served outside the experiment, and under each group's
   * @param groups the groups, in bucket order
   * @param targeting conditions a user must all pass to be allocated
   * @param overrides unit ID → name of the group that unit always gets
   * @param fallbackIdType the id type a user without {@code idType} is bucketed and stored by (an
   *     anonymous visitor's {@code stableID}); a user with both keeps a group first given under the
   *     fallback; null for none
   * @param version the experiment's assignment version, stored with each entry as {@code
   *     configVersion}; null to use the catalog's version
   * @param reassignBelowVersion entries of an older version are discarded and the user is assigned
   *     afresh; 0 for none
   * @param excludeBelowVersion users holding an entry of an older version get the default
   *     parameters and stay out of the experiment; 0 for none
   */
  public Experiment {
    requireNonBlank(name, "experiment name");
    StorageKeys.requireValidIdType(idType, "idType of experiment " + name);
    requireNonBlank(salt, "salt of experiment " + name);
    if (!(allocationPercent >= 0 && allocationPercent <= 100)) {
      throw new IllegalArgumentException(
          "allocationPercent of experiment "
              + name
              + " must be from 0 to 100, got "
              + allocationPercent);
    }
    defaultParameters =
        JsonValues.copyObject(
            requireNonNullArgument(defaultParameters, "defaultParameters"),
            "defaultParameters of experiment " + name);
    groups = List.copyOf(requireNonNullArgument(groups, "groups"));
    ExperimentChecks.requireUsableGroups(name, groups);
    targeting = List.copyOf(requireNonNullArgument(targeting, "targeting"));
    overrides =
        ExperimentChecks.copyOverrides(
            name, requireNonNullArgument(overrides, "overrides"), groups);
    ExperimentChecks.requireUsableLifecycle(
        name, idType, fallbackIdType, version, reassignBelowVersion, excludeBelowVersion);
  }

  /**
   * Starts a builder with the defaults: id type {@code userID}, salt = name, active, 100%
   * allocated, no defaults, no targeting, no overrides.
   *
   * @param name the experiment's name
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(requireNonBlank(name, "name"));
  }

  /**
   * A builder holding this experiment's fields, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder =
        builder(name)
            .idType(idType)
            .salt(salt)
            .active(active)
            .allocationPercent(allocationPercent)
            .defaultParameters(defaultParameters)
            .groups(groups)
            .fallbackIdType(fallbackIdType)
            .version(version)
            .reassignBelowVersion(reassignBelowVersion)
            .excludeBelowVersion(excludeBelowVersion);
    builder.targeting.addAll(targeting);
    builder.overrides.putAll(overrides);
    return builder;
  }

  /**
   * The group with a name.
   *
   * @param groupName the group's name
   * @return the group, or empty when the experiment has none of that name
   */
  public Optional<Group> group(String groupName) {
    return groups.stream().filter(group -> group.name().equals(groupName)).findFirst();
  }

  /**
   * Every parameter this experiment sets: the keys of its defaults and of all its groups'
   * parameters. A layer reports them as the delegated experiment's explicit parameters.
   *
   * @return the names, sorted
   */
  public List<String> controlledParameters() {
    Set<String> names = new TreeSet<>(defaultParameters.keySet());
    groups.forEach(group -> names.addAll(group.parameters().keySet()));
    return List.copyOf(names);
  }

  /** Builds an {@link Experiment}; {@link #build()} validates. */
  public static final class Builder {
    private String name;
    private String idType = DEFAULT_ID_TYPE;
    private @Nullable String salt;
    private boolean active = true;
    private double allocationPercent = 100;
    private Map<String, @Nullable Object> defaultParameters = Map.of();
    private final List<Group> groups = new ArrayList<>();
    private final List<Condition> targeting = new ArrayList<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private @Nullable String fallbackIdType;
    private @Nullable Integer version;
    private int reassignBelowVersion;
    private int excludeBelowVersion;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Renames the experiment. The salt, unless set, follows the name.
     *
     * @param name the experiment's name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets the unit type; default {@code userID}.
     *
     * @param idType the id type, such as {@code companyID}
     * @return this builder
     */
    public Builder idType(String idType) {
      this.idType = requireNonBlank(idType, "idType");
      return this;
    }

    /**
     * Sets the salt; default the experiment's name.
     *
     * @param salt the salt
     * @return this builder
     */
    public Builder salt(String salt) {
      this.salt = requireNonBlank(salt, "salt");
      return this;
    }

    /**
     * Sets whether the experiment is running; default true.
     *
     * @param active whether it is running
     * @return this builder
     */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /**
     * Sets the share of units in the experiment; default 100.
     *
     * @param allocationPercent from 0 to 100
     * @return this builder
     */
    public Builder allocationPercent(double allocationPercent) {
      this.allocationPercent = allocationPercent;
      return this;
    }

    /**
     * Sets the parameters served outside the experiment; default none.
     *
     * @param defaultParameters parameter name → JSON value
     * @return this builder
     */
    public Builder defaultParameters(Map<String, ? extends @Nullable Object> defaultParameters) {
      this.defaultParameters =
          JsonValues.copyObject(
              requireNonNullArgument(defaultParameters, "defaultParameters"), "defaultParameters");
      return this;
    }

    /**
     * Adds a group after the ones already added.
     *
     * @param name the group's name
     * @param weight its relative share, {@code >= 0}
     * @param parameters its parameters
     * @return this builder
     */
    public Builder group(
        String name, double weight, Map<String, ? extends @Nullable Object> parameters) {
      return group(
          new Group(
              name,
              weight,
              JsonValues.copyObject(
                  requireNonNullArgument(parameters, "parameters"), "parameters")));
    }

    /**
     * Adds a group after the ones already added.
     *
     * @param group the group
     * @return this builder
     */
    public Builder group(Group group) {
      groups.add(requireNonNullArgument(group, "group"));
      return this;
    }

    /**
     * Replaces every group, for example to change weights in a copy made by {@link
     * Experiment#toBuilder()}.
     *
     * @param groups the groups, in bucket order
     * @return this builder
     */
    public Builder groups(List<Group> groups) {
      requireNonNullArgument(groups, "groups");
      this.groups.clear();
      groups.forEach(this::group);
      return this;
    }

    /**
     * Adds targeting conditions; a user must pass all of them.
     *
     * @param conditions the conditions
     * @return this builder
     */
    public Builder targeting(Condition... conditions) {
      requireNonNullArgument(conditions, "conditions");
      for (Condition condition : conditions) {
        targeting.add(requireNonNullArgument(condition, "condition"));
      }
      return this;
    }

    /**
     * Removes every targeting condition.
     *
     * @return this builder
     */
    public Builder clearTargeting() {
      targeting.clear();
      return this;
    }

    /**
     * Always gives a unit a group, whatever its targeting and bucket. Overridden results are never
     * stored.
     *
     * @param unitId the unit ID (of the experiment's id type)
     * @param groupName the name of one of the experiment's groups
     * @return this builder
     */
    public Builder override(String unitId, String groupName) {
      overrides.put(requireNonBlank(unitId, "unitId"), requireNonBlank(groupName, "groupName"));
      return this;
    }

    /**
     * Removes every override.
     *
     * @return this builder
     */
    public Builder clearOverrides() {
      overrides.clear();
      return this;
    }

    /**
     * Buckets and stores a user without the primary id type by this one, and keeps a group given
     * under it when the user later has both (anonymous → logged in). Default: none.
     *
     * @param fallbackIdType the fallback id type, such as {@code stableID}, or null for none
     * @return this builder
     */
    public Builder fallbackIdType(@Nullable String fallbackIdType) {
      this.fallbackIdType = fallbackIdType;
      return this;
    }

    /**
     * Sets the experiment's assignment version, stored with each entry. Default: the catalog's.
     *
     * @param version the version, 0 or more, or null for the catalog's
     * @return this builder
     */
    public Builder version(@Nullable Integer version) {
      this.version = version;
      return this;
    }

    /**
     * Re-randomizes users whose entry is older than this version. Default: 0 (none).
     *
     * @param version at most the experiment's own version
     * @return this builder
     */
    public Builder reassignBelowVersion(int version) {
      this.reassignBelowVersion = version;
      return this;
    }

    /**
     * Keeps users whose entry is older than this version out of the experiment. Default: 0 (none).
     *
     * @param version at most the experiment's own version
     * @return this builder
     */
    public Builder excludeBelowVersion(int version) {
      this.excludeBelowVersion = version;
      return this;
    }

    /**
     * Builds the experiment.
     *
     * @return a new immutable {@link Experiment}
     * @throws IllegalArgumentException if a field is invalid; the message says which
     */
    public Experiment build() {
      return new Experiment(
          name,
          idType,
          salt != null ? salt : name,
          active,
          allocationPercent,
          defaultParameters,
          groups,
          targeting,
          overrides,
          fallbackIdType,
          version,
          reassignBelowVersion,
          excludeBelowVersion);
    }
  }
}
