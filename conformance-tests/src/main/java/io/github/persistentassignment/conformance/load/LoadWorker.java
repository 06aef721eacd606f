package io.github.persistentassignment.conformance.load;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One thread of a {@link SustainedLoad} run: picks operations by the mix until told to stop, and
 * keeps the exact state of the entries it owns (the last value it saved, or nothing after a
 * delete), so that every read of them can be checked while the run goes on and every entry can be
 * read back when it ends. An operation that throws makes that entry's state unknown until the
 * thread writes it again; the run fails on the error anyway.
 */
final class LoadWorker implements Runnable {
  private final int thread;
  private final PersistentStorage storage;
  private final LoadKeyspace keyspace;
  private final ContendedSlots contended;
  private final LoadProblems problems;
  private final OperationMix mix;
  private final int loadAllBatch;
  private final AtomicBoolean running;
  private final SplittableRandom rnd;

  private final @Nullable StickyValues[][] expected;
  private final boolean[][] uncertain;
  private final Map<LoadOperation, LatencyHistogram> latencies = new EnumMap<>(LoadOperation.class);
  private final Map<LoadOperation, Long> errors = new EnumMap<>(LoadOperation.class);
  private final AtomicInteger remembered = new AtomicInteger();
  private long sequence;

  LoadWorker(
      int thread,
      PersistentStorage storage,
      LoadKeyspace keyspace,
      ContendedSlots contended,
      LoadProblems problems,
      OperationMix mix,
      int loadAllBatch,
      AtomicBoolean running,
      long seed) {
    this.thread = thread;
    this.storage = storage;
    this.keyspace = keyspace;
    this.contended = contended;
    this.problems = problems;
    this.mix = mix;
    this.loadAllBatch = Math.min(loadAllBatch, keyspace.keyCount());
    this.running = running;
    this.rnd = new SplittableRandom(seed);
    this.expected = new StickyValues[keyspace.keyCount()][keyspace.configsPerThread()];
    this.uncertain = new boolean[keyspace.keyCount()][keyspace.configsPerThread()];
    for (LoadOperation operation : LoadOperation.values()) {
      latencies.put(operation, new LatencyHistogram());
      errors.put(operation, 0L);
    }
  }

  @Override
  public void run() {
    while (running.get()) {
      switch (mix.pick(rnd)) {
        case SAVE -> save();
        case SAVE_IF_ABSENT -> saveIfAbsent();
        case CONTENDED_SAVE_IF_ABSENT -> contendedSaveIfAbsent();
        case LOAD -> load();
        case LOAD_ALL -> loadAll();
        case DELETE -> delete();
      }
    }
  }

  /** The value this thread last stored in one of its entries, or null when none should exist. */
  @Nullable StickyValues expected(int keyIndex, int configIndex) {
    return expected[keyIndex][configIndex];
  }

  /** Whether the entry's last write threw, so either its old or its new state is acceptable. */
  boolean uncertain(int keyIndex, int configIndex) {
    return uncertain[keyIndex][configIndex];
  }

  /**
   * How many values this thread holds to check reads against; read from another thread while the
   * run goes on, to tell the run's own memory from the adapter's.
   */
  int remembered() {
    return remembered.get();
  }

  LatencyHistogram latencies(LoadOperation operation) {
    return latencies.get(operation);
  }

  long errors(LoadOperation operation) {
    return errors.get(operation);
  }

  private void save() {
    int k = rnd.nextInt(keyspace.keyCount());
    int c = rnd.nextInt(keyspace.configsPerThread());
    String key = keyspace.key(k);
    String config = keyspace.ownedConfig(thread, c);
    StickyValues value = newValue(key, config);
    try {
      timed(LoadOperation.SAVE, () -> storage.save(key, config, value));
      remember(k, c, value);
    } catch (RuntimeException e) {
      failed(LoadOperation.SAVE, key, e);
      uncertain[k][c] = true;
    }
  }

