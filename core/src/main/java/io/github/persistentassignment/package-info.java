/**
 * Persistent assignment: keep each user in the experiment group they were first given.
 *
 * <p>The storage contract ({@link io.github.persistentassignment.PersistentStorage}), the stored
 * value ({@link io.github.persistentassignment.StickyValues}), the assignment logic ({@link
 * io.github.persistentassignment.PersistentAssignment}) and a small deterministic evaluator ({@link
 * io.github.persistentassignment.catalog.ExperimentCatalog}).
 */
@NullMarked
package io.github.persistentassignment;

import org.jspecify.annotations.NullMarked;
