package io.github.persistentassignment;

import io.github.persistentassignment.Assignment.Reason;
import java.util.Optional;

/**
 * The writes a decision of {@link PersistentAssignment} makes: a first assignment, a re-randomized
 * one, a visitor's entry copied to the logged-in user's key, and deletes. Each keeps the request's
 * {@link StoredView} up to date and fails open.
 */
final class DecisionWrites {
  private final FailOpenStorage storage;

  DecisionWrites(FailOpenStorage storage) {
    this.storage = storage;
  }

  /**
   * An entry of a version the experiment re-randomizes: the live result replaces it (or, when the
   * user is now in no group, the stale entry is removed).
   */
  Assignment reassign(String staleKey, String key, Evaluation live, StoredView view) {
    if (!staleKey.equals(key)) {
      delete(staleKey, live.name(), view);
    }
    if (!live.experimentGroup()) {
      delete(key, live.name(), view);
      return Assignment.live(live, Reason.EVALUATED);
    }
    if (storage.save(key, live.name(), live.values())) {
      view.stored(key, live.name(), live.values());
    }
    return Assignment.live(live, Reason.EVALUATED);
  }

  /**
   * An entry found under the fallback key (assigned while anonymous): served, and copied to the
   * primary key so the logged-in user keeps it; a concurrent writer's entry there wins.
   */
  Assignment copyToPrimary(String key, Evaluation live, StickyValues stored, StoredView view) {
    Optional<StickyValues> winner = storage.saveIfAbsent(key, live.name(), stored);
    if (winner == null) {
      return Assignment.persisted(live, stored);
    }
    view.stored(key, live.name(), winner.orElse(stored));
    return Assignment.persisted(live, winner.orElse(stored));
  }

  /** A first assignment in an experiment group: first write wins, and the winner is served. */
  Assignment saveFirst(String key, Evaluation live, StoredView view) {
    Optional<StickyValues> winner = storage.saveIfAbsent(key, live.name(), live.values());
    if (winner == null) {
      return Assignment.live(live, Reason.EVALUATED);
    }
    view.stored(key, live.name(), winner.orElse(live.values()));
    return winner.isPresent()
        ? Assignment.persisted(live, winner.get())
        : Assignment.live(live, Reason.EVALUATED);
  }

  /** Deletes an entry the view may hold (an inactive experiment's, an opt-out's, a stale one). */
  void delete(String key, String name, StoredView view) {
    if (!view.mayHold(key, name)) {
      return;
    }
    if (storage.delete(key, name)) {
      view.deleted(key, name);
    }
  }
}
