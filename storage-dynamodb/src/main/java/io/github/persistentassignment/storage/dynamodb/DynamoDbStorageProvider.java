package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import io.github.persistentassignment.spi.StoreOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * Opens {@code dynamodb://TABLE?region=…&endpoint=…} URLs for {@link
 * io.github.persistentassignment.PersistentStorages}.
 *
 * <p>Every setting of {@link DynamoDbPersistentStorage.Builder} is an option of the same name, in
 * the URL's query or among the options (an option wins over the query): {@code tableName} (else the
 * URL's table), {@code region}, {@code endpoint} (DynamoDB Local or a VPC endpoint, such as {@code
 * http://localhost:8000}), {@code createTableIfMissing}, {@code consistentReads}, {@code
 * expireAfter}, {@code maxValueBytes}, {@code maxConcurrentQueries}, {@code operationTimeout},
 * {@code connectTimeout}, {@code attemptTimeout}, {@code maxAttempts} and {@code maxConnections};
 * durations as {@code 500ms}, {@code 2s}, {@code 30d} or ISO-8601. An unknown option is refused.
 * Three settings are objects, not text: the client (the provider always builds its own, which the
 * storage closes), the credentials (the AWS SDK's default chain: environment, system properties,
 * profile, container or instance role; never in a URL) and the clock (the system's). Opening sends
 * nothing to DynamoDB.
 *
 * <pre>{@code
 * PersistentStorage storage =
 *     PersistentStorages.open("dynamodb://assignments?region=eu-west-1&expireAfter=90d");
 * }</pre>
 */
public final class DynamoDbStorageProvider implements StorageProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DynamoDbStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("dynamodb");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    return builder(parse(url, options)).build();
  }

  /** A table name and its settings, URL query and options merged. */
  record Target(String table, Map<String, String> settings) {}

  /** The builder a target describes, every option read and none unknown. */
  static DynamoDbPersistentStorage.Builder builder(Target target) {
    StoreOptions options = StoreOptions.of("DynamoDB", target.settings());
    DynamoDbPersistentStorage.Builder builder = DynamoDbPersistentStorage.builder();
    builder.tableName(options.string("tableName").orElse(target.table()));
    options.string("region").ifPresent(region -> builder.region(Region.of(region)));
    options.string("endpoint").ifPresent(endpoint -> builder.endpoint(endpoint(endpoint)));
    options.bool("createTableIfMissing").ifPresent(builder::createTableIfMissing);
    options.bool("consistentReads").ifPresent(builder::consistentReads);
    options.duration("expireAfter").ifPresent(builder::expireAfter);
    options.count("maxValueBytes").ifPresent(builder::maxValueBytes);
    options.count("maxConcurrentQueries").ifPresent(builder::maxConcurrentQueries);
    options.duration("operationTimeout").ifPresent(builder::operationTimeout);
    options.duration("connectTimeout").ifPresent(builder::connectTimeout);
    options.duration("attemptTimeout").ifPresent(builder::attemptTimeout);
    options.count("maxAttempts").ifPresent(builder::maxAttempts);
    options.count("maxConnections").ifPresent(builder::maxConnections);
    options.rejectUnknown();
    return builder;
  }

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
    if (table.isBlank() && !settings.containsKey("tableName")) {
      throw new IllegalArgumentException(
          "dynamodb URL needs a table name, as in dynamodb://persistent_assignments?region=eu-west-1");
    }
    return new Target(table, Map.copyOf(settings));
  }

  private static URI endpoint(String endpoint) {
    try {
      return URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option endpoint of a DynamoDB store must be a URI such as http://localhost:8000", e);
    }
  }
}
