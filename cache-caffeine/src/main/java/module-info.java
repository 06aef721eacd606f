/**
 * A near cache on Caffeine in front of any persistent-assignment storage: {@link
 * io.github.persistentassignment.cache.caffeine.CachingPersistentStorage}.
 */
module io.github.persistentassignment.cache.caffeine {
  requires transitive io.github.persistentassignment;
  // Caffeine's Ticker is part of the builder's API.
  requires transitive com.github.benmanes.caffeine;
  requires org.slf4j;

  exports io.github.persistentassignment.cache.caffeine;
}
