/**
 * In-memory storage: {@link
 * io.github.persistentassignment.storage.memory.InMemoryPersistentStorage} over an {@link
 * io.github.persistentassignment.storage.memory.InMemoryStore}.
 */
@NullMarked
package io.github.persistentassignment.storage.memory;

import org.jspecify.annotations.NullMarked;
