package io.github.persistentassignment.storage.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The SQL dialects {@link JdbcPersistentStorage} speaks. Detected from the connection's {@link
 * java.sql.DatabaseMetaData#getDatabaseProductName() product name} unless set on the builder.
 */
public enum Dialect {
  /** PostgreSQL 12 or newer: the reference database. */
  POSTGRESQL("postgresql", false, false),
  /** MariaDB 10.5 or newer, and MySQL 8: keys are stored as UTF-8 {@code VARBINARY}. */
  MARIADB("mariadb", true, false),
  /** SQLite 3.35 or newer (sqlite-jdbc). */
  SQLITE("sqlite", false, true),
  /** H2 2.x, embedded or server. */
  H2("h2", false, true);

  private final String resourceSuffix;
  private final boolean binaryKeys;
  private final boolean schemaQualifiedIndex;

  Dialect(String resourceSuffix, boolean binaryKeys, boolean schemaQualifiedIndex) {
    this.resourceSuffix = resourceSuffix;
    this.binaryKeys = binaryKeys;
    this.schemaQualifiedIndex = schemaQualifiedIndex;
  }

  /**
   * The dialect of a database product, as {@link
   * java.sql.DatabaseMetaData#getDatabaseProductName()} names it ("PostgreSQL", "MariaDB", "MySQL",
   * "SQLite", "H2").
   *
   * @param productName the product name reported by the driver
   * @return the dialect, or empty for a database this adapter does not speak
   */
  public static Optional<Dialect> fromProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return Optional.of(POSTGRESQL);
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return Optional.of(MARIADB);
    }
    if (name.contains("sqlite")) {
      return Optional.of(SQLITE);
    }
    if (name.equals("h2") || name.startsWith("h2 ")) {
      return Optional.of(H2);
    }
    return Optional.empty();
  }

  /**
   * The name of this dialect's DDL resource, such as {@code schema-postgresql.sql}, next to {@link
   * JdbcPersistentStorage} in the jar ({@code io/github/persistentassignment/storage/jdbc/}).
   *
   * @return the resource's file name
   */
  public String schemaResource() {
    return "schema-" + resourceSuffix + ".sql";
  }

  /** Whether keys are bound and read as UTF-8 bytes (binary columns compare byte for byte). */
  boolean binaryKeys() {
    return binaryKeys;
  }

  /** Whether an index name carries the table's schema (SQLite, H2) or not (PostgreSQL, MariaDB). */
  boolean schemaQualifiedIndex() {
    return schemaQualifiedIndex;
  }
}
