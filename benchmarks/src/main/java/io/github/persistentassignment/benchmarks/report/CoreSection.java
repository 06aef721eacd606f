package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.bytes;
import static io.github.persistentassignment.benchmarks.report.Format.count;
import static io.github.persistentassignment.benchmarks.report.Format.micros;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import io.github.persistentassignment.benchmarks.SampleEntries;
import java.util.List;
import java.util.Optional;

/** The codec (and Jackson's tree beside it) and the assignment decision, in memory. */
final class CoreSection {
  private static final String CODEC = "CodecBenchmark";
  private static final String DECISION = "DecisionBenchmark";

  private CoreSection() {}

  static void append(StringBuilder out, Measurements results) {
    codec(out, results);
    decision(out, results);
  }

  static void codec(StringBuilder out, Measurements results) {
    out.append("## Core\n\n### Codec\n\n")
        .append("The typical entry has 5 parameters and 2 secondary exposures (")
        .append(SampleEntries.TYPICAL_JSON.length())
        .append(" bytes of JSON); the large one ")
        .append(SampleEntries.LARGE_JSON.length())
        .append(" bytes. One thread.\n\n| entry | operation | µs | B/op |\n|---|---|---:|---:|\n");
    for (String entry : List.of("typical", "large")) {
      for (String operation : List.of("encode", "decode", "roundTrip")) {
        Optional<Measurement> m = results.find(CODEC, operation + "_" + entry, null, 1);
        out.append("| ")
            .append(entry)
            .append(" | ")
            .append(operation.equals("roundTrip") ? "encode + decode" : operation)
            .append(" | ")
            .append(time(m))
            .append(" | ")
            .append(bytes(m))
            .append(" |\n");
      }
    }
    out.append("\nAgainst Jackson databind's general-purpose tree over the same bytes")
        .append(" (`ObjectMapper.readTree`, `writeValueAsBytes` of the tree), typical entry:\n\n");
    Format.header(out, "operation", "codec µs", "Jackson µs", "codec / Jackson");
    jacksonRow(out, results, "decode ↔ readTree", "decode_typical", "jacksonReadTree_typical");
    jacksonRow(out, results, "encode ↔ write", "encode_typical", "jacksonWrite_typical");
    Measurements.Pair paired = results.pair(CODEC, "roundTripVsJackson_typical", null, 1);
    if (paired.ratio().isPresent()) {
      Format.row(
          out,
          "decode + encode ↔ readTree + write, timed call by call",
          time(paired.ours()),
          time(paired.other()),
          Format.ratio(paired.ratio().getAsDouble()));
    }
    out.append('\n');
  }

  private static void jacksonRow(
      StringBuilder out, Measurements results, String label, String ours, String jackson) {
    Optional<Measurement> codec = results.find(CODEC, ours, null, 1);
    Optional<Measurement> tree = results.find(CODEC, jackson, null, 1);
    Format.row(
        out,
        label,
        time(codec),
        time(tree),
        codec.isPresent() && tree.isPresent()
            ? Format.ratio(codec.get().micros() / tree.get().micros())
            : "–");
  }

  private static void decision(StringBuilder out, Measurements results) {
    out.append("### The assignment decision, in memory\n\n")
        .append("`getUserPersistedValues` + `getExperiment` over `InMemoryPersistentStorage`:")
        .append(" decisions per second on one thread, and per core with every thread busy. Of a")
        .append(" decision's time, the live evaluation every decision makes first takes ")
        .append(time(results.find(DECISION, "evaluate_live", null, 1)))
        .append(" µs, two SHA-256 buckets of ")
        .append(time(results.find(DECISION, "bucket_sha256", null, 1)))
        .append(" µs each included.\n\n");
    out.append(
        "| case | threads | µs | decisions/s | decisions/s per core | B/op |\n"
            + "|---|---|---:|---:|---:|---:|\n");
    int cores = Runtime.getRuntime().availableProcessors();
    for (String side : List.of("stickyHit", "firstAssignment")) {
      for (int t : results.threadCounts()) {
        Optional<Measurement> m =
            results.find(Operation.STORAGE, "assign_" + side + "_ours", "memory", t);
        if (m.isEmpty()) {
          continue;
        }
        double perSecond = t * 1e6 / m.get().micros();
        out.append("| ")
            .append(side.equals("stickyHit") ? "sticky hit" : "first assignment")
            .append(" | ")
            .append(t)
            .append(" | ")
            .append(micros(m.get().micros()))
            .append(" | ")
            .append(count(perSecond))
            .append(" | ")
            .append(count(perSecond / Math.min(t, cores)))
            .append(" | ")
            .append(bytes(m))
            .append(" |\n");
      }
    }
    out.append('\n');
  }
}
