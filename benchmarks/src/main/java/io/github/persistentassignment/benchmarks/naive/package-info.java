/**
 * The anti-pattern the benchmarks compare against, never to be used: an adapter of the kind teams
 * write from a vendor's documentation, keeping a user's whole map of assignments as one JSON value
 * and saving by reading it, changing it and writing it back. It takes two round trips per save, and
 * concurrent saves for one user overwrite each other (see the module's tests).
 */
@NullMarked
package io.github.persistentassignment.benchmarks.naive;

import org.jspecify.annotations.NullMarked;
