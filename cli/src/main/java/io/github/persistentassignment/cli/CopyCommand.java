package io.github.persistentassignment.cli;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
      "write wins), so running it again, or while the application writes, is safe."
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
    try (PersistentStorage source = StoreOptions.open(spec.commandLine(), from, fromOptions);
        PersistentStorage target = StoreOptions.open(spec.commandLine(), to, toOptions)) {
      if (!(source instanceof EnumerableStorage enumerable)) {
        throw new IllegalArgumentException(
            from + " cannot list its entries (its storage does not implement EnumerableStorage)");
      }
      out.println("Copying " + from + " -> " + to);
      Progress progress = Progress.forTerminal(out, 10_000);
      progress.start("entries read", 0);
      enumerable.forEachEntry(
          entry -> {
            // Look first: an adapter may report an equal entry it finds as its own write (see
            // PersistentStorage.saveIfAbsent), which would count an entry already there as copied.
            Optional<StickyValues> existing = target.load(entry.key()).get(entry.configName());
            if (existing.isEmpty()) {
              existing = target.copyIfAbsent(entry); // keeps the entry's expiry
            }
            synchronized (counts) {
              if (existing.isEmpty()) {
                counts[0]++;
              } else if (existing.get().equals(entry.values())) {
                counts[1]++;
              } else {
                counts[2]++;
              }
            }
            progress.step();
          });
      progress.finish();
    }
    long read = counts[0] + counts[1] + counts[2];
    out.println("Read " + read + (read == 1 ? " entry" : " entries") + ".");
    out.println("  copied:                          " + counts[0]);
    out.println("  already in the target, same:     " + counts[1]);
    out.println("  already in the target, differs:  " + counts[2] + " (kept the target's)");
    return 0;
  }
}
