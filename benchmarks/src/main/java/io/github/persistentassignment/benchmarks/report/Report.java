package io.github.persistentassignment.benchmarks.report;

import io.github.persistentassignment.benchmarks.SampleEntries;
import io.github.persistentassignment.benchmarks.backends.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes {@code latest.md} from a run's {@code raw/} folder: the targets and whether they were met,
 * then every comparison the run made — ours against the raw client, ours against the naive adapter,
 * the end-to-end call, the codec — each as a ratio of two times measured side by side.
 *
 * <p>Run on its own ({@code java -cp benchmarks.jar …report.Report benchmarks/results}) it writes
 * the report again from the files, without measuring anything.
 */
public final class Report {
  /** An adapter operation may take at most this many times its raw command, on loopback. */
  static final double OVERHEAD_TARGET = 1.10;

  /** Our save may take at most this fraction of the naive adapter's. */
  static final double NAIVE_TARGET = 0.60;

  /** Encoding and then decoding the typical entry must take less than this. */
  static final double CODEC_TARGET_MICROS = 5.0;

  /** The in-memory sticky hit must exceed this many decisions per second on one core. */
  static final double DECISIONS_TARGET = 1_000_000;

  /** Backends reached over the loopback network, where the overhead target applies. */
  static final List<String> LOOPBACK =
      List.of("redis", "redis-cluster", "postgresql", "mariadb", "dynamodb");

  private static final String STORAGE = "StorageBenchmark";
  private static final String NAIVE = "NaiveBaselineBenchmark";
  private static final String CODEC = "CodecBenchmark";
  private static final String DECISION = "DecisionBenchmark";

  /**
   * The storage operations compared with the raw client, and the codec work ours does that the raw
   * side does not (the reads decode the entries they use on both sides).
   *
   * @param name the method prefix
   * @param label how the report names it
   * @param decodes typical entries ours decodes and the raw side does not
   * @param encodes typical entries ours encodes and the raw side does not
   */
  record Operation(String name, String label, int decodes, int encodes) {}

  static final List<Operation> OPERATIONS =
      List.of(
          new Operation("load", "load (5 entries, 2 used)", 0, 0),
          new Operation("save", "save", 0, 1),
          new Operation("saveIfAbsentWin", "saveIfAbsent, writes", 0, 1),
          new Operation("saveIfAbsentLose", "saveIfAbsent, finds the entry", 1, 1),
          new Operation("delete", "delete (absent entry)", 0, 0),
          new Operation("loadAll", "loadAll (100 keys × 5 entries, 2 used)", 0, 0));

  private Report() {}

  /**
   * Writes the report of the run in a results folder again.
   *
   * @param args the results folder, default {@code benchmarks/results}
   */
  public static void main(String[] args) {
    Path written = write(Path.of(args.length > 0 ? args[0] : "benchmarks/results"));
    System.out.println("Wrote " + written);
  }

  /**
   * Writes {@code latest.md} in a results folder from its {@code raw/} folder.
   *
   * @param results the results folder
   * @return the report's path
   */
  public static Path write(Path results) {
    Path raw = results.resolve("raw");
    String markdown =
        render(Measurements.readFolder(raw), Environment.read(raw.resolve("environment.json")));
    Path report = results.resolve("latest.md");
    try {
      Files.writeString(report, markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + report, e);
    }
    return report;
  }

  /**
   * The report as Markdown.
   *
   * @param results the run's measurements
   * @param environment where and how they were taken
   * @return the Markdown text
   */
  static String render(Measurements results, Environment environment) {
    List<String> backends = results.backends(Backends.NAMES);
    List<Integer> threads = results.threadCounts();
    StringBuilder out = new StringBuilder();
    out.append("# Benchmark results\n\n")
        .append("Written by `")
        .append(environment.get("command"))
        .append("` (run ")
        .append(environment.get("started"))
        .append(" to ")
        .append(environment.get("finished"))
        .append("). The raw JMH output (JSON and text, one file per pass) is in [raw/](raw/).")
        .append(" Times are microseconds per operation of one thread (at 8 threads too), the")
        .append(" median of the measured iterations. Every comparison of ours with a counterpart")
        .append(" (the raw client, the naive adapter) ran in one benchmark, call by call,")
        .append(" alternating which went first, so both sides saw the same machine at the same")
        .append(" moments.\n\n");
    machine(out, environment);
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(overheadVerdict(results, backends, threads));
    verdicts.add(RequestSection.verdict(results, threads));
    verdicts.add(naiveVerdict(results, backends, threads));
    verdicts.add(codecVerdict(results));
    verdicts.add(decisionVerdict(results));
    targets(out, verdicts);
    summary(out, results, backends);
    adapterVersusRaw(out, results, backends, threads);
    overheadMisses(out, results, backends, threads);
    beyondTheCodec(out, results, backends, threads);
    versusNaive(out, results, backends, threads);
    endToEnd(out, results, backends, threads);
    RequestSection.append(out, results, backends, threads);
    core(out, results);
    return out.toString();
  }

