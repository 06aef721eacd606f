package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.PersistentStorage;
import org.junit.jupiter.api.DisplayName;

/** The whole kit over the cache with its default behaviour: a failed load throws. */
@DisplayName("CachingPersistentStorage over the in-memory storage keeps the storage contract")
class CachingStorageConformanceTest extends CacheKitVariant {
  @Override
  PersistentStorage cache(PersistentStorage delegate) {
    return CachingPersistentStorage.builder(delegate).freshFor(FRESH_FOR).ticker(time).build();
  }
}
