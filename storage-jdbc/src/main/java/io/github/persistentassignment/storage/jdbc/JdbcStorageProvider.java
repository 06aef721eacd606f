package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageProvider;
import io.github.persistentassignment.spi.StoreOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code jdbc:…} and {@code sqlite:PATH} URLs for {@link
 * io.github.persistentassignment.PersistentStorages}.
 *
 * <ul>
 *   <li>{@code jdbc:…} — any JDBC URL whose driver is on the class path, such as {@code
 *       jdbc:postgresql://db:5432/app}. The table must exist unless {@code
 *       createTableIfMissing=true} is given — except for {@code jdbc:sqlite:}, where it is created.
 *   <li>{@code sqlite:PATH} — shorthand for {@code jdbc:sqlite:PATH}: an embedded SQLite database
 *       file, created with its table on first use.
 * </ul>
 *
 * <p>Options, each a builder setting of the same name: {@code tableName}, {@code dialect} ({@code
 * POSTGRESQL}, {@code MARIADB}, {@code SQLITE}, {@code H2}), {@code createTableIfMissing}, {@code
 * expireAfter}, {@code maxValueBytes}, {@code operationTimeout}, {@code maxConnections}, {@code
 * poolTimeout}, {@code connectTimeout}; and {@code user} and {@code password} for the connection.
 * Durations are written {@code 500ms}, {@code 2s}, {@code 30d} or in ISO-8601. An unknown option is
 * an {@link IllegalArgumentException} listing the known ones.
 *
 * <pre>{@code
 * PersistentStorage storage =
 *     PersistentStorages.open(
 *         "jdbc:postgresql://db:5432/app",
 *         Map.of("user", "app", "password", secret, "createTableIfMissing", "true"));
 * }</pre>
 */
public final class JdbcStorageProvider implements StorageProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JdbcStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("jdbc", "sqlite");
  }

  @Override
  public PersistentStorage open(String url, Map<String, String> options) {
    String jdbcUrl = jdbcUrl(url);
    StoreOptions read = StoreOptions.of("JDBC", options);
    String user = read.string("user").orElse(null);
    String password = read.string("password").orElse(null);
    JdbcPersistentStorage.Builder builder =
        user == null
            ? JdbcPersistentStorage.builder(jdbcUrl)
            : JdbcPersistentStorage.builder(jdbcUrl, user, password);
    if (user == null && password != null) {
      throw new IllegalArgumentException("option password needs the option user");
    }
    boolean embedded = jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
    read.string("tableName").ifPresent(builder::tableName);
    read.string("dialect").map(JdbcStorageProvider::dialect).ifPresent(builder::dialect);
    builder.createTableIfMissing(read.bool("createTableIfMissing").orElse(embedded));
    read.duration("expireAfter").ifPresent(builder::expireAfter);
    read.count("maxValueBytes").ifPresent(builder::maxValueBytes);
    read.duration("operationTimeout").ifPresent(builder::operationTimeout);
    read.count("maxConnections").ifPresent(builder::maxConnections);
    read.duration("poolTimeout").ifPresent(builder::poolTimeout);
    read.duration("connectTimeout").ifPresent(builder::connectTimeout);
    read.rejectUnknown();
    return builder.build();
  }

  private static String jdbcUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isBlank()) {
        throw new IllegalArgumentException("sqlite: URL needs a file path, as in sqlite:./app.db");
      }
      return "jdbc:sqlite:" + path;
    }
    if (lower.startsWith("jdbc:")) {
      return url;
    }
    throw new IllegalArgumentException("not a jdbc: or sqlite: URL: " + url);
  }

  private static Dialect dialect(String name) {
    try {
      return Dialect.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option dialect of a JDBC store must be one of "
              + java.util.List.of(Dialect.values())
              + ", was '"
              + name
              + "'",
          e);
    }
  }
}
