package io.github.persistentassignment.conformance.load;

/**
 * What reading every key back through a fresh storage instance found at the end of a {@link
 * SustainedLoad} run, compared with what the threads know they left stored.
 *
 * @param keys the keys read back
 * @param expectedEntries the entries that must be stored: each thread's last value of every entry
 *     it owns and did not delete, and the winner of every contended entry
 * @param intactEntries expected entries read back equal to what was written
 * @param lostEntries expected entries that were missing
 * @param unexpectedEntries entries read back that must not exist (deleted, or never written)
 * @param corruptEntries expected entries read back with a different value
 * @param unreadableKeys keys whose read back threw, so their entries could not be checked
 */
public record ReadBackResult(
    int keys,
    long expectedEntries,
    long intactEntries,
    long lostEntries,
    long unexpectedEntries,
    long corruptEntries,
    long unreadableKeys) {

  /**
   * Whether everything written was read back as written, and nothing else.
   *
   * @return true when no entry was lost, unexpected or corrupt and every key could be read
   */
  public boolean isClean() {
    return lostEntries == 0 && unexpectedEntries == 0 && corruptEntries == 0 && unreadableKeys == 0;
  }
}
