package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import org.jspecify.annotations.Nullable;

/**
 * The live result of evaluating one experiment or layer for one user: the {@link StickyValues} it
 * would store, and the facts {@link PersistentAssignment} decides with. The value fields (group,
 * rule, parameters, exposures, delegate, configuration time and version) live only in {@link
 * #values()}; an {@link Assignment} reads them from there.
 *
 * <pre>{@code
 * Evaluation result =
 *     Evaluation.builder("checkout_button", Evaluation.Kind.EXPERIMENT, "userID")
 *         .active(true)
 *         .experimentGroup(true)
 *         .values(StickyValues.builder().value(true).groupName("Test").ruleId("Test").build())
 *         .build();
 * }</pre>
 *
 * @param name the experiment's or layer's name
 * @param kind whether {@code name} is an experiment or a layer
 * @param idType the unit type the experiment is keyed by, such as {@code userID}
 * @param active whether the experiment is running (for a layer: the experiment it allocated the
 *     user to); an inactive experiment's stored assignments are deleted
 * @param experimentGroup whether the user landed in one of the experiment's groups (not an
 *     override, a targeting failure or outside the allocation); only such results are stored
 * @param values what the user gets, in the form it is stored: group, rule, parameters ({@code
 *     jsonValue}), exposures, a layer's delegate, and the configuration's time and version (the
 *     experiment's assignment version, which the version rules below compare with)
 * @param fallbackIdType the id type a user without {@code idType} is bucketed and stored by, and
 *     under which a user who has both is looked up second (anonymous → logged in), or null
 * @param reassignBelowVersion a stored entry whose {@code configVersion} is below this (an entry
 *     without one counts as 0) is discarded: the user is evaluated live and the result saved; 0 for
 *     none
 * @param excludeBelowVersion a user whose stored entry's version is below this is kept out of the
 *     experiment: served {@code excludedValues}, nothing saved; 0 for none
 * @param excludedValues what a user excluded by {@code excludeBelowVersion} gets: the experiment's
 *     default values
 */
public record Evaluation(
    String name,
    Kind kind,
    String idType,
    boolean active,
    boolean experimentGroup,
    StickyValues values,
    @Nullable String fallbackIdType,
    int reassignBelowVersion,
    int excludeBelowVersion,
    StickyValues excludedValues) {

  /** Whether an evaluation is of an experiment or of a layer. */
  public enum Kind {
    /** An experiment: groups with parameters. */
    EXPERIMENT,
    /** A layer: experiments sharing parameters; the user is allocated to at most one. */
    LAYER
  }

  /**
   * Validates the components.
   *
   * @param name the experiment's or layer's name
   * @param kind whether {@code name} is an experiment or a layer
   * @param idType the unit type the experiment is keyed by, such as {@code userID}
   * @param active whether the experiment is running (for a layer: the experiment it allocated the
   *     user to); an inactive experiment's stored assignments are deleted
   * @param experimentGroup whether the user landed in one of the experiment's groups (not an
   *     override, a targeting failure or outside the allocation); only such results are stored
   * @param values what the user gets, in the form it is stored: group, rule, parameters ({@code
   *     jsonValue}), exposures, a layer's delegate, and the configuration's time and version (the
   *     experiment's assignment version, which the version rules below compare with)
   * @param fallbackIdType the id type a user without {@code idType} is bucketed and stored by, and
   *     under which a user who has both is looked up second (anonymous → logged in), or null
   * @param reassignBelowVersion a stored entry whose {@code configVersion} is below this (an entry
   *     without one counts as 0) is discarded: the user is evaluated live and the result saved; 0
   *     for none
   * @param excludeBelowVersion a user whose stored entry's version is below this is kept out of the
   *     experiment: served {@code excludedValues}, nothing saved; 0 for none
   * @param excludedValues what a user excluded by {@code excludeBelowVersion} gets: the
   *     experiment's default values
   * @throws IllegalArgumentException if the name or id type is blank, kind or values null, the
   *     fallback id type blank or equal to {@code idType}, or a version threshold negative
   */
  public Evaluation {
    requireNonBlank(name, "name");
    requireNonNullArgument(kind, "kind");
    requireNonBlank(idType, "idType");
    requireNonNullArgument(values, "values");
    requireNonNullArgument(excludedValues, "excludedValues");
    if (fallbackIdType != null) {
      requireNonBlank(fallbackIdType, "fallbackIdType");
      if (fallbackIdType.equals(idType)) {
        throw new IllegalArgumentException(
            "fallbackIdType of " + name + " must differ from its idType (" + idType + ")");
      }
    }
    if (reassignBelowVersion < 0 || excludeBelowVersion < 0) {
      throw new IllegalArgumentException(
          "reassignBelowVersion and excludeBelowVersion of " + name + " must be 0 or more");
    }
  }

  /**
   * The version a stored entry was assigned with: its {@code configVersion}, 0 when it has none (an
   * entry written by another SDK).
   *
   * @param stored the stored entry
   * @return its version
   */
  static int versionOf(StickyValues stored) {
    Integer version = stored.configVersion();
    return version == null ? 0 : version;
  }

  /**
   * Starts a builder for an evaluation of {@code name}: not active, not in an experiment group, and
   * empty values ({@link StickyValues#builder()}'s defaults). Evaluators outside core build their
   * results with it.
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
   * Starts a builder holding this evaluation's components, to derive a changed copy (a layer's
   * result from its experiment's, for instance).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(name, kind, idType)
        .active(active)
        .experimentGroup(experimentGroup)
        .values(values)
        .fallbackIdType(fallbackIdType)
        .reassignBelowVersion(reassignBelowVersion)
        .excludeBelowVersion(excludeBelowVersion)
        .excludedValues(excludedValues);
  }

  /** Builds an {@link Evaluation}; it is mutable and every setter returns it. */
  public static final class Builder {
    private String name;
    private Kind kind;
    private String idType;
    private boolean active;
    private boolean experimentGroup;
    private StickyValues values = StickyValues.builder().build();
    private @Nullable String fallbackIdType;
    private int reassignBelowVersion;
    private int excludeBelowVersion;
    private StickyValues excludedValues = StickyValues.builder().build();

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
     * Sets what the user gets, in its stored form.
     *
     * @param values the values
     * @return this builder
     */
    public Builder values(StickyValues values) {
      this.values = requireNonNullArgument(values, "values");
      return this;
    }

    /**
     * Sets the fallback id type (anonymous → logged in). Default: none.
     *
     * @param fallbackIdType the id type, or null for none
     * @return this builder
     */
    public Builder fallbackIdType(@Nullable String fallbackIdType) {
      this.fallbackIdType = fallbackIdType;
      return this;
    }

    /**
     * Discards stored entries of versions below this one. Default: 0 (none).
     *
     * @param version the first version whose entries are kept
     * @return this builder
     */
    public Builder reassignBelowVersion(int version) {
      this.reassignBelowVersion = version;
      return this;
    }

    /**
     * Keeps users with stored entries of versions below this one out of the experiment. Default: 0
     * (none).
     *
     * @param version the first version whose users stay in
     * @return this builder
     */
    public Builder excludeBelowVersion(int version) {
      this.excludeBelowVersion = version;
      return this;
    }

    /**
     * Sets what an excluded user gets: the experiment's default values. Default: empty values.
     *
     * @param excludedValues the values
     * @return this builder
     */
    public Builder excludedValues(StickyValues excludedValues) {
      this.excludedValues = requireNonNullArgument(excludedValues, "excludedValues");
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
          values,
          fallbackIdType,
          reassignBelowVersion,
          excludeBelowVersion,
          excludedValues);
    }
  }
}
