package io.github.persistentassignment.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Two ways of doing the same thing — ours and another (the raw client, the naive adapter) — timed
 * call by call, alternating which goes first, in one benchmark. Both therefore see the same machine
 * at the same moment: a burst of load from another process, a garbage collection, a slow disk falls
 * on both alike, and their ratio stays put where two benchmarks run a minute apart would drift by
 * more than the 10% being judged.
 *
 * <p>JMH reports the fields as per-iteration totals (events); the report divides them by {@link
 * #calls}. Bytes come from the thread's allocation counter, read outside the timed region.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedTimes {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Nanoseconds spent in our side. */
  public long oursNanos;

  /** Nanoseconds spent in the other side. */
  public long otherNanos;

  /** Bytes our side allocated. */
  public long oursBytes;

  /** Bytes the other side allocated. */
  public long otherBytes;

  /** Operations done by each side. */
  public long calls;

  private boolean oursFirst;

  /**
   * Runs each side {@code batch} times in a row (more than once only where one call is too short
   * for the clock), ours first on every other call.
   *
   * @param blackhole keeps the results alive
   * @param batch calls per side and measurement
   * @param ours our side
   * @param other the other side
   */
  public void measure(Blackhole blackhole, int batch, Supplier<?> ours, Supplier<?> other) {
    if (oursFirst) {
      time(blackhole, batch, ours, true);
      time(blackhole, batch, other, false);
    } else {
      time(blackhole, batch, other, false);
      time(blackhole, batch, ours, true);
    }
    oursFirst = !oursFirst;
    calls += batch;
  }

  private void time(Blackhole blackhole, int batch, Supplier<?> side, boolean isOurs) {
    long bytesBefore = THREADS.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    for (int i = 0; i < batch; i++) {
      blackhole.consume(side.get());
    }
    long nanos = System.nanoTime() - start;
    long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytesBefore;
    if (isOurs) {
      oursNanos += nanos;
      oursBytes += bytes;
    } else {
      otherNanos += nanos;
      otherBytes += bytes;
    }
  }
}
