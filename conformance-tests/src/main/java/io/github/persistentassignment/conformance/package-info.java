/**
 * The conformance kit: {@link
 * io.github.persistentassignment.conformance.PersistentStorageConformanceTest}, the JUnit 5 tests
 * every {@link io.github.persistentassignment.PersistentStorage} adapter extends to prove it keeps
 * the storage contract (one factory, {@code createStorage()}, and optional hooks for expiry,
 * corrupt entries and foreign items that skip their tests until overridden), and {@link
 * io.github.persistentassignment.conformance.servers.TestBackends}, which finds a real server for
 * an adapter's tests. The sub-packages hold the sustained load run ({@code load}), the
 * network-fault tests ({@code faults}: outages, cut connections, a storage built while its server
 * is down) and the test servers ({@code servers}).
 */
@NullMarked
package io.github.persistentassignment.conformance;

import org.jspecify.annotations.NullMarked;
