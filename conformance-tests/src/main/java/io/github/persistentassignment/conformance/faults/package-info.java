/**
 * Network faults: {@link io.github.persistentassignment.conformance.faults.FaultProxy}, a TCP proxy
 * that refuses, stalls or cuts connections, and {@link
 * io.github.persistentassignment.conformance.faults.NetworkFaultConformanceTest}, the kit an
 * adapter extends to show it fails open and recovers through it.
 */
@NullMarked
package io.github.persistentassignment.conformance.faults;

import org.jspecify.annotations.NullMarked;
