package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one call of the two-step API ({@link PersistentAssignment#getExperiment(User, String,
 * ExperimentOptions)} and {@link PersistentAssignment#getLayer(User, String, ExperimentOptions)})
 * treats stored assignments: the user's loaded values, or an explicit opt-out, plus the enforce
 * flags.
 *
 * <p>New code should use {@link PersistentAssignment#forUser(User)}, which loads for you. This form
 * is for bridges and for code ported from Statsig's {@code GetExperimentOptions}, with one safe
 * difference: <strong>nothing deletes by default</strong>. There is no "null values" opt-out: the
 * values are required ({@link #persisted}) unless the caller says {@link #optOut()}, the only
 * options that delete the stored entry.
 *
 * <pre>{@code
 * UserPersistedValues stored = assignment.getUserPersistedValues(user, "userID");
 * Assignment result = assignment.getExperiment(user, "checkout_button",
 *     ExperimentOptions.builder().userPersistedValues(stored).enforceTargeting(true).build());
 * }</pre>
 */
public final class ExperimentOptions {
  private final @Nullable UserPersistedValues userPersistedValues;
  private final boolean enforceTargeting;
  private final boolean enforceOverrides;

  private ExperimentOptions(
      @Nullable UserPersistedValues userPersistedValues,
      boolean enforceTargeting,
      boolean enforceOverrides) {
    this.userPersistedValues = userPersistedValues;
    this.enforceTargeting = enforceTargeting;
    this.enforceOverrides = enforceOverrides;
  }

  /**
   * Options that serve and save stored assignments, with no enforcement.
   *
   * @param userPersistedValues the user's stored assignments, from {@link
   *     PersistentAssignment#getUserPersistedValues}; {@link UserPersistedValues#empty()} when the
   *     user has none
   * @return the options
   * @throws IllegalArgumentException if the values are null (to opt out, call {@link #optOut()})
   */
  public static ExperimentOptions persisted(UserPersistedValues userPersistedValues) {
    return builder().userPersistedValues(userPersistedValues).build();
  }

  /**
   * Options that opt the user out: the live result is returned and any stored assignment for the
   * experiment is deleted.
   *
   * @return the options
   */
  public static ExperimentOptions optOut() {
    return new ExperimentOptions(null, false, false);
  }

  /**
   * Starts a builder. It must be given the user's values or told {@link Builder#optOut()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The user's stored assignments.
   *
   * @return the values, or null when these options opt out
   */
  public @Nullable UserPersistedValues userPersistedValues() {
    return userPersistedValues;
  }

  /**
   * Whether these options opt the user out (and delete the stored entry).
   *
   * @return true for {@link #optOut()}
   */
  public boolean optsOut() {
    return userPersistedValues == null;
  }

  /**
   * Whether a stored assignment is dropped when the user no longer passes targeting.
   *
   * @return the flag
   */
  public boolean enforceTargeting() {
    return enforceTargeting;
  }

  /**
   * Whether a stored assignment is dropped when an override now matches the user.
   *
   * @return the flag
   */
  public boolean enforceOverrides() {
    return enforceOverrides;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ExperimentOptions
        && Objects.equals(((ExperimentOptions) other).userPersistedValues, userPersistedValues)
        && ((ExperimentOptions) other).enforceTargeting == enforceTargeting
        && ((ExperimentOptions) other).enforceOverrides == enforceOverrides;
  }

  @Override
  public int hashCode() {
    return Objects.hash(userPersistedValues, enforceTargeting, enforceOverrides);
  }

  @Override
  public String toString() {
    return "ExperimentOptions["
        + (optsOut() ? "optOut" : "persisted")
        + (enforceTargeting ? ", enforceTargeting" : "")
        + (enforceOverrides ? ", enforceOverrides" : "")
        + "]";
  }

  /** Builds {@link ExperimentOptions}; mutable, every setter returns it. */
  public static final class Builder {
    private @Nullable UserPersistedValues userPersistedValues;
    private boolean optOut;
    private boolean enforceTargeting;
    private boolean enforceOverrides;

    private Builder() {}

    /**
     * Sets the user's stored assignments.
     *
     * @param userPersistedValues the values from {@link
     *     PersistentAssignment#getUserPersistedValues}
     * @return this builder
     * @throws IllegalArgumentException if the values are null (to opt out, call {@link #optOut()})
     */
    public Builder userPersistedValues(UserPersistedValues userPersistedValues) {
      this.userPersistedValues = requireNonNullArgument(userPersistedValues, "userPersistedValues");
      return this;
    }

    /**
     * Opts the user out: the live result is served and the stored entry deleted.
     *
     * @return this builder
     */
    public Builder optOut() {
      this.optOut = true;
      return this;
    }

    /**
     * Sets whether targeting is enforced on stored assignments.
     *
     * @param enforceTargeting true to re-check targeting
     * @return this builder
     */
    public Builder enforceTargeting(boolean enforceTargeting) {
      this.enforceTargeting = enforceTargeting;
      return this;
    }

    /**
     * Sets whether overrides are enforced on stored assignments.
     *
     * @param enforceOverrides true to re-check overrides
     * @return this builder
     */
    public Builder enforceOverrides(boolean enforceOverrides) {
      this.enforceOverrides = enforceOverrides;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalStateException if the builder was given neither the user's values nor {@link
     *     #optOut()}, or both
     */
    public ExperimentOptions build() {
      if (optOut == (userPersistedValues != null)) {
        throw new IllegalStateException(
            optOut
                ? "ExperimentOptions were given both userPersistedValues and optOut(); choose one"
                : "ExperimentOptions need the user's stored values: call"
                    + " userPersistedValues(assignment.getUserPersistedValues(user, idType)),"
                    + " or optOut() to delete the stored assignment");
      }
      return new ExperimentOptions(userPersistedValues, enforceTargeting, enforceOverrides);
    }
  }
}
