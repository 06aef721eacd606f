/**
 * The parts of an {@link io.github.persistentassignment.catalog.ExperimentCatalog}: experiments,
 * their groups and targeting conditions, layers, the bucketing algorithm and the JSON format.
 *
 * <p>Every type here is immutable and thread-safe.
 */
@NullMarked
package io.github.persistentassignment.catalog;

import org.jspecify.annotations.NullMarked;
