package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.conformance.selftest.ReferenceStorage.Stored;
import java.util.Optional;

/**
 * Broken on purpose, as two adapters of version 1 were: saveIfAbsent over an entry that cannot be
 * decoded throws, so one corrupt entry makes the user a permanent storage outage.
 */
final class CorruptEntryBlocksStorage extends ForwardingStorage {
  private final ReferenceBackend backend;

  CorruptEntryBlocksStorage(PersistentStorage delegate, ReferenceBackend backend) {
    super(delegate);
    this.backend = backend;
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    Stored stored = backend.entriesOf(key).get(configName);
    if (stored != null) {
      try {
        StickyValuesCodec.decode(stored.json());
      } catch (StickyValuesFormatException e) {
        throw new StorageException("saveIfAbsent failed: the stored entry cannot be decoded", e);
      }
    }
    return delegate.saveIfAbsent(key, configName, values);
  }
}
