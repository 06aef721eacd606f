package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --store URL} and {@code --store-option k=v}, shared by every command that uses a store.
 */
final class StoreOptions {
  static final String DEFAULT_STORE = "sqlite:./persistent-assignments.db";

  @Option(
      names = "--store",
      paramLabel = "URL",
      defaultValue = DEFAULT_STORE,
      description = "Where assignments are stored (default: ${DEFAULT-VALUE}).")
  String url = DEFAULT_STORE;

  @Option(
      names = {"-o", "--store-option"},
      paramLabel = "NAME=VALUE",
      description =
          "A backend setting, such as keyPrefix=pa: (Redis), tableName=… or"
              + " createTableIfMissing=true (JDBC), region=… (DynamoDB).")
  Map<String, String> options = new LinkedHashMap<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  PersistentStorage open() {
    return open(command.commandLine(), url, options);
  }

  /**
   * Opens a store, reporting a malformed URL, an unknown scheme and an unknown or malformed option
   * as a usage error (exit 2) of the command: they are what the user typed. A backend failure stays
   * a failure (exit 1).
   */
  static PersistentStorage open(CommandLine command, String url, Map<String, String> options) {
    try {
      return PersistentStorages.open(url, options);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, e.getMessage(), e, null, url);
    }
  }
}