  private static void machine(StringBuilder out, Environment environment) {
    out.append("## Machine\n\n| | |\n|---|---|\n");
    row(out, "CPU", environment.get("cpu") + " — " + environment.get("cores") + " cores");
    row(out, "OS", environment.get("os"));
    row(out, "JDK", environment.get("jdk"));
    row(out, "JMH", environment.get("jmh") + "; " + environment.get("settings"));
    row(
        out,
        "Load average",
        environment.get("load.start")
            + " at the start, "
            + environment.get("load.end")
            + " at the end (1, 5, 15 min)");
    row(
        out,
        "CPU priority",
        "nice "
            + environment.get("nice")
            + " (0 is the default; below 0 runs ahead of other work)");
    environment.backends().forEach((name, description) -> row(out, name, description));
    out.append(
        "\nThe machine is shared: other builds and tests ran during the run, so absolute"
            + " times are noisy. The ratios are the figures to read: each one's two sides were"
            + " measured interleaved."
            + "\n\n");
  }

  private static void targets(StringBuilder out, List<Verdict> verdicts) {
    out.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (Verdict verdict : verdicts) {
      out.append("| ")
          .append(verdict.target())
          .append(" | ")
          .append(verdict.measured())
          .append(" | ")
          .append(verdict.status())
          .append(" |\n");
    }
    out.append('\n');
  }

