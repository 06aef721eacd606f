package io.github.persistentassignment.conformance.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong during a {@link SustainedLoad} run, shared by its threads: counts of each kind,
 * the first few distinct descriptions of each kind (a broken adapter would otherwise fill the heap
 * with them, and one kind would crowd out the others), and the first exception an operation threw,
 * to attach to the failure.
 */
final class LoadProblems {
  static final int KEPT_PER_KIND = 5;

  private enum Kind {
    ERROR("error"),
    INCONSISTENT_READ("inconsistent read"),
    DISAGREEMENT("disagreement"),
    READ_BACK("read back");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private final AtomicLong inconsistentReads = new AtomicLong();
  private final AtomicLong disagreements = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Map<Kind, Set<String>> descriptions = new EnumMap<>(Kind.class);
  private final AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();

  LoadProblems() {
    for (Kind kind : Kind.values()) {
      descriptions.put(kind, new LinkedHashSet<>());
    }
  }

  /** A read that did not return what the reading thread knows is stored. */
  void inconsistentRead(String description) {
    inconsistentReads.incrementAndGet();
    describe(Kind.INCONSISTENT_READ, description);
  }

  /** Callers racing for one entry were not all told the same winner. */
  void disagreement(String description) {
    disagreements.incrementAndGet();
    describe(Kind.DISAGREEMENT, description);
  }

  /** A finding of the read back at the end (its counts are in {@link ReadBackResult}). */
  void readBack(String description) {
    describe(Kind.READ_BACK, description);
  }

  /** An operation threw. */
  void error(String operation, String key, Throwable error) {
    errors.incrementAndGet();
    firstError.compareAndSet(null, error);
    describe(Kind.ERROR, operation + " of key '" + key + "' threw " + error);
  }

  long inconsistentReads() {
    return inconsistentReads.get();
  }

  long disagreements() {
    return disagreements.get();
  }

  long errors() {
    return errors.get();
  }

  @Nullable Throwable firstError() {
    return firstError.get();
  }

  /** The kept descriptions, errors first, each prefixed with its kind. */
  List<String> descriptions() {
    List<String> all = new ArrayList<>();
    synchronized (descriptions) {
      descriptions.forEach(
          (kind, kept) -> kept.forEach(description -> all.add(kind.label + ": " + description)));
    }
    return List.copyOf(all);
  }

  private void describe(Kind kind, String description) {
    synchronized (descriptions) {
      Set<String> kept = descriptions.get(kind);
      if (kept.size() < KEPT_PER_KIND) {
        kept.add(description);
      }
    }
  }
}
