/**
 * Persistent assignment core: the storage contract, the stored values and their JSON codec, the
 * assignment logic and a deterministic evaluator.
 */
module io.github.persistentassignment {
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports io.github.persistentassignment;
  exports io.github.persistentassignment.catalog;
  exports io.github.persistentassignment.codec;
  exports io.github.persistentassignment.internal;

  uses io.github.persistentassignment.StorageProvider;
}
