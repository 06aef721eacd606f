/**
 * Turns a run's raw JMH results into {@code results/latest.md}: each operation of ours beside its
 * raw and naive counterparts, the ratios, the targets met or missed, and the machine they ran on.
 */
@NullMarked
package io.github.persistentassignment.benchmarks.report;

import org.jspecify.annotations.NullMarked;
