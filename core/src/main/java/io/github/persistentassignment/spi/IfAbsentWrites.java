package io.github.persistentassignment.spi;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.LogSafe;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First write wins, for every adapter: the corrupt-entry and retried-write rules of DESIGN 10.1.
 */
final class IfAbsentWrites {
  private static final Logger log = LoggerFactory.getLogger(AbstractPersistentStorage.class);

  /** How often a write re-reads an entry that another writer keeps replacing. */
  private static final int MAX_REPLACE_ATTEMPTS = 5;

  private IfAbsentWrites() {}

  /**
   * The corrupt-entry and retried-write rules: a stored entry that cannot be decoded is replaced
   * (only if still the one stored), and one equal to ours is reported as our write.
   */
  static Optional<StickyValues> write(
      AbstractPersistentStorage storage,
      String operation,
      String key,
      String configName,
      StickyValues values,
      String json,
      @Nullable Instant expiresAt) {
    for (int attempt = 0; attempt < MAX_REPLACE_ATTEMPTS; attempt++) {
      Optional<String> stored =
          storage.call(
              operation, key, () -> storage.saveEncodedIfAbsent(key, configName, json, expiresAt));
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      String storedJson = stored.get();
      StickyValues existing = decodeOrNull(storedJson);
      if (existing != null) {
        // A retried write may find its own first attempt: the caller serves the same entry.
        return storage.retriesWrites() && existing.equals(values)
            ? Optional.empty()
            : Optional.of(existing);
      }
      LogSafe.unreadableEntry(log, "Replacing", key, configName, "it cannot be decoded");
      if (storage.call(
          operation,
          key,
          () -> storage.replaceEncoded(key, configName, storedJson, json, expiresAt))) {
        return Optional.empty();
      }
      // Another writer changed the entry meanwhile: read again what is stored now.
    }
    throw StorageException.of(
        operation, key, "the stored entry kept changing while a corrupt one was being replaced");
  }

  private static @Nullable StickyValues decodeOrNull(String json) {
    try {
      return StickyValuesCodec.decode(json);
    } catch (StickyValuesFormatException e) {
      return null;
    }
  }
}
