package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shows a storage key's stored entries, decoded and printed as indented JSON in the stored format.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show the entries stored under a key, decoded and printed as indented JSON in the"
            + " stored format (field order and spacing may differ from the bytes stored).")
final class InspectCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(
      paramLabel = "KEY",
      description = "The storage key, <unitID>:<idType>, such as alice:userID.")
  String key;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (PersistentStorage storage = store.open()) {
      UserPersistedValues values = storage.load(key);
      Map<String, StickyValues> entries = values.asMap();
      if (entries.isEmpty()) {
        out.println("No entries stored under " + key + " in " + store.url + ".");
        if (key.indexOf(':') < 0) {
          // The most common slip: a bare unit ID instead of a storage key.
          out.println(
              "A storage key is <unitID>:<idType>, such as "
                  + key
                  + ":userID; `keys "
                  + key
                  + ":*` lists the keys stored for "
                  + key
                  + ".");
        }
        return 0;
      }
      out.println(
          entries.size()
              + (entries.size() == 1 ? " entry" : " entries")
              + " stored under "
              + key
              + " in "
              + store.url
              + ":");
      entries.forEach(
          (configName, stored) -> {
            out.println();
            out.println(configName + ":");
            out.println(Json.pretty(stored));
          });
      return 0;
    }
  }
}