  private void saveIfAbsent() {
    int k = rnd.nextInt(keyspace.keyCount());
    int c = rnd.nextInt(keyspace.configsPerThread());
    String key = keyspace.key(k);
    String config = keyspace.ownedConfig(thread, c);
    StickyValues value = newValue(key, config);
    Optional<StickyValues> answer;
    try {
      answer = timed(LoadOperation.SAVE_IF_ABSENT, () -> storage.saveIfAbsent(key, config, value));
    } catch (RuntimeException e) {
      failed(LoadOperation.SAVE_IF_ABSENT, key, e);
      uncertain[k][c] = true;
      return;
    }
    StickyValues stored = expected[k][c];
    if (answer == null) {
      problems.inconsistentRead(saveIfAbsentOf(key, config) + " returned null");
      uncertain[k][c] = true;
      return;
    }
    if (!uncertain[k][c]) {
      if (answer.isEmpty() && stored != null) {
        problems.inconsistentRead(
            saveIfAbsentOf(key, config)
                + " wrote, though "
                + LoadKeyspace.describe(stored)
                + " was stored");
      } else if (answer.isPresent() && !answer.get().equals(stored)) {
        problems.inconsistentRead(
            saveIfAbsentOf(key, config)
                + " answered "
                + LoadKeyspace.mismatch(answer.get(), stored));
      }
    }
    remember(k, c, answer.orElse(value));
  }

  private void delete() {
    int k = rnd.nextInt(keyspace.keyCount());
    int c = rnd.nextInt(keyspace.configsPerThread());
    String key = keyspace.key(k);
    String config = keyspace.ownedConfig(thread, c);
    try {
      timed(LoadOperation.DELETE, () -> storage.delete(key, config));
      remember(k, c, null);
    } catch (RuntimeException e) {
      failed(LoadOperation.DELETE, key, e);
      uncertain[k][c] = true;
    }
  }

  private void contendedSaveIfAbsent() {
    int slot = contended.next(rnd);
    String key = keyspace.key(keyspace.keyOfContendedSlot(slot));
    String config = keyspace.contendedConfig(slot);
    StickyValues proposal = newValue(key, config);
    try {
      Optional<StickyValues> answer =
          timed(
              LoadOperation.CONTENDED_SAVE_IF_ABSENT,
              () -> storage.saveIfAbsent(key, config, proposal));
      if (answer == null) {
        problems.inconsistentRead(saveIfAbsentOf(key, config) + " returned null");
        contended.failed(slot);
        return;
      }
      if (answer.isPresent() && !LoadKeyspace.belongsTo(answer.get(), key, config)) {
        problems.inconsistentRead(
            saveIfAbsentOf(key, config) + " answered " + LoadKeyspace.describe(answer.get()));
      }
      String disagreement = contended.answered(slot, proposal, answer.orElse(null));
      if (disagreement != null) {
        problems.disagreement(disagreement);
      }
    } catch (RuntimeException e) {
      contended.failed(slot);
      failed(LoadOperation.CONTENDED_SAVE_IF_ABSENT, key, e);
    } finally {
      contended.settled(slot);
    }
  }

  private void load() {
    int k = rnd.nextInt(keyspace.keyCount());
    String key = keyspace.key(k);
    @Nullable StickyValues[] known = knownContended(k);
    UserPersistedValues loaded;
    try {
      loaded = timed(LoadOperation.LOAD, () -> storage.load(key));
    } catch (RuntimeException e) {
      failed(LoadOperation.LOAD, key, e);
      return;
    }
    check("load", k, loaded, known);
  }

  private void loadAll() {
    int first = rnd.nextInt(keyspace.keyCount());
    List<String> keys = new ArrayList<>(loadAllBatch);
    List<@Nullable StickyValues[]> known = new ArrayList<>(loadAllBatch);
    for (int i = 0; i < loadAllBatch; i++) {
      int k = (first + i) % keyspace.keyCount();
      keys.add(keyspace.key(k));
      known.add(knownContended(k));
    }
    Map<String, UserPersistedValues> loaded;
    try {
      loaded = timed(LoadOperation.LOAD_ALL, () -> storage.loadAll(keys));
    } catch (RuntimeException e) {
      failed(LoadOperation.LOAD_ALL, keys.get(0) + "…", e);
      return;
    }
    if (loaded == null) {
      problems.inconsistentRead("loadAll of " + keys.size() + " keys returned null");
      return;
    }
    if (!keys.containsAll(loaded.keySet())) {
      problems.inconsistentRead("loadAll returned keys it was not asked for: " + loaded.keySet());
    }
    for (int i = 0; i < keys.size(); i++) {
      check("loadAll", (first + i) % keyspace.keyCount(), loaded.get(keys.get(i)), known.get(i));
    }
  }

