/**
 * JMH benchmarks of Persistent Assignment: each adapter against the raw client it is built on
 * ({@link io.github.persistentassignment.benchmarks.StorageBenchmark}), against a naive whole-map
 * adapter ({@link io.github.persistentassignment.benchmarks.NaiveBaselineBenchmark}), and the core
 * codec ({@link io.github.persistentassignment.benchmarks.CodecBenchmark}); {@link
 * io.github.persistentassignment.benchmarks.BenchmarkRun} runs them all and writes the report. Not
 * published.
 */
@NullMarked
package io.github.persistentassignment.benchmarks;

import org.jspecify.annotations.NullMarked;
