package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Erases what is stored for a person: every entry of the given keys. */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = {
      "Erase everything stored for a person: every entry of each key given, or of the person's"
          + " unit ID under each id type.",
      "Examples: forget alice:userID   forget --unit-id alice --id-types userID,stableID"
    })
final class ForgetCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(
      arity = "0..*",
      paramLabel = "KEY",
      description = "Storage keys, <unitID>:<idType>, such as alice:userID.")
  List<String> keys = new ArrayList<>();

  @Option(names = "--unit-id", paramLabel = "ID", description = "The person's unit ID.")
  @Nullable String unitId;

  @Option(
      names = "--id-types",
      split = ",",
      paramLabel = "TYPES",
      hideParamSyntax = true,
      description =
          "With --unit-id: the id types to erase it under, separated by commas (default: userID).")
  List<String> idTypes = new ArrayList<>(List.of("userID"));

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> targets = new ArrayList<>(keys);
    if (unitId != null) {
      idTypes.forEach(idType -> targets.add(unitId + ":" + idType));
    }
    if (targets.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give the keys to erase, or --unit-id ID [--id-types a,b]");
    }
    long total = 0;
    try (PersistentStorage storage = store.open()) {
      for (String key : targets) {
        int entries = storage.load(key).asMap().size();
        storage.deleteAll(key);
        total += entries;
        out.println(
            "Erased " + key + ": " + entries + (entries == 1 ? " entry" : " entries") + ".");
      }
    }
    out.println(total + (total == 1 ? " entry" : " entries") + " erased from " + store.url + ".");
    return 0;
  }
}
