/**
 * Persistent assignment core: the storage contract, the stored values and their JSON codec, the
 * assignment logic and a deterministic evaluator.
 */
@SuppressWarnings("module") // the modules above are built after core
module io.github.persistentassignment {
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports io.github.persistentassignment;
  exports io.github.persistentassignment.catalog;
  exports io.github.persistentassignment.codec;
  exports io.github.persistentassignment.spi;
  // Helpers for this project's own modules only; not an API.
  exports io.github.persistentassignment.internal to
      io.github.persistentassignment.storage.memory,
      io.github.persistentassignment.storage.redis,
      io.github.persistentassignment.storage.dynamodb,
      io.github.persistentassignment.storage.jdbc,
      io.github.persistentassignment.metrics.micrometer,
      io.github.persistentassignment.cache.caffeine,
      io.github.persistentassignment.integration.openfeature,
      io.github.persistentassignment.conformance,
      io.github.persistentassignment.integration.statsig,
      io.github.persistentassignment.cli,
      io.github.persistentassignment.benchmarks;

  uses io.github.persistentassignment.StorageProvider;
}
