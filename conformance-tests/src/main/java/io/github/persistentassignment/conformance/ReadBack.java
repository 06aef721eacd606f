package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of a {@link SustainedLoad} run: every key is loaded through a storage instance that took
 * no part in the run (so nothing it cached can hide a lost write), and compared entry by entry with
 * what the threads know must be stored.
 */
final class ReadBack {
  private final LoadKeyspace keyspace;
  private final List<LoadWorker> workers;
  private final ContendedSlots contended;
  private final LoadProblems problems;

  private long expected;
  private long intact;
  private long lost;
  private long unexpected;
  private long corrupt;
  private long unreadable;

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
    for (int k = 0; k < keyspace.keyCount(); k++) {
      verifyKey(fresh, k);
    }
    return new ReadBackResult(
        keyspace.keyCount(), expected, intact, lost, unexpected, corrupt, unreadable);
  }

  private void verifyKey(PersistentStorage fresh, int keyIndex) {
    String key = keyspace.key(keyIndex);
    Map<String, StickyValues> wanted = new HashMap<>();
    Set<String> eitherWay = new HashSet<>();
    collectOwned(keyIndex, wanted, eitherWay);
    collectContended(keyIndex, wanted, eitherWay);
    expected += wanted.size();

    UserPersistedValues loaded;
    try {
      loaded = fresh.load(key);
    } catch (RuntimeException e) {
      unreadable++;
      problems.error("load (read back)", key, e);
      return;
    }
    if (loaded == null || !loaded.isAvailable()) {
      unreadable++;
      problems.inconsistentRead("read back of key '" + key + "' returned " + loaded);
      return;
    }
    Map<String, StickyValues> stored = loaded.asMap();
    wanted.forEach(
        (config, value) -> {
          StickyValues found = stored.get(config);
          if (found == null) {
            lost++;
            problems.readBack(
                "lost: key '"
                    + key
                    + "', config '"
                    + config
                    + "', "
                    + LoadKeyspace.describe(value));
          } else if (!found.equals(value)) {
            corrupt++;
            problems.readBack(
                "corrupt: key '"
                    + key
                    + "', config '"
                    + config
                    + "' holds "
                    + LoadKeyspace.mismatch(found, value));
          } else {
            intact++;
          }
        });
    stored.forEach(
        (config, value) -> {
          if (!wanted.containsKey(config) && !eitherWay.contains(config)) {
            unexpected++;
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
