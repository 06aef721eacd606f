/**
 * The load harness: {@link io.github.persistentassignment.conformance.load.SustainedLoad} drives an
 * adapter with many threads for a while and reports latency, throughput, heap growth and read-back
 * problems; {@link io.github.persistentassignment.conformance.load.PersistentStorageLoadTest} is
 * the JUnit test an adapter extends to run it.
 */
@NullMarked
package io.github.persistentassignment.conformance.load;

import org.jspecify.annotations.NullMarked;
