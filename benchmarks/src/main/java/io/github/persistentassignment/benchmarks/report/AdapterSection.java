package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.micros;
import static io.github.persistentassignment.benchmarks.report.Format.ratio;
import static io.github.persistentassignment.benchmarks.report.Format.threads;
import static io.github.persistentassignment.benchmarks.report.Format.time;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Every adapter operation against its raw command, per backend and thread count; the pairs over the
 * target set beside the codec work that explains them or does not; and the reads again with every
 * entry used.
 */
final class AdapterSection {
  private static final String CODEC = "CodecBenchmark";

  private AdapterSection() {}

  /** One line per backend at 1 thread: each operation's ours / raw, and the sticky hit. */
  static void summary(StringBuilder out, Measurements results, List<String> backends) {
    out.append("## Summary, 1 thread\n\n")
        .append("Ours / raw for each operation; ours / naive for save; the end-to-end sticky hit")
        .append(" (`getUserPersistedValues` + `getExperiment` of a returning user) in µs.\n\n")
        .append("| backend |");
    Operation.ALL.forEach(operation -> out.append(' ').append(operation.label()).append(" |"));
    out.append(" save vs naive | sticky hit µs |\n|---|")
        .append("---:|".repeat(Operation.ALL.size() + 2))
        .append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (Operation operation : Operation.ALL) {
        out.append(' ').append(ratio(operation.pair(results, backend, 1).ratio())).append(" |");
      }
      out.append(' ')
          .append(ratio(results.pair("NaiveBaselineBenchmark", "save", backend, 1).ratio()))
          .append(" | ")
          .append(time(results.find(Operation.STORAGE, "assign_stickyHit_ours", backend, 1)))
          .append(" |\n");
    }
    out.append('\n');
  }

  static void append(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("## Adapter against its raw client\n\n")
        .append("Ours: the adapter, built with its public builder over the client below. Raw: that")
        .append(" same client sending the command the adapter sends (HGETALL, HSET, the Lua")
        .append(" insert-if-absent, HDEL, DEL, a pipeline; the dialect's SQL; Query, PutItem,")
        .append(" DeleteItem, BatchWriteItem), with the JSON encoded beforehand. The reads use 2")
        .append(" of the user's 5 entries on both sides: ours asks for them (`get`; the adapter")
        .append(" decodes an entry when it is first asked for), raw decodes them with")
        .append(" `StickyValuesCodec.decode`. deleteAll stores the user again, untimed, before")
        .append(
            " each call. Memory compares with a map of maps of the same JSON, timing 100 calls at a")
        .append(" time")
        .append(" (deleteAll: one). B/op: bytes the calling thread allocated per operation.\n\n");
    for (String backend : backends) {
      out.append("### ").append(backend).append("\n\n| operation |");
      Format.columnsPerThreadCount(out, threads, "ours", "raw", "ratio");
      out.append(" B/op ours / raw (1 thread) |\n|---|")
          .append("---:|".repeat(threads.size() * 3))
          .append("---:|\n");
      for (Operation operation : Operation.ALL) {
        out.append("| ").append(operation.label()).append(" |");
        for (int t : threads) {
          Measurements.Pair pair = operation.pair(results, backend, t);
          out.append(' ')
              .append(time(pair.ours()))
              .append(" | ")
              .append(time(pair.other()))
              .append(" | ")
              .append(marked(pair.ratio(), backend))
              .append(" |");
        }
        Measurements.Pair single = operation.pair(results, backend, 1);
        out.append(' ')
            .append(Format.bytes(single.ours()))
            .append(" / ")
            .append(Format.bytes(single.other()))
            .append(" |\n");
      }
      out.append('\n');
    }
    misses(out, results, backends, threads);
    everyEntry(out, results, backends, threads);
  }

  /** A miss of the overhead target: its size, and whether the codec work ours adds explains it. */
  record Miss(
      String backend,
      Operation operation,
      int threads,
      double ratio,
      double extra,
      String codec,
      OptionalDouble codecRatio) {
    /** Whether encoding and decoding the entries the raw side skips accounts for the ratio. */
    boolean explainedByCodec() {
      return codecRatio.isPresent() && codecRatio.getAsDouble() >= ratio;
    }
  }

  /** Every pair over the target, with the codec work ours does that the raw side does not. */
  static List<Miss> misses(Measurements results, List<String> backends, List<Integer> threads) {
    OptionalDouble decode = Format.micros(results.find(CODEC, "decode_typical", null, 1));
    OptionalDouble encode = Format.micros(results.find(CODEC, "encode_typical", null, 1));
    List<Miss> misses = new ArrayList<>();
    for (String backend : backends) {
      for (Operation operation : Operation.ALL) {
        for (int t : threads) {
          Measurements.Pair pair = operation.pair(results, backend, t);
          OptionalDouble ratio = pair.ratio();
          if (ratio.isEmpty() || ratio.getAsDouble() <= Targets.OVERHEAD) {
            continue;
          }
          double ours = pair.ours().get().micros();
          double raw = pair.other().get().micros();
          String codec = "–";
          OptionalDouble codecRatio = OptionalDouble.empty();
          if (decode.isPresent() && encode.isPresent()) {
            double work =
                operation.decodes() * decode.getAsDouble()
                    + operation.encodes() * encode.getAsDouble();
            codec =
                micros(work)
                    + " ("
                    + operation.decodes()
                    + " decodes, "
                    + operation.encodes()
                    + " encodes)";
            codecRatio = OptionalDouble.of((raw + work) / raw);
          }
          misses.add(
              new Miss(backend, operation, t, ratio.getAsDouble(), ours - raw, codec, codecRatio));
        }
      }
    }
    return misses;
  }

  private static void misses(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    List<Miss> misses = misses(results, backends, threads);
    out.append("### Where ours exceeds ")
        .append(ratio(Targets.OVERHEAD))
        .append(" its raw command\n\n");
    if (misses.isEmpty()) {
      out.append("Nowhere.\n\n");
      return;
    }
    out.append(
            "Extra time is ours − raw. Codec work is what encoding and decoding the entries ours"
                + " handles and the raw side does not costs on one thread (codec benchmark below;"
                + " the reads decode the same entries on both sides, so none for them), so (raw +"
                + " codec work) / raw is the ratio the codec alone imposes. At 8 threads the CPU is"
                + " shared by more threads than it has cores, so CPU work such as the codec's"
                + " stretches every thread's time: it weighs more there than the single-thread"
                + " figure shows. The in-process memory store is listed but not judged.\n\n")
        .append(
            "| backend | operation | threads | ratio | extra µs | codec work µs |"
                + " ratio from the codec alone |\n")
        .append("|---|---|---|---:|---:|---|---:|\n");
    for (Miss miss : misses) {
      out.append("| ")
          .append(miss.backend())
          .append(Targets.LOOPBACK.contains(miss.backend()) ? "" : " (in-process)")
          .append(" | ")
          .append(miss.operation().label())
          .append(" | ")
          .append(threads(miss.threads()))
          .append(" | ")
          .append(ratio(miss.ratio()))
          .append(" | ")
          .append(micros(miss.extra()))
          .append(" | ")
          .append(miss.codec())
          .append(" | ")
          .append(ratio(miss.codecRatio()))
          .append(" |\n");
    }
    out.append('\n');
  }

  /** The reads again, every entry used on both sides. */
  private static void everyEntry(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("### Every entry used\n\n")
        .append("The same reads with all 5 entries of each user used: the adapter decodes each")
        .append(" as it is asked for, the raw client's reply is decoded entry by entry with the")
        .append(" adapter's own codec (`StickyValuesCodec`), again call by call.\n\n| backend |");
    Format.columnsPerThreadCount(out, threads, "load: ours / raw", "loadAll: ours / raw");
    out.append("\n|---|").append("---:|".repeat(threads.size() * 2)).append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (int t : threads) {
        for (String operation : List.of("loadEveryEntry", "loadAllEveryEntry")) {
          OptionalDouble ratio = results.pair(Operation.STORAGE, operation, backend, t).ratio();
          out.append(' ').append(ratio(ratio)).append(" |");
        }
      }
      out.append('\n');
    }
    out.append('\n');
  }

  /** A ratio, in bold when a loopback backend's is over the target. */
  private static String marked(OptionalDouble value, String backend) {
    if (value.isEmpty()) {
      return "–";
    }
    String text = ratio(value.getAsDouble());
    return value.getAsDouble() > Targets.OVERHEAD && Targets.LOOPBACK.contains(backend)
        ? "**" + text + "**"
        : text;
  }
}
