/**
 * The conformance kit: {@link
 * io.github.persistentassignment.conformance.PersistentStorageConformanceTest}, the JUnit 5 tests
 * every {@link io.github.persistentassignment.PersistentStorage} adapter extends to prove it keeps
 * the storage contract, and {@link
 * io.github.persistentassignment.conformance.servers.TestBackends}, which finds a real server for
 * an adapter's tests.
 */
@NullMarked
package io.github.persistentassignment.conformance;

import org.jspecify.annotations.NullMarked;
