package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The writing side of {@code copy}: entries arrive one by one from the source's enumeration and are
 * written a batch at a time. A batch costs one {@code loadAll} of the target (to tell entries
 * already there from new ones) and one {@code copyIfAbsent} per new entry, sent from several
 * threads at once, so a copy into a networked store is bounded by its round trips in parallel, not
 * in sequence.
 */
final class BatchedCopy implements AutoCloseable {
  /** Entries per batch: one target {@code loadAll} each. */
  static final int BATCH = 500;

  private final PersistentStorage target;
  private final ExecutorService writers;
  private final long[] counts;
  private final Progress progress;
  private final List<StoredEntry> batch = new ArrayList<>(BATCH);

  /**
   * @param counts copied, already there and the same, already there and different; updated under
   *     its own lock, read by the interruption summary
   */
  BatchedCopy(PersistentStorage target, int threads, long[] counts, Progress progress) {
    this.target = target;
    this.writers = Executors.newFixedThreadPool(threads);
    this.counts = counts;
    this.progress = progress;
  }

  void add(StoredEntry entry) {
    batch.add(entry);
    if (batch.size() == BATCH) {
      flush();
    }
  }

  /** Writes what the current batch holds. */
  void flush() {
    if (batch.isEmpty()) {
      return;
    }
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    batch.forEach(entry -> keys.add(entry.key()));
    // Look first: an adapter that retries writes reports an equal entry it finds as its own
    // write, which would count an entry already in the target as copied.
    Map<String, UserPersistedValues> existing = target.loadAll(keys);
    List<Future<Optional<StickyValues>>> writes = new ArrayList<>();
    List<StoredEntry> written = new ArrayList<>();
    for (StoredEntry entry : batch) {
      Optional<StickyValues> there = existing.get(entry.key()).get(entry.configName());
      if (there.isPresent()) {
        count(entry, there);
      } else {
        written.add(entry);
        writes.add(writers.submit(() -> target.copyIfAbsent(entry))); // keeps the expiry
      }
    }
    for (int i = 0; i < writes.size(); i++) {
      count(written.get(i), await(writes.get(i)));
    }
    batch.clear();
  }

  private void count(StoredEntry entry, Optional<StickyValues> there) {
    synchronized (counts) {
      if (there.isEmpty()) {
        counts[0]++;
      } else if (there.get().equals(entry.values())) {
        counts[1]++;
      } else {
        counts[2]++;
      }
    }
    progress.step();
  }

  private static <T> T await(Future<T> write) {
    try {
      return write.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("copy interrupted", e);
    }
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
