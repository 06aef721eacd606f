/**
 * Micrometer meters: {@link
 * io.github.persistentassignment.metrics.micrometer.MeteredPersistentStorage} times every call of a
 * storage, and {@link
 * io.github.persistentassignment.metrics.micrometer.PersistentAssignmentMetrics} counts the
 * decisions and storage failures of {@link io.github.persistentassignment.PersistentAssignment}.
 */
@NullMarked
package io.github.persistentassignment.metrics.micrometer;

import org.jspecify.annotations.NullMarked;
