package io.github.persistentassignment;

import java.util.List;

/**
 * Where one decision of {@link PersistentAssignment} finds a storage key's entries, and what it
 * tells after writing. {@link UserAssignments} loads each key once and keeps its view up to date;
 * the two-step API hands over the values the caller passed in its {@link ExperimentOptions}.
 */
interface StoredView {

  /** The entries stored under the key: loaded (once), passed in, or the "unavailable" marker. */
  UserPersistedValues entries(String key);

  /**
   * Loads several keys in one round trip before their entries are asked for (a user's primary and
   * fallback keys). The two-step API's view has nothing to load.
   */
  default void preload(List<String> keys) {}

  /**
   * Whether a delete of this entry could remove anything. A request's own view knows; values a
   * caller passed may belong to another user, so they never rule a delete out.
   */
  boolean mayHold(String key, String configName);

  /** This entry is now stored, by this request or by the writer that won. */
  void stored(String key, String configName, StickyValues values);

  /** This entry was deleted. */
  void deleted(String key, String configName);

  /** The view of values a caller passed to the two-step API: nothing to load, nothing to update. */
  static StoredView of(UserPersistedValues values) {
    return new StoredView() {
      @Override
      public UserPersistedValues entries(String key) {
        return values;
      }

      @Override
      public boolean mayHold(String key, String configName) {
        return true;
      }

      @Override
      public void stored(String key, String configName, StickyValues values) {}

      @Override
      public void deleted(String key, String configName) {}
    };
  }
}
