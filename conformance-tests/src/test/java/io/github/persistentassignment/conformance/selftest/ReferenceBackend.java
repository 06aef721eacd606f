package io.github.persistentassignment.conformance.selftest;

import io.github.persistentassignment.conformance.selftest.ReferenceStorage.Stored;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The data that every {@link ReferenceStorage} over it shares, as a server is shared, and the
 * test's direct access to it: raw (corrupt) entries and foreign items written past the adapter.
 */
final class ReferenceBackend {
  private final ConcurrentMap<String, Object> keyspace = new ConcurrentHashMap<>();

  /** A new adapter instance over this backend. */
  ReferenceStorage storage(Clock clock, @Nullable Duration expireAfter) {
    return new ReferenceStorage(keyspace, clock, expireAfter);
  }

  /** A new adapter instance over this backend, on the system clock, whose entries never expire. */
  ReferenceStorage storage() {
    return storage(Clock.systemUTC(), null);
  }

  /** The entries stored at a key, as the adapter keeps them (a live view). */
  @SuppressWarnings("unchecked")
  Map<String, Stored> entriesOf(String key) {
    return (Map<String, Stored>)
        keyspace.computeIfAbsent(key, k -> new ConcurrentHashMap<String, Stored>());
  }

  /** Every key that holds something, entries or not. */
  List<String> keys() {
    return new ArrayList<>(keyspace.keySet());
  }

  /** Stores text that is not an encoded entry, as a buggy or foreign writer would. */
  void writeRaw(String key, String configName, String raw) {
    entriesOf(key).put(configName, new Stored(raw, null));
  }

  /** Stores something that is not a map of entries at a key, as another application would. */
  void writeForeign(String key) {
    keyspace.put(key, "a string another application stored");
  }
}
