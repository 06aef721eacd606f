/**
 * Sticky OpenFeature flags: {@link
 * io.github.persistentassignment.integration.openfeature.StickyVariantProvider} wraps any {@code
 * FeatureProvider} and serves each user the variant first resolved for them, stored through any
 * {@link io.github.persistentassignment.PersistentStorage}; {@link
 * io.github.persistentassignment.integration.openfeature.StickyScope} shares one load per user
 * across a request's evaluations.
 */
@NullMarked
package io.github.persistentassignment.integration.openfeature;

import org.jspecify.annotations.NullMarked;
