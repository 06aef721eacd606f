package io.github.persistentassignment.conformance.load;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The end of a {@link SustainedLoad} run: every key is loaded through a storage instance that took
 * no part in the run (so nothing it cached can hide a lost write), and compared entry by entry with
 * what the threads know must be stored. Keys are read by as many threads as the run had, so that a
 * slow backend's read back does not take longer than its run.
 */
final class ReadBack {
  private final LoadKeyspace keyspace;
  private final List<LoadWorker> workers;
  private final ContendedSlots contended;
  private final LoadProblems problems;

  private final LongAdder expected = new LongAdder();
  private final LongAdder intact = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder corrupt = new LongAdder();
  private final LongAdder unreadable = new LongAdder();

  ReadBack(
      LoadKeyspace keyspace,
      List<LoadWorker> workers,
      ContendedSlots contended,
      LoadProblems problems) {
    this.keyspace = keyspace;
    this.workers = workers;
    this.contended = contended;
    this.problems = problems;
  }

  /** Reads every key through {@code fresh}; call once, after every worker has stopped. */
  ReadBackResult verify(PersistentStorage fresh) {
    reportValuesNobodyWrote();
    AtomicInteger nextKey = new AtomicInteger();
    ExecutorService readers = Executors.newFixedThreadPool(workers.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < workers.size(); i++) {
        done.add(
            readers.submit(
                () -> {
                  for (int k = nextKey.getAndIncrement();
                      k < keyspace.keyCount();
                      k = nextKey.getAndIncrement()) {
                    verifyKey(fresh, k);
                  }
                }));
      }
      for (Future<?> reader : done) {
        reader.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading back", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Reading back failed", e.getCause());
    } finally {
      readers.shutdownNow();
    }
    return new ReadBackResult(
        keyspace.keyCount(),
        expected.sum(),
        intact.sum(),
        lost.sum(),
        unexpected.sum(),
        corrupt.sum(),
        unreadable.sum());
  }

  private void verifyKey(PersistentStorage fresh, int keyIndex) {
    String key = keyspace.key(keyIndex);
    Map<String, StickyValues> wanted = new HashMap<>();
    Set<String> eitherWay = new HashSet<>();
    collectOwned(keyIndex, wanted, eitherWay);
    collectContended(keyIndex, wanted, eitherWay);
    expected.add(wanted.size());

    UserPersistedValues loaded;
    try {
      loaded = fresh.load(key);
    } catch (RuntimeException e) {
      unreadable.increment();
      problems.error("load (read back)", key, e);
      return;
    }
    if (loaded == null || !loaded.isAvailable()) {
      unreadable.increment();
      problems.inconsistentRead("read back of key '" + key + "' returned " + loaded);
      return;
    }
    Map<String, StickyValues> stored = loaded.asMap();
    wanted.forEach(
        (config, value) -> {
          StickyValues found = stored.get(config);
          if (found == null) {
            lost.increment();
            problems.readBack(
                "lost: key '"
                    + key
                    + "', config '"
                    + config
                    + "', "
                    + LoadKeyspace.describe(value));
          } else if (!found.equals(value)) {
            corrupt.increment();
            problems.readBack(
                "corrupt: key '"
                    + key
                    + "', config '"
                    + config
                    + "' holds "
                    + LoadKeyspace.mismatch(found, value));
          } else {
            intact.increment();
          }
        });
    stored.forEach(
        (config, value) -> {
          if (!wanted.containsKey(config) && !eitherWay.contains(config)) {
            unexpected.increment();
            problems.readBack(
                "unexpected: key '"
                    + key
                    + "', config '"
                    + config
                    + "' holds "
                    + LoadKeyspace.describe(value)
                    + " though it was deleted or never written");
          }
        });
  }

  /**
   * Each thread's last value of the entries it owns; an entry whose last write threw may be either.
   */
  private void collectOwned(int keyIndex, Map<String, StickyValues> wanted, Set<String> eitherWay) {
    for (int thread = 0; thread < workers.size(); thread++) {
      LoadWorker worker = workers.get(thread);
      for (int c = 0; c < keyspace.configsPerThread(); c++) {
        String config = keyspace.ownedConfig(thread, c);
        StickyValues value = worker.expected(keyIndex, c);
        if (worker.uncertain(keyIndex, c)) {
          eitherWay.add(config);
        } else if (value != null) {
          wanted.put(config, value);
        }
      }
    }
  }

  /** The winner of every contended entry someone learned; one nobody learned must not exist. */
  private void collectContended(
      int keyIndex, Map<String, StickyValues> wanted, Set<String> eitherWay) {
    for (int slot : keyspace.contendedSlotsOfKey(keyIndex)) {
      String config = keyspace.contendedConfig(slot);
      StickyValues winner = contended.known(slot);
      if (winner != null) {
        wanted.put(config, winner);
      } else if (contended.uncertain(slot)) {
        eitherWay.add(config);
      }
    }
  }

  private void reportValuesNobodyWrote() {
    for (int slot = 0; slot < contended.size(); slot++) {
      StickyValues known = contended.known(slot);
      if (known != null && contended.writtenByNobody(slot)) {
        problems.disagreement(
            "contended slot "
                + slot
                + ": callers were told of "
                + LoadKeyspace.describe(known)
                + ", but no saveIfAbsent call reports writing it");
      }
    }
  }
}
