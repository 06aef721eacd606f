package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.StickyValues;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The data that every {@link ReferenceStorage} over it shares, as a database would be shared: one
 * entry per (key, config name). Per-key maps are never removed, so a save never races a removal.
 */
final class ReferenceBackend {
  /**
   * One stored entry: decoded values, or the raw text a foreign writer left, which does not decode.
   */
  record Entry(@Nullable StickyValues values, @Nullable String raw, @Nullable Instant expiresAt) {
    boolean isExpiredAt(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt);
    }
  }

  private final Map<String, Map<String, Entry>> entries = new ConcurrentHashMap<>();

  Map<String, Entry> entriesOf(String key) {
    return entries.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
  }

  /** Stores text that is not an encoded entry, as a buggy or foreign writer would. */
  void writeRaw(String key, String configName, String raw) {
    entriesOf(key).put(configName, new Entry(null, raw, null));
  }
}
