package io.github.persistentassignment.conformance.load;

/**
 * The JVM's used heap after a full garbage collection, at three points of a {@link SustainedLoad}
 * run. Growth is measured from the end of the warm-up, when connection pools, caches and the
 * entries of a warm key space exist, to the end of the run: a leak shows as growth that keeps
 * coming; a stable adapter stays near zero.
 *
 * <p>Part of the growth is the run's own: it holds every value it must later read back (a kilobyte
 * or two each), up to one per owned and contended entry. The counts of those values at both
 * readings tell that part from the adapter's.
 *
 * @param atStartBytes before the threads started
 * @param afterWarmUpBytes once the warm-up had passed, with the threads running
 * @param atEndBytes once the threads had stopped
 * @param allowedGrowthBytes the growth the run accepts
 * @param rememberedValuesAfterWarmUp values the run held to check reads against, after the warm-up
 * @param rememberedValuesAtEnd values the run held to check reads against, at the end
 */
public record HeapUsage(
    long atStartBytes,
    long afterWarmUpBytes,
    long atEndBytes,
    long allowedGrowthBytes,
    long rememberedValuesAfterWarmUp,
    long rememberedValuesAtEnd) {

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
