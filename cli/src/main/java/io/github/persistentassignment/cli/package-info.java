/**
 * The {@code persistent-assignment} command line: a demo on an embedded SQLite file, one-off
 * assignments, and tools to inspect, copy, check and benchmark stores.
 */
@NullMarked
package io.github.persistentassignment.cli;

import org.jspecify.annotations.NullMarked;
