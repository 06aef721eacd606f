/**
 * Micrometer meters for persistent assignment: a timing decorator for any storage, and decision and
 * storage-failure counters for {@code PersistentAssignment}. No Spring needed.
 */
module io.github.persistentassignment.metrics.micrometer {
  requires transitive io.github.persistentassignment;
  requires transitive micrometer.core;

  exports io.github.persistentassignment.metrics.micrometer;
}
