/**
 * In-memory storage: the reference implementation of the persistent-assignment storage contract.
 */
module io.github.persistentassignment.storage.memory {
  requires transitive io.github.persistentassignment;

  exports io.github.persistentassignment.storage.memory;

  provides io.github.persistentassignment.StorageProvider with
      io.github.persistentassignment.storage.memory.InMemoryStorageProvider;
}
