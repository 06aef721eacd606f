/**
 * Persistent Assignment storages as the user persistent storage of Statsig's Java server SDK:
 * {@link io.github.persistentassignment.integration.statsig.StatsigPersistentStorage}, with {@link
 * io.github.persistentassignment.integration.statsig.StatsigStickyValues} converting the stored
 * values and {@link io.github.persistentassignment.integration.statsig.StatsigPersistedValues}
 * building the SDK's persisted-values map.
 */
@NullMarked
package io.github.persistentassignment.integration.statsig;

import org.jspecify.annotations.NullMarked;
