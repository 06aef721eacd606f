package io.github.persistentassignment.conformance.selftest;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.selftest.ReferenceBackend.Entry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simple, correct adapter over concurrent maps: the kit's reference. Every instance over the same
 * {@link ReferenceBackend} sees the same data; an optional time to live is measured on an
 * injectable clock.
 */
final class ReferenceStorage implements PersistentStorage {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceStorage.class);

  private final ReferenceBackend backend;
  private final Clock clock;
  private final @Nullable Duration ttl;
  private final AtomicBoolean closed = new AtomicBoolean();

  ReferenceStorage(ReferenceBackend backend, Clock clock, @Nullable Duration ttl) {
    this.backend = backend;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    checkOpen();
    Instant now = clock.instant();
    Map<String, StickyValues> values = new LinkedHashMap<>();
    backend
        .entriesOf(key)
        .forEach(
            (configName, entry) -> {
              if (entry.isExpiredAt(now)) {
                return;
              }
              if (entry.values() == null) {
                LOG.warn(
                    "Skipping entry '{}' of key '{}': it does not decode: {}",
                    configName,
                    key,
                    entry.raw());
                return;
              }
              values.put(configName, entry.values());
            });
    return UserPersistedValues.of(values);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    checkOpen();
    backend.entriesOf(key).put(configName, newEntry(values));
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    checkOpen();
    backend.entriesOf(key).remove(configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    checkOpen();
    Instant now = clock.instant();
    AtomicReference<@Nullable StickyValues> existing = new AtomicReference<>();
    backend
        .entriesOf(key)
        .compute(
            configName,
            (name, current) -> {
              // An expired or undecodable entry counts as absent and is replaced.
              if (current != null && !current.isExpiredAt(now) && current.values() != null) {
                existing.set(current.values());
                return current;
              }
              return newEntry(values);
            });
    return Optional.ofNullable(existing.get());
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private Entry newEntry(StickyValues values) {
    return new Entry(values, null, ttl == null ? null : clock.instant().plus(ttl));
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("ReferenceStorage is closed");
    }
  }
}
