package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Removes one stored entry, or every entry of a key, printing what it removed. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the entry of one experiment or layer stored under a key, or every entry of the key.",
      "Prints the JSON of what was deleted. The user is assigned afresh on the next evaluation."
    })
final class DeleteCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "KEY",
      description = "The storage key, such as alice:userID.")
  String key;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "CONFIG",
      description = "The experiment or layer; without it, every entry of the key.")
  @Nullable String configName;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (PersistentStorage storage = store.open()) {
      Map<String, StickyValues> stored = storage.load(key).asMap();
      List<String> names = new ArrayList<>();
      if (configName != null) {
        names.add(configName);
      } else {
        names.addAll(stored.keySet());
      }
      int deleted = 0;
      for (String name : names) {
        StickyValues before = stored.get(name);
        storage.delete(key, name);
        if (before == null) {
          out.println("Nothing stored for " + key + " / " + name + "; nothing to delete.");
        } else {
          deleted++;
          out.println("Deleted " + key + " / " + name + ":");
          out.println(Json.pretty(before));
        }
      }
      if (configName == null && names.isEmpty()) {
        out.println("No entries stored under " + key + "; nothing to delete.");
      }
      out.println(
          deleted + (deleted == 1 ? " entry" : " entries") + " deleted from " + store.url + ".");
      return 0;
    }
  }
}
