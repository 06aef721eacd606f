package io.github.persistentassignment.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A map-backed adapter for core's tests of the base classes: it records what the raw operations
 * received and can be told to fail or to lose a race, so each rule of the base class is observable.
 */
final class MapStorage extends AbstractEnumerableStorage {
  /** A stored entry as the raw operations see it. */
  record Stored(String json, @Nullable Instant expiresAt) {}

  final ConcurrentMap<String, ConcurrentMap<String, Stored>> data = new ConcurrentHashMap<>();
  final List<String> calls = new ArrayList<>();
  final AtomicInteger closings = new AtomicInteger();
  @Nullable RuntimeException failure;

  /** Entries another writer stores just before the next replaceEncoded (a lost race). */
  final List<Runnable> beforeReplace = new ArrayList<>();

  MapStorage(Clock clock, @Nullable Duration expireAfter, int maxValueBytes) {
    super("MapStorage", clock, expireAfter, maxValueBytes);
  }

  MapStorage() {
    this(Clock.systemUTC(), null, 400_000);
  }

  void put(String key, String configName, String json) {
    data.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .put(configName, new Stored(json, null));
  }

  @Nullable Stored get(String key, String configName) {
    Map<String, Stored> entries = data.get(key);
    return entries == null ? null : entries.get(configName);
  }

  private synchronized void record(String call) {
    calls.add(call);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  protected Map<String, String> loadEncoded(String key) {
    record("loadEncoded");
    Map<String, String> result = new TreeMap<>();
    data.getOrDefault(key, new ConcurrentHashMap<>())
        .forEach((name, stored) -> result.put(name, stored.json()));
    return result;
  }

  @Override
  protected Map<String, Map<String, String>> loadAllEncoded(List<String> keys) {
    record("loadAllEncoded" + keys);
    Map<String, Map<String, String>> result = new TreeMap<>();
    for (String key : keys) {
      Map<String, Stored> entries = data.get(key);
      if (entries != null) {
        Map<String, String> texts = new TreeMap<>();
        entries.forEach((name, stored) -> texts.put(name, stored.json()));
        result.put(key, texts);
      }
    }
    return result;
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    record("saveEncoded");
    data.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .put(configName, new Stored(json, expiresAt));
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    record("saveEncodedIfAbsent");
    Stored previous =
        data.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
            .putIfAbsent(configName, new Stored(json, expiresAt));
    return previous == null ? Optional.empty() : Optional.of(previous.json());
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    record("replaceEncoded");
    if (!beforeReplace.isEmpty()) {
      beforeReplace.remove(0).run();
    }
    Map<String, Stored> entries = data.get(key);
    Stored current = entries == null ? null : entries.get(configName);
    if (current == null || !current.json().equals(expectedJson)) {
      return false;
    }
    return entries.replace(configName, current, new Stored(json, expiresAt));
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    record("deleteEncoded");
    Map<String, Stored> entries = data.get(key);
    if (entries != null) {
      entries.remove(configName);
    }
  }

  @Override
  protected void deleteAllEncoded(String key) {
    record("deleteAllEncoded");
    data.remove(key);
  }

  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    record("forEachEncoded");
    data.forEach(
        (key, entries) ->
            entries.forEach(
                (name, stored) ->
                    action.accept(new RawEntry(key, name, stored.json(), stored.expiresAt()))));
  }

  @Override
  protected long purgeEncoded(String configName) {
    record("purgeEncoded");
    long removed = 0;
    for (Map<String, Stored> entries : data.values()) {
      if (entries.remove(configName) != null) {
        removed++;
      }
    }
    return removed;
  }

  boolean retries;

  @Override
  protected boolean retriesWrites() {
    return retries;
  }

  @Override
  protected void closeResources() {
    closings.incrementAndGet();
  }
}
