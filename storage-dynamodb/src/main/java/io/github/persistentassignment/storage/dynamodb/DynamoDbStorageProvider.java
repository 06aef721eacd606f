package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;

/**
 * Opens {@code dynamodb://TABLE?region=…&endpoint=…} URLs for {@link
 * io.github.persistentassignment.PersistentStorages}.
 *
 * <p>Settings, in the URL's query or as options (an option wins): {@code region} (else the AWS
 * SDK's default region chain), {@code endpoint} (for DynamoDB Local or a VPC endpoint, such as
 * {@code http://localhost:8000}), {@code createTableIfMissing} ({@code true} creates the table on
 * open, for development; default {@code false}), {@code consistentReads} ({@code true} by default).
 * Credentials come from the AWS SDK's default provider chain (environment, system properties,
 * profile, container or instance role). Timeouts and attempts are the builder's defaults (see
 * {@link DynamoDbPersistentStorage.Builder#operationTimeout}).
 */
public final class DynamoDbStorageProvider implements StorageProvider {
  private static final Set<String> SETTINGS =
      Set.of("region", "endpoint", "createTableIfMissing", "consistentReads");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DynamoDbStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("dynamodb");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    Target target = parse(url, options);
    DynamoDbPersistentStorage.Builder builder =
        DynamoDbPersistentStorage.builder().tableName(target.table());
    Map<String, String> settings = target.settings();
    if (settings.containsKey("region")) {
      builder.region(Region.of(settings.get("region")));
    }
    if (settings.containsKey("endpoint")) {
      builder.endpoint(URI.create(settings.get("endpoint")));
    }
    if (settings.containsKey("consistentReads")) {
      builder.consistentReads(bool(settings, "consistentReads"));
    }
    DynamoDbPersistentStorage storage = builder.build();
    try {
      if (settings.containsKey("createTableIfMissing") && bool(settings, "createTableIfMissing")) {
        storage.createTableIfMissing();
      }
      return storage;
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** A table name and its settings, URL query and options merged. */
  record Target(String table, Map<String, String> settings) {}

  static Target parse(String url, Map<String, String> options) {
    if (!url.toLowerCase(Locale.ROOT).startsWith("dynamodb://")) {
      throw new IllegalArgumentException("not a dynamodb:// URL: " + url);
    }
    String rest = url.substring("dynamodb://".length());
    int question = rest.indexOf('?');
    String table = question < 0 ? rest : rest.substring(0, question);
    if (table.endsWith("/")) {
      table = table.substring(0, table.length() - 1);
    }
    if (table.isBlank()) {
      throw new IllegalArgumentException(
          "dynamodb URL needs a table name, as in dynamodb://persistent_assignments?region=eu-west-1");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        settings.put(name, value);
      }
    }
    settings.putAll(options);
    Map<String, String> unknown = new TreeMap<>(settings);
    unknown.keySet().removeAll(SETTINGS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting(s) "
              + unknown.keySet()
              + " for a DynamoDB store; known: "
              + new TreeSet<>(SETTINGS));
    }
    return new Target(table, Map.copyOf(settings));
  }

  private static boolean bool(Map<String, String> settings, String name) {
    String value = settings.get(name);
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
  }
}
