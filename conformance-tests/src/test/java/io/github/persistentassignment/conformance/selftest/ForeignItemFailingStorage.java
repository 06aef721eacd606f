package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StoredEntry;
import java.util.function.Consumer;

/**
 * Broken on purpose: enumerates by loading every key of the backend, so something under the
 * namespace that is not an entry fails the whole enumeration (and the purge built on it), as an
 * adapter that sends {@code HGETALL} to every key a {@code SCAN} returns would.
 */
final class ForeignItemFailingStorage extends ForwardingStorage implements EnumerableStorage {
  private final ReferenceBackend backend;

  ForeignItemFailingStorage(ReferenceStorage delegate, ReferenceBackend backend) {
    super(delegate);
    this.backend = backend;
  }

  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    for (String key : backend.keys()) {
      delegate
          .load(key)
          .asMap()
          .forEach((configName, values) -> action.accept(new StoredEntry(key, configName, values)));
    }
  }
}