  /**
   * One line per backend, at 1 thread: each operation as a ratio to its raw command, save against
   * the naive adapter, and the end-to-end sticky hit. The table the root README shows.
   */
  private static void summary(StringBuilder out, Measurements results, List<String> backends) {
    out.append("## Summary, 1 thread\n\n")
        .append("Ours / raw for each operation; ours / naive for save; the end-to-end sticky hit")
        .append(" (`getUserPersistedValues` + `getExperiment` of a returning user) in µs.\n\n")
        .append("| backend |");
    OPERATIONS.forEach(operation -> out.append(' ').append(operation.label()).append(" |"));
    out.append(" save vs naive | sticky hit µs |\n|---|")
        .append("---:|".repeat(OPERATIONS.size() + 2))
        .append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (Operation operation : OPERATIONS) {
        OptionalDouble ratio = ratio(results, STORAGE, operation.name(), "ours", "raw", backend, 1);
        out.append(' ').append(ratio.isPresent() ? ratio(ratio.getAsDouble()) : "–").append(" |");
      }
      OptionalDouble naive = ratio(results, NAIVE, "save", "ours", "naive", backend, 1);
      out.append(' ')
          .append(naive.isPresent() ? ratio(naive.getAsDouble()) : "–")
          .append(" | ")
          .append(time(results.find(STORAGE, "assign_stickyHit_ours", backend, 1)))
          .append(" |\n");
    }
    out.append('\n');
  }

  /** Every operation of every loopback backend within 1.10× of its raw command. */
  static Verdict overheadVerdict(
      Measurements results, List<String> backends, List<Integer> threads) {
    List<String> counts = new ArrayList<>();
    int allPairs = 0;
    int allWithin = 0;
    String worst = "";
    double worstRatio = 0;
    for (int t : threads) {
      int pairs = 0;
      int within = 0;
      for (String backend : backends) {
        if (!LOOPBACK.contains(backend)) {
          continue;
        }
        for (Operation operation : OPERATIONS) {
          OptionalDouble ratio =
              ratio(results, STORAGE, operation.name(), "ours", "raw", backend, t);
          if (ratio.isPresent()) {
            pairs++;
            within += ratio.getAsDouble() <= OVERHEAD_TARGET ? 1 : 0;
            if (ratio.getAsDouble() > worstRatio) {
              worstRatio = ratio.getAsDouble();
              worst = backend + " " + operation.name() + ", " + threadsLabel(t);
            }
          }
        }
      }
      if (pairs > 0) {
        counts.add(threadsLabel(t) + ": " + within + " of " + pairs + " within");
      }
      allPairs += pairs;
      allWithin += within;
    }
    String measured =
        allPairs == 0
            ? "no loopback backend measured"
            : String.join("; ", counts) + "; highest " + ratio(worstRatio) + " (" + worst + ")";
    return new Verdict(
        "each adapter operation within " + ratio(OVERHEAD_TARGET) + " its raw command (loopback)",
        measured,
        allPairs == 0 ? "not measured" : allWithin == allPairs ? "met" : "missed: see below");
  }

  /** Our save at or below 0.6× the naive adapter's, on each backend that has one. */
  static Verdict naiveVerdict(Measurements results, List<String> backends, List<Integer> threads) {
    List<String> parts = new ArrayList<>();
    boolean allMet = true;
    for (String backend : backends) {
      if (!Backends.WITH_NAIVE.contains(backend)) {
        continue;
      }
      for (int t : threads) {
        OptionalDouble ratio = ratio(results, NAIVE, "save", "ours", "naive", backend, t);
        if (ratio.isPresent()) {
          parts.add(backend + " " + threadsLabel(t) + " " + ratio(ratio.getAsDouble()));
          allMet &= ratio.getAsDouble() <= NAIVE_TARGET;
        }
      }
    }
    return new Verdict(
        "our save at most " + ratio(NAIVE_TARGET) + " the naive adapter's (Redis, SQL)",
        parts.isEmpty() ? "not measured" : String.join("; ", parts),
        parts.isEmpty() ? "not measured" : allMet ? "met" : "missed: see below");
  }

  /** Encoding and decoding the typical entry under 5 µs. */
  static Verdict codecVerdict(Measurements results) {
    Optional<Measurement> roundTrip = results.find(CODEC, "roundTrip_typical", null, 1);
    return new Verdict(
        "codec encode + decode of a typical entry under " + micros(CODEC_TARGET_MICROS) + " µs",
        roundTrip.map(m -> micros(m.micros()) + " µs").orElse("not measured"),
        roundTrip.isEmpty()
            ? "not measured"
            : roundTrip.get().micros() < CODEC_TARGET_MICROS ? "met" : "missed: see below");
  }

  /** The in-memory sticky hit above a million decisions per second on one thread. */
  static Verdict decisionVerdict(Measurements results) {
    Optional<Measurement> hit = results.find(STORAGE, "assign_stickyHit_ours", "memory", 1);
    return new Verdict(
        "in-memory sticky hit above 1,000,000 decisions/s per core",
        hit.map(m -> count(1e6 / m.micros()) + " decisions/s on 1 thread").orElse("not measured"),
        hit.isEmpty()
            ? "not measured"
            : 1e6 / hit.get().micros() > DECISIONS_TARGET ? "met" : "missed: see below");
  }

  private static void adapterVersusRaw(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("## Adapter against its raw client\n\n")
        .append("Ours: the adapter, built with its public builder over the client below. Raw: that")
        .append(" same client sending the command the adapter sends (HGETALL, HSET, the Lua")
        .append(" insert-if-absent, HDEL, a pipeline; the dialect's SQL; Query, PutItem,")
        .append(" DeleteItem), with the JSON encoded beforehand. The reads use 2 of the user's 5")
        .append(" entries on both sides: ours asks for them (`get`; the adapter decodes an entry")
        .append(
            " when it is first asked for), raw decodes them with `StickyValuesCodec.decode`. On")
        .append(" MariaDB and SQLite, raw saveIfAbsent is only the first of the adapter's two")
        .append(" statements when it finds an entry. Memory compares with a map of maps, timing")
        .append(
            " 100 calls at a time. B/op: bytes the calling thread allocated per operation.\n\n");
    for (String backend : backends) {
      out.append("### ").append(backend).append("\n\n| operation |");
      columnsPerThreadCount(out, threads, "ours", "raw", "ratio");
      out.append(" B/op ours / raw (1 thread) |\n|---|")
          .append("---:|".repeat(threads.size() * 3))
          .append("---:|\n");
      for (Operation operation : OPERATIONS) {
        out.append("| ").append(operation.label()).append(" |");
        for (int t : threads) {
          Optional<Measurement> ours =
              results.find(STORAGE, operation.name() + "_ours", backend, t);
          Optional<Measurement> raw = results.find(STORAGE, operation.name() + "_raw", backend, t);
          OptionalDouble ratio =
              ratio(results, STORAGE, operation.name(), "ours", "raw", backend, t);
          out.append(' ')
              .append(time(ours))
              .append(" | ")
              .append(time(raw))
              .append(" | ")
              .append(ratio.isPresent() ? marked(ratio.getAsDouble(), backend) : "–")
              .append(" |");
        }
        out.append(' ')
            .append(bytes(results.find(STORAGE, operation.name() + "_ours", backend, 1)))
            .append(" / ")
            .append(bytes(results.find(STORAGE, operation.name() + "_raw", backend, 1)))
            .append(" |\n");
      }
      out.append('\n');
    }
  }

  /**
   * For each pair over the target: how much longer ours took, and how much of that the codec
   * accounts for (the entries it encodes and decodes, at the codec benchmark's single-thread cost).
   */
  private static void overheadMisses(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    OptionalDouble decode = micros(results.find(CODEC, "decode_typical", null, 1));
    OptionalDouble encode = micros(results.find(CODEC, "encode_typical", null, 1));
    List<String> rows = new ArrayList<>();
    for (String backend : backends) {
      for (Operation operation : OPERATIONS) {
        for (int t : threads) {
          OptionalDouble ratio =
              ratio(results, STORAGE, operation.name(), "ours", "raw", backend, t);
          if (ratio.isEmpty() || ratio.getAsDouble() <= OVERHEAD_TARGET) {
            continue;
          }
          double ours =
              results.find(STORAGE, operation.name() + "_ours", backend, t).get().micros();
          double raw = results.find(STORAGE, operation.name() + "_raw", backend, t).get().micros();
          String codec = "–";
          String floor = "–";
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
            floor = ratio((raw + work) / raw);
          }
          rows.add(
              "| "
                  + backend
                  + (LOOPBACK.contains(backend) ? "" : " (in-process)")
                  + " | "
                  + operation.label()
                  + " | "
                  + threadsLabel(t)
                  + " | "
                  + ratio(ratio.getAsDouble())
                  + " | "
                  + micros(ours - raw)
                  + " | "
                  + codec
                  + " | "
                  + floor
                  + " |");
        }
      }
    }
    out.append("### Where ours exceeds ")
        .append(ratio(OVERHEAD_TARGET))
        .append(" its raw command\n\n");
    if (rows.isEmpty()) {
      out.append("Nowhere.\n\n");
      return;
    }
    out.append(
            "Extra time is ours − raw. Codec work is what encoding and decoding the entries ours"
                + " handles and the raw side does not costs on one thread (codec benchmark below;"
                + " the reads decode the same entries on both sides, so none for them), so (raw +"
                + " codec work) / raw is the ratio the codec alone imposes. At 8"
                + " threads the CPU is shared by more threads than it has cores, so CPU work such"
                + " as the codec's stretches every thread's time: it weighs more there than the"
                + " single-thread figure shows.\n\n")
        .append(
            "| backend | operation | threads | ratio | extra µs | codec work µs |"
                + " ratio from the codec alone |\n")
        .append("|---|---|---|---:|---:|---|---:|\n");
    rows.forEach(row -> out.append(row).append('\n'));
    out.append('\n');
  }

  /** The reads again, every entry used on both sides. */
  private static void beyondTheCodec(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("### Every entry used\n\n")
        .append("The same reads with all 5 entries of each user used: the adapter decodes each")
        .append(" as it is asked for, the raw client's reply is decoded entry by entry with the")
        .append(" adapter's own codec (`StickyValuesCodec`), again call by call.\n\n| backend |");
    columnsPerThreadCount(out, threads, "load: ours / raw", "loadAll: ours / raw");
    out.append("\n|---|").append("---:|".repeat(threads.size() * 2)).append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (int t : threads) {
        for (String operation : List.of("loadEveryEntry", "loadAllEveryEntry")) {
          OptionalDouble ratio = ratio(results, STORAGE, operation, "ours", "raw", backend, t);
          out.append(' ').append(ratio.isPresent() ? ratio(ratio.getAsDouble()) : "–").append(" |");
        }
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private static void versusNaive(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    List<String> withNaive = backends.stream().filter(Backends.WITH_NAIVE::contains).toList();
    if (withNaive.isEmpty()) {
      return;
    }
    out.append("## Ours against a naive whole-map adapter\n\n")
        .append("The naive adapter keeps a user's whole map as one JSON value: load is one GET or")
        .append(" SELECT; save reads the map, changes one entry and writes it back (GET + SET,")
        .append(" SELECT + UPDATE). Same client, same user with 5 entries. It also loses entries")
        .append(" under concurrent saves (`NaiveAdapterLosesEntriesTest`).\n\n")
        .append("| backend | operation |");
    columnsPerThreadCount(out, threads, "naive", "ours", "ours / naive");
    out.append("\n|---|---|").append("---:|".repeat(threads.size() * 3)).append('\n');
    for (String backend : withNaive) {
      for (String operation : List.of("save", "load")) {
        out.append("| ").append(backend).append(" | ").append(operation).append(" |");
        for (int t : threads) {
          OptionalDouble ratio = ratio(results, NAIVE, operation, "ours", "naive", backend, t);
          out.append(' ')
              .append(time(results.find(NAIVE, operation + "_naive", backend, t)))
              .append(" | ")
              .append(time(results.find(NAIVE, operation + "_ours", backend, t)))
              .append(" | ")
              .append(ratio.isPresent() ? ratio(ratio.getAsDouble()) : "–")
              .append(" |");
        }
        out.append('\n');
      }
    }
    out.append('\n');
    for (String backend : withNaive) {
      Optional<Measurement> write = results.find(NAIVE, "save_ours", backend, 1);
      Optional<Measurement> read = results.find(NAIVE, "load_naive", backend, 1);
      if (write.isPresent() && read.isPresent()) {
        double w = write.get().micros();
        double r = read.get().micros();
        out.append("On ")
            .append(backend)
            .append(", our save (one write) takes ")
            .append(micros(w))
            .append(" µs and the naive adapter's read of the map ")
            .append(micros(r))
            .append(" µs (1 thread): a save that skips that read is at best ")
            .append(ratio(w / (w + r)))
            .append(" of read-then-write.\n");
      }
    }
    out.append('\n');
  }

  private static void endToEnd(
      StringBuilder out, Measurements results, List<String> backends, List<Integer> threads) {
    out.append("## End to end: `getUserPersistedValues` + `getExperiment`\n\n")
        .append("A sticky hit loads a returning user's 5 entries and serves the stored group; its")
        .append(" raw counterpart is the one read it needs. A first assignment loads nothing,")
        .append(" evaluates, and saves with saveIfAbsent; its raw counterpart is the read and the")
        .append(" insert-if-absent. Each ratio is everything the library does around those round")
        .append(" trips: decoding, the evaluation, building the result.\n\n| backend |");
    columnsPerThreadCount(out, threads, "sticky hit", "/ raw", "first assignment", "/ raw");
    out.append("\n|---|").append("---:|".repeat(threads.size() * 4)).append('\n');
    for (String backend : backends) {
      out.append("| ").append(backend).append(" |");
      for (int t : threads) {
        for (String side : List.of("assign_stickyHit", "assign_firstAssignment")) {
          OptionalDouble ratio = ratio(results, STORAGE, side, "ours", "raw", backend, t);
          out.append(' ')
              .append(time(results.find(STORAGE, side + "_ours", backend, t)))
              .append(" | ")
              .append(ratio.isPresent() ? ratio(ratio.getAsDouble()) : "–")
              .append(" |");
        }
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private static void core(StringBuilder out, Measurements results) {
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
    out.append("\n### The assignment decision, in memory\n\n")
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
        Optional<Measurement> m = results.find(STORAGE, "assign_" + side + "_ours", "memory", t);
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

  /** ours / other for an operation, when the run has both. */
  static OptionalDouble ratio(
      Measurements results,
      String benchmarkClass,
      String operation,
      String side,
      String otherSide,
      String backend,
      int threads) {
    Optional<Measurement> ours =
        results.find(benchmarkClass, operation + "_" + side, backend, threads);
    Optional<Measurement> other =
        results.find(benchmarkClass, operation + "_" + otherSide, backend, threads);
    if (ours.isEmpty() || other.isEmpty() || other.get().micros() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(ours.get().micros() / other.get().micros());
  }

  private static OptionalDouble micros(Optional<Measurement> m) {
    return m.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(m.get().micros());
  }

  /** A ratio, in bold when a loopback backend's is over the target. */
  private static String marked(double value, String backend) {
    String text = ratio(value);
    return value > OVERHEAD_TARGET && LOOPBACK.contains(backend) ? "**" + text + "**" : text;
  }

  private static String time(Optional<Measurement> m) {
    return m.map(x -> micros(x.micros())).orElse("–");
  }

  private static String bytes(Optional<Measurement> m) {
    return m.map(Measurement::allocatedBytes)
        .map(b -> String.format(Locale.ROOT, "%,.0f", b))
        .orElse("–");
  }

  static String micros(double value) {
    if (value < 1) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    if (value < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (value < 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }

  private static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String threadsLabel(int threads) {
    return threads == 1 ? "1 thread" : threads + " threads";
  }

  /** Header cells: each of the names, once per thread count, such as "ours, 8 threads". */
  private static void columnsPerThreadCount(
      StringBuilder out, List<Integer> threads, String... names) {
    for (int t : threads) {
      for (String name : names) {
        out.append(' ').append(name).append(", ").append(threadsLabel(t)).append(" |");
      }
    }
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  /**
   * One target's outcome.
   *
   * @param target the target in words
   * @param measured what the run measured
   * @param status met, missed or not measured
   */
  record Verdict(String target, String measured, String status) {}
}
