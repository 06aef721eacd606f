package io.github.persistentassignment.storage.jdbc;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated, unquoted SQL table name, optionally qualified by a schema. Only letters, digits and
 * underscores are allowed, so the name can be written into SQL text without quoting or injection.
 */
record TableName(@Nullable String schema, String name) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  static TableName parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("tableName must not be null or blank");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 2) {
      throw invalid(text);
    }
    for (String part : parts) {
      if (!IDENTIFIER.matcher(part).matches()) {
        throw invalid(text);
      }
    }
    return parts.length == 2 ? new TableName(parts[0], parts[1]) : new TableName(null, parts[0]);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "tableName must be an SQL identifier, optionally schema-qualified (letters, digits and"
            + " underscores, not starting with a digit, at most 63 characters each), was '"
            + text
            + "'");
  }

  /** The name as written in SQL: {@code schema.name} or {@code name}. */
  String qualified() {
    return schema == null ? name : schema + "." + name;
  }

  /** The name of the expiry index, qualified by the schema when the dialect wants it. */
  String expiryIndex(Dialect dialect) {
    return index(dialect, "_expires_at");
  }

  /** The name of the config_name index (what purge uses), qualified like the expiry index. */
  String configIndex(Dialect dialect) {
    return index(dialect, "_config_name");
  }

  private String index(Dialect dialect, String suffix) {
    String index = name + suffix;
    return dialect.schemaQualifiedIndex() && schema != null ? schema + "." + index : index;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
