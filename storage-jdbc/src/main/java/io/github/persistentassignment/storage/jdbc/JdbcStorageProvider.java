package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Opens {@code jdbc:…} and {@code sqlite:PATH} URLs for {@link
 * io.github.persistentassignment.PersistentStorages}.
 *
 * <ul>
 *   <li>{@code jdbc:…} — any JDBC URL whose driver is on the class path, such as {@code
 *       jdbc:postgresql://db:5432/app}. The table must exist unless {@code
 *       createSchemaIfMissing=true} is given — except for {@code jdbc:sqlite:}, where it is
 *       created.
 *   <li>{@code sqlite:PATH} — shorthand for {@code jdbc:sqlite:PATH}: an embedded SQLite database
 *       file, created with its table on first use.
 * </ul>
 *
 * <p>Options: {@code table} (default {@value JdbcPersistentStorage#DEFAULT_TABLE}), {@code
 * createSchemaIfMissing} ({@code true}/{@code false}), {@code user} and {@code password}.
 */
public final class JdbcStorageProvider implements StorageProvider {
  private static final Set<String> OPTIONS =
      Set.of("table", "createSchemaIfMissing", "user", "password");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JdbcStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("jdbc", "sqlite");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    Map<String, String> unknown = new TreeMap<>(options);
    unknown.keySet().removeAll(OPTIONS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option(s) " + unknown.keySet() + " for a JDBC store; known: " + OPTIONS);
    }
    String lower = url.toLowerCase(Locale.ROOT);
    String jdbcUrl;
    if (lower.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isBlank()) {
        throw new IllegalArgumentException("sqlite: URL needs a file path, as in sqlite:./app.db");
      }
      jdbcUrl = "jdbc:sqlite:" + path;
    } else if (lower.startsWith("jdbc:")) {
      jdbcUrl = url;
    } else {
      throw new IllegalArgumentException("not a jdbc: or sqlite: URL: " + url);
    }
    boolean embedded = jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
    String user = options.get("user");
    JdbcPersistentStorage.Builder builder =
        user == null
            ? JdbcPersistentStorage.builder(jdbcUrl)
            : JdbcPersistentStorage.builder(jdbcUrl, user, options.get("password"));
    String table = options.get("table");
    if (table != null) {
      builder = builder.table(table);
    }
    String create = options.get("createSchemaIfMissing");
    return builder.createSchemaIfMissing(create == null ? embedded : parseBoolean(create)).build();
  }

  private static boolean parseBoolean(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "createSchemaIfMissing must be true or false, was '" + value + "'");
  }
}
