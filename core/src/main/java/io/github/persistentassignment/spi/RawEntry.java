package io.github.persistentassignment.spi;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry as the backend holds it, before decoding: what {@link
 * AbstractEnumerableStorage#forEachEncoded} hands to core.
 *
 * @param key the storage key
 * @param configName the experiment or layer name
 * @param json the stored text, which may be corrupt
 * @param expiresAt when the entry expires, or {@code null} if it never does
 * @since 0.2.0
 */
public record RawEntry(String key, String configName, String json, @Nullable Instant expiresAt) {
  /**
   * Checks the components.
   *
   * @param key the storage key
   * @param configName the experiment or layer name
   * @param json the stored text, which may be corrupt
   * @param expiresAt when the entry expires, or {@code null} if it never does
   * @throws IllegalArgumentException if the key, config name or text is null, or a name is blank
   */
  public RawEntry {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(json, "json");
  }
}
