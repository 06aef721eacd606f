package io.github.persistentassignment;

import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.LogSafe;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stored entry as the backend returned it, decoded the first time someone asks for it. A user
 * with fifty stored entries and a request that evaluates two pays for two decodes.
 *
 * <p>Decoding happens once: the result (or the fact that the entry is corrupt) is kept, so a
 * corrupt entry is logged once however often it is asked for. Thread-safe.
 */
final class EncodedEntry {
  private static final Logger LOG = LoggerFactory.getLogger(StickyValuesCodec.class);
  private static final Object CORRUPT = new Object();

  private final String key;
  private final String configName;
  private @Nullable String encoded;
  private volatile @Nullable Object decoded;

  EncodedEntry(String key, String configName, String encoded) {
    this.key = key;
    this.configName = configName;
    this.encoded = encoded;
  }

  /** The decoded values, or null when the entry cannot be decoded (logged the first time). */
  @Nullable StickyValues values() {
    Object result = decoded;
    if (result == null) {
      synchronized (this) {
        result = decoded;
        if (result == null) {
          result = decode();
          decoded = result;
          encoded = null; // the text is no longer needed
        }
      }
    }
    return result == CORRUPT ? null : (StickyValues) result;
  }

  /** Whether this entry has been decoded already; for tests that prove decoding is lazy. */
  boolean isDecoded() {
    return decoded != null;
  }

  private Object decode() {
    try {
      return StickyValuesCodec.decode(Objects.requireNonNull(encoded));
    } catch (StickyValuesFormatException e) {
      LogSafe.unreadableEntry(LOG, "Skipping", key, configName, e.contentFreeMessage());
      return CORRUPT;
    }
  }
}
