package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;

/** Broken on purpose: delete removes the config's entry and then every other entry of the key. */
final class WholeKeyDeleteStorage extends ForwardingStorage {
  private final ReferenceBackend backend;

  WholeKeyDeleteStorage(PersistentStorage delegate, ReferenceBackend backend) {
    super(delegate);
    this.backend = backend;
  }

  @Override
  public void delete(String key, String configName) {
    delegate.delete(key, configName);
    backend.entriesOf(key).clear();
  }
}
