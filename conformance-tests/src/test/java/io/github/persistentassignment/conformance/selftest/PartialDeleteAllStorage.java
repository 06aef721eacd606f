package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;

/** Broken on purpose: deleteAll removes one entry of the key, not all of them. */
final class PartialDeleteAllStorage extends ForwardingStorage {
  PartialDeleteAllStorage(PersistentStorage delegate) {
    super(delegate);
  }

  @Override
  public void deleteAll(String key) {
    delegate.load(key).asMap().keySet().stream()
        .findFirst()
        .ifPresent(configName -> delegate.delete(key, configName));
  }
}
