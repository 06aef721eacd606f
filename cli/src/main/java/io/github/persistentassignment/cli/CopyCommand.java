package io.github.persistentassignment.cli;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Copies every entry of one store into another, never overwriting. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copy every stored entry from one store to another, for a migration.",
      "Each entry is written only if the target has none for that key and experiment (first",
      "write wins), with its expiry, so running it again, or while the application writes, is",
      "safe. Entries are written in batches of 500: one bulk read of the target, then the new",
      "entries from --threads writers at once."
    })
final class CopyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FROM-URL", description = "The store to read.")
  String from;

  @Parameters(index = "1", paramLabel = "TO-URL", description = "The store to write.")
  String to;

  @Option(
      names = "--from-option",
      paramLabel = "NAME=VALUE",
      description = "A setting of the source store, as --store-option.")
  Map<String, String> fromOptions = new LinkedHashMap<>();

  @Option(
      names = "--to-option",
      paramLabel = "NAME=VALUE",
      description = "A setting of the target store, such as createTableIfMissing=true.")
  Map<String, String> toOptions = new LinkedHashMap<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Writes sent at once to the target (default: ${DEFAULT-VALUE}).")
  int threads = 8;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long[] counts = new long[3]; // copied, already there (same), already there (different)
    // Ctrl-C (or a kill) mid-copy: say what was done; copyIfAbsent makes a re-run resume.
    Thread interrupted =
        new Thread(
            () -> {
              synchronized (counts) {
                out.println();
                out.println(
                    "Interrupted after "
                        + (counts[0] + counts[1] + counts[2])
                        + " entries read: "
                        + counts[0]
                        + " copied, "
                        + (counts[1] + counts[2])
                        + " already in the target. Run the same copy again to finish: what is"
                        + " already copied is skipped.");
                out.flush();
              }
            },
            "copy-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
    try {
      return copy(out, counts);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it prints the summary
      }
    }
  }

  private Integer copy(PrintWriter out, long[] counts) {
    long started = System.nanoTime();
    if (threads < 1 || threads > 256) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads must be from 1 to 256, was " + threads);
    }
    try (PersistentStorage source = StoreOptions.open(spec.commandLine(), from, fromOptions);
        PersistentStorage target = StoreOptions.open(spec.commandLine(), to, toOptions)) {
      EnumerableStorage enumerable = Enumerables.require(source, from, "copy");
      out.println("Copying " + from + " -> " + to);
      Progress progress = Progress.forTerminal(out, 10_000);
      progress.start("entries read", 0);
      try (BatchedCopy copy = new BatchedCopy(target, threads, counts, progress)) {
        enumerable.forEachEntry(copy::add);
        copy.flush();
      }
      progress.finish();
    }
    long read = counts[0] + counts[1] + counts[2];
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    out.println(
        "Read "
            + read
            + (read == 1 ? " entry" : " entries")
            + String.format(
                java.util.Locale.ROOT, " in %.1f s (%,.0f entries/s).", seconds, read / seconds));
    out.println("  copied:                          " + counts[0]);
    out.println("  already in the target, same:     " + counts[1]);
    out.println("  already in the target, differs:  " + counts[2] + " (kept the target's)");
    return 0;
  }
}