  /**
   * The contended slots under a key whose value was known before a read started: the read must
   * return exactly those, since a contended entry never changes once written.
   */
  private @Nullable StickyValues[] knownContended(int keyIndex) {
    int[] slots = keyspace.contendedSlotsOfKey(keyIndex);
    @Nullable StickyValues[] known = new StickyValues[slots.length];
    for (int i = 0; i < slots.length; i++) {
      known[i] = contended.known(slots[i]);
    }
    return known;
  }

  private void check(
      String operation,
      int keyIndex,
      @Nullable UserPersistedValues loaded,
      @Nullable StickyValues[] knownContended) {
    String key = keyspace.key(keyIndex);
    String where = operation + " of key '" + key + "'";
    if (loaded == null || !loaded.isAvailable()) {
      problems.inconsistentRead(
          where + " returned " + (loaded == null ? "nothing" : "unavailable"));
      return;
    }
    Map<String, StickyValues> entries = loaded.asMap();
    entries.forEach(
        (config, value) -> {
          if (!LoadKeyspace.belongsTo(value, key, config)) {
            problems.inconsistentRead(
                where + " returned, as config '" + config + "', " + LoadKeyspace.describe(value));
          }
        });
    for (int c = 0; c < keyspace.configsPerThread(); c++) {
      String config = keyspace.ownedConfig(thread, c);
      StickyValues stored = expected[keyIndex][c];
      StickyValues read = entries.get(config);
      if (!uncertain[keyIndex][c] && !Objects.equals(stored, read)) {
        problems.inconsistentRead(
            where + ", config '" + config + "': " + LoadKeyspace.mismatch(read, stored));
      }
    }
    int[] slots = keyspace.contendedSlotsOfKey(keyIndex);
    for (int i = 0; i < slots.length; i++) {
      StickyValues read = entries.get(keyspace.contendedConfig(slots[i]));
      StickyValues known = knownContended[i];
      if (known != null && !known.equals(read)) {
        problems.inconsistentRead(
            where
                + ", contended config '"
                + keyspace.contendedConfig(slots[i])
                + "': "
                + LoadKeyspace.mismatch(read, known)
                + " (the winner)");
      } else if (known == null && read != null) {
        String disagreement = contended.learn(slots[i], read);
        if (disagreement != null) {
          problems.disagreement(disagreement);
        }
      }
    }
  }

  /** Records what one of this thread's entries now holds, after a call that returned. */
  private void remember(int keyIndex, int configIndex, @Nullable StickyValues value) {
    StickyValues before = expected[keyIndex][configIndex];
    if (before == null && value != null) {
      remembered.incrementAndGet();
    } else if (before != null && value == null) {
      remembered.decrementAndGet();
    }
    expected[keyIndex][configIndex] = value;
    uncertain[keyIndex][configIndex] = false;
  }

  private static String saveIfAbsentOf(String key, String config) {
    return "saveIfAbsent of key '" + key + "', config '" + config + "'";
  }

  private StickyValues newValue(String key, String config) {
    return keyspace.newValue(key, config, thread, ++sequence, rnd);
  }

  private void timed(LoadOperation operation, Runnable call) {
    timed(
        operation,
        () -> {
          call.run();
          return Boolean.TRUE;
        });
  }

  private <T> T timed(LoadOperation operation, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      latencies.get(operation).record(System.nanoTime() - start);
    }
  }

  private void failed(LoadOperation operation, String key, RuntimeException error) {
    errors.merge(operation, 1L, Long::sum);
    problems.error(operation.label(), key, error);
  }
}
