package io.github.persistentassignment.conformance.load;

import io.github.persistentassignment.StickyValues;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * What the threads of a {@link SustainedLoad} run learn about the entries they race for with {@code
 * saveIfAbsent}. A shared cursor points every thread at the same fresh slot until one call has
 * settled it, so the calls really overlap; once every slot is settled, threads keep calling on
 * random settled slots, which must keep answering with the winner.
 *
 * <p>A slot is never overwritten or deleted, so the first value anyone learns for it (the winner's
 * own value, a loser's answer, or what a load returned) is the only value anyone may learn. A
 * second writer, or a different value, is a disagreement.
 */
final class ContendedSlots {
  private final AtomicReferenceArray<@Nullable StickyValues> decided;
  private final AtomicIntegerArray writers;
  private final AtomicIntegerArray failedCalls;
  private final AtomicInteger cursor = new AtomicInteger();
  private final AtomicLong wins = new AtomicLong();
  private final AtomicLong answers = new AtomicLong();

  ContendedSlots(int slots) {
    this.decided = new AtomicReferenceArray<>(slots);
    this.writers = new AtomicIntegerArray(slots);
    this.failedCalls = new AtomicIntegerArray(slots);
  }

  /** The slot to race for next: the fresh one under the cursor, or any once all are settled. */
  int next(SplittableRandom rnd) {
    int slot = cursor.get();
    return slot < decided.length() ? slot : rnd.nextInt(decided.length());
  }

  /** Moves every thread on to the next fresh slot, once a call on this one has returned. */
  void settled(int slot) {
    cursor.compareAndSet(slot, slot + 1);
  }

  /**
   * Records what a {@code saveIfAbsent} call returned.
   *
   * @return a description of the disagreement, or null when the answer agrees with what is known
   */
  @Nullable String answered(int slot, StickyValues proposed, @Nullable StickyValues answer) {
    if (answer == null) {
      wins.incrementAndGet();
      int writersSoFar = writers.incrementAndGet(slot);
      String disagreement = learn(slot, proposed);
      if (writersSoFar > 1) {
        return "contended slot "
            + slot
            + ": "
            + writersSoFar
            + " saveIfAbsent calls reported writing; only the first may";
      }
      return disagreement;
    }
    answers.incrementAndGet();
    return learn(slot, answer);
  }

  /** Records a call that threw: whether it wrote is unknown. */
  void failed(int slot) {
    failedCalls.incrementAndGet(slot);
  }

  /**
   * Records a value a load saw in the slot.
   *
   * @return a description of the disagreement, or null when the value agrees with what is known
   */
  @Nullable String learn(int slot, StickyValues value) {
    StickyValues known = decided.compareAndExchange(slot, null, value);
    if (known == null || known.equals(value)) {
      return null;
    }
    return "contended slot "
        + slot
        + ": one caller learned "
        + LoadKeyspace.describe(known)
        + " and another "
        + LoadKeyspace.describe(value);
  }

  /** The value known for a slot, or null when none is known yet. */
  @Nullable StickyValues known(int slot) {
    return decided.get(slot);
  }

  /** Whether a call on the slot threw, so its stored state may be one nobody learned. */
  boolean uncertain(int slot) {
    return failedCalls.get(slot) > 0;
  }

  /**
   * A value was learned but no call reports writing it, and no call failed (which could have
   * written it): the storage made it up, or reported a write as a loss.
   */
  boolean writtenByNobody(int slot) {
    return decided.get(slot) != null && writers.get(slot) == 0 && failedCalls.get(slot) == 0;
  }

  int size() {
    return decided.length();
  }

  /** Slots whose value is known. */
  int settledSlots() {
    int settled = 0;
    for (int slot = 0; slot < decided.length(); slot++) {
      if (decided.get(slot) != null) {
        settled++;
      }
    }
    return settled;
  }

  /** Calls that reported writing. */
  long wins() {
    return wins.get();
  }

  /** Calls that were told of an existing entry. */
  long answers() {
    return answers.get();
  }
}
