package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole kit over the cache with stale serving on: while the store answers, it keeps the same
 * contract (stale entries are only ever served for a load that failed).
 */
@DisplayName(
    "CachingPersistentStorage with serveStaleOnFailure over the in-memory storage keeps the storage"
        + " contract")
class StaleServingConformanceTest extends CacheKitVariant {
  @Override
  PersistentStorage cache(PersistentStorage delegate) {
    return CachingPersistentStorage.builder(delegate)
        .freshFor(FRESH_FOR)
        .serveStaleOnFailure(Duration.ofMinutes(10))
        .ticker(time)
        .build();
  }
}
