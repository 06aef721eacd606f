package io.github.persistentassignment.conformance.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Reads the used heap after garbage collection, for {@link HeapUsage}. */
final class HeapMeter {
  private static final int COLLECTIONS = 3;

  private HeapMeter() {}

  /**
   * The least used heap seen after each of a few full collections. The load's threads may run
   * meanwhile; the least reading is the one least inflated by what they allocated in between.
   */
  static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < COLLECTIONS; i++) {
      memory.gc();
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
