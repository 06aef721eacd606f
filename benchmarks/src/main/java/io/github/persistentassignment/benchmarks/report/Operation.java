package io.github.persistentassignment.benchmarks.report;

import java.util.List;

/**
 * An adapter operation paired with its raw command, and the codec work ours does that the raw side
 * does not (the reads decode the entries they use on both sides; the writes' raw side sends JSON
 * encoded beforehand).
 *
 * @param benchmarkClass the benchmark class's simple name
 * @param name the method prefix
 * @param label how the report names it
 * @param decodes typical entries ours decodes and the raw side does not
 * @param encodes typical entries ours encodes and the raw side does not
 */
record Operation(String benchmarkClass, String name, String label, int decodes, int encodes) {
  static final String STORAGE = "StorageBenchmark";

  /** Every operation the overhead target judges, in the report's order. */
  static final List<Operation> ALL =
      List.of(
          new Operation(STORAGE, "load", "load (5 entries, 2 used)", 0, 0),
          new Operation(STORAGE, "save", "save", 0, 1),
          new Operation(STORAGE, "saveIfAbsentWin", "saveIfAbsent, writes", 0, 1),
          new Operation(STORAGE, "saveIfAbsentLose", "saveIfAbsent, finds the entry", 1, 1),
          new Operation(STORAGE, "delete", "delete (absent entry)", 0, 0),
          new Operation("DeleteAllBenchmark", "deleteAll", "deleteAll (5 entries)", 0, 0),
          new Operation(STORAGE, "loadAll", "loadAll (100 keys × 5 entries, 2 used)", 0, 0));

  /** The reads DESIGN section 14 names: within 1.10× the raw read plus the decoding it needs. */
  static final List<String> READS = List.of("load", "loadAll");

  Measurements.Pair pair(Measurements results, String backend, int threads) {
    return results.pair(benchmarkClass, name, backend, threads);
  }
}
