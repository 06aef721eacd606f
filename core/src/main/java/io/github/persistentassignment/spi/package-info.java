/**
 * For adapter authors: {@link io.github.persistentassignment.spi.AbstractPersistentStorage} and
 * {@link io.github.persistentassignment.spi.AbstractEnumerableStorage} keep the storage contract's
 * rules in core, so an adapter implements only raw reads and writes of encoded entries; {@link
 * io.github.persistentassignment.spi.StoreOptions} parses the options of a store URL the same way
 * for every backend.
 */
@NullMarked
package io.github.persistentassignment.spi;

import org.jspecify.annotations.NullMarked;
