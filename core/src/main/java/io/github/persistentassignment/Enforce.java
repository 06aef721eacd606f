package io.github.persistentassignment;

/**
 * Checks that can take a stored assignment away from a user who no longer qualifies, passed to
 * {@link UserAssignments#getExperiment(String, Enforce...)} and {@link
 * UserAssignments#getLayer(String, Enforce...)}. Without them a stored assignment is served as it
 * is. When a check fails the live result is served and the stored entry is left alone (the user
 * gets it back if they qualify again). Targeting is checked before overrides.
 */
public enum Enforce {
  /** Serve the live result when the user no longer passes the experiment's targeting. */
  TARGETING,
  /** Serve the live result when an override now decides the user's group. */
  OVERRIDES
}
