package io.github.persistentassignment;

import org.jspecify.annotations.Nullable;

/**
 * How one call of {@link PersistentAssignment#getExperiment} or {@link
 * PersistentAssignment#getLayer} treats stored assignments.
 *
 * <p><strong>Null values mean "opt out" and delete the stored assignment.</strong> Pass the values
 * from {@link PersistentAssignment#getUserPersistedValues} (an empty map counts as opting in) to
 * keep users in their groups.
 *
 * @param userPersistedValues the user's stored assignments; null to opt out (and delete)
 * @param enforceTargeting drop a stored assignment when the user no longer passes targeting
 * @param enforceOverrides drop a stored assignment when an override now matches the user
 */
public record ExperimentOptions(
    @Nullable UserPersistedValues userPersistedValues,
    boolean enforceTargeting,
    boolean enforceOverrides) {

  /**
   * Options that serve and save stored assignments, with no enforcement.
   *
   * @param userPersistedValues the user's stored assignments
   * @return the options
   */
  public static ExperimentOptions persisted(UserPersistedValues userPersistedValues) {
    return new ExperimentOptions(userPersistedValues, false, false);
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
   * Starts a builder: no values (opt out), no enforcement.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExperimentOptions}. */
  public static final class Builder {
    private @Nullable UserPersistedValues userPersistedValues;
    private boolean enforceTargeting;
    private boolean enforceOverrides;

    private Builder() {}

    /**
     * Sets the user's stored assignments.
     *
     * @param userPersistedValues the values, or null to opt out
     * @return this builder
     */
    public Builder userPersistedValues(@Nullable UserPersistedValues userPersistedValues) {
      this.userPersistedValues = userPersistedValues;
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
     */
    public ExperimentOptions build() {
      return new ExperimentOptions(userPersistedValues, enforceTargeting, enforceOverrides);
    }
  }
}
