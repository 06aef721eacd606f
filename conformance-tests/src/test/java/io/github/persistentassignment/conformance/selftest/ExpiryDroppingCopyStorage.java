package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import java.util.Optional;

/**
 * Broken on purpose: copyIfAbsent writes the values through saveIfAbsent and drops the entry's
 * expiry, so a migrated entry that was meant to expire lives for ever.
 */
final class ExpiryDroppingCopyStorage extends ForwardingStorage {
  ExpiryDroppingCopyStorage(PersistentStorage delegate) {
    super(delegate);
  }

  @Override
  public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    return delegate.saveIfAbsent(entry.key(), entry.configName(), entry.values());
  }
}
