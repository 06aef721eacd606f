/**
 * A near cache on Caffeine: {@link
 * io.github.persistentassignment.cache.caffeine.CachingPersistentStorage} over any storage, and
 * {@link io.github.persistentassignment.cache.caffeine.CachingEnumerableStorage} over one that can
 * enumerate its entries.
 */
@NullMarked
package io.github.persistentassignment.cache.caffeine;

import org.jspecify.annotations.NullMarked;
