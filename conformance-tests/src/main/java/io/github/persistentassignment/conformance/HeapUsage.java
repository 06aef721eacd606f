package io.github.persistentassignment.conformance;

/**
 * The JVM's used heap after a full garbage collection, at three points of a {@link SustainedLoad}
 * run. Growth is measured from the end of the warm-up, when connection pools, caches and the
 * entries of a warm key space exist, to the end of the run: a leak shows as growth that keeps
 * coming; a stable adapter stays near zero.
 *
 * @param atStartBytes before the threads started
 * @param afterWarmUpBytes once the warm-up had passed, with the threads running
 * @param atEndBytes once the threads had stopped
 * @param allowedGrowthBytes the growth the run accepts
 */
public record HeapUsage(
    long atStartBytes, long afterWarmUpBytes, long atEndBytes, long allowedGrowthBytes) {

  /**
   * How much the used heap grew from the end of the warm-up to the end of the run; negative when it
   * shrank.
   *
   * @return the growth in bytes
   */
  public long growthBytes() {
    return atEndBytes - afterWarmUpBytes;
  }

  /**
   * Whether the growth stayed within the allowed bound.
   *
   * @return true when {@link #growthBytes()} is at most {@link #allowedGrowthBytes()}
   */
  public boolean isStable() {
    return growthBytes() <= allowedGrowthBytes;
  }
}
