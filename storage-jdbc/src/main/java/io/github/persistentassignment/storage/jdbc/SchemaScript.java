package io.github.persistentassignment.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A dialect's DDL resource with the table name filled in, split into statements. */
final class SchemaScript {
  private SchemaScript() {}

  /**
   * The resource's text with {@code ${table}}, {@code ${table_name}}, {@code ${index}} and {@code
   * ${config_index}} set.
   */
  static String text(Dialect dialect, TableName table) {
    String resource = dialect.schemaResource();
    try (InputStream in = SchemaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${table}", table.qualified())
          .replace("${table_name}", table.name())
          .replace("${config_index}", table.configIndex(dialect))
          .replace("${index}", table.expiryIndex(dialect));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }

  /** The statements of the script: comment lines dropped, split at semicolons ending a line. */
  static List<String> statements(Dialect dialect, TableName table) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text(dialect, table).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
