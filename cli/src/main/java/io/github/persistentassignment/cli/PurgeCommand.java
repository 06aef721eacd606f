package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Removes a stopped experiment's entries for every user. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Remove every stored entry of one experiment or layer, for every user: what is left of a"
          + " stopped experiment.",
      "On a terminal it asks first; elsewhere it needs --yes."
    })
final class PurgeCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment or layer name.")
  String configName;

  @Option(names = "--yes", description = "Do not ask; remove at once.")
  boolean yes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!yes && !confirmed(out)) {
      return 0;
    }
    try (PersistentStorage storage = store.open()) {
      long removed = Enumerables.require(storage, store.url, "purge").purge(configName);
      out.println(
          "Removed "
              + removed
              + (removed == 1 ? " entry" : " entries")
              + " of "
              + configName
              + " from "
              + store.url
              + ".");
      return 0;
    }
  }

  private boolean confirmed(PrintWriter out) throws IOException {
    Console console = System.console();
    if (console == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "purge removes "
              + configName
              + "'s entries for every user; add --yes to do it without a terminal to ask on");
    }
    out.print("Remove every stored entry of " + configName + " from " + store.url + "? [y/N] ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
      return true;
    }
    out.println("Nothing removed.");
    return false;
  }
}
