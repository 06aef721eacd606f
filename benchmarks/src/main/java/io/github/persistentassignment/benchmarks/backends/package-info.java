/**
 * The backends the benchmarks run against: for each, our adapter built with its public builder, and
 * the raw client it is built on issuing the same single command, over the same data.
 */
@NullMarked
package io.github.persistentassignment.benchmarks.backends;

import org.jspecify.annotations.NullMarked;
