package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

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

  PersistentStorage open() {
    return PersistentStorages.open(url, options);
  }
}
