/**
 * The stored format: {@link io.github.persistentassignment.StickyValues} as one JSON object in the
 * universal schema Statsig's server SDKs share (see {@code docs/storage-format.md}).
 */
@NullMarked
package io.github.persistentassignment.codec;

import org.jspecify.annotations.NullMarked;
