package io.github.persistentassignment.storage.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL dialects {@link JdbcPersistentStorage} speaks. Detected, on first use, from the
 * connection's {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name} unless set
 * on the builder. Each constant only selects a package-private class that owns the dialect's SQL,
 * its {@code saveIfAbsent} statement and its error codes.
 */
public enum Dialect {
  /** PostgreSQL 12 or newer: the reference database. */
  POSTGRESQL("postgresql", false),
  /**
   * MariaDB 10.5 or newer, and MySQL 8: keys are stored as UTF-8 {@code VARBINARY}. On MySQL, which
   * lacks MariaDB's {@code INSERT … RETURNING}, a {@code saveIfAbsent} that finds an entry takes
   * more than one statement.
   */
  MARIADB("mariadb", false),
  /** SQLite 3.35 or newer (sqlite-jdbc). */
  SQLITE("sqlite", true),
  /** H2 2.x, embedded or server. */
  H2("h2", true);

  private final String resourceSuffix;
  private final boolean schemaQualifiedIndex;

  Dialect(String resourceSuffix, boolean schemaQualifiedIndex) {
    this.resourceSuffix = resourceSuffix;
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

  /** Whether an index name carries the table's schema (SQLite, H2) or not (PostgreSQL, MariaDB). */
  boolean schemaQualifiedIndex() {
    return schemaQualifiedIndex;
  }

  /**
   * The class that speaks this dialect to the connected server. MariaDB's needs the server's
   * product and version: MySQL and MariaDB before 10.5 have no {@code INSERT … RETURNING}.
   */
  DialectSql sql(TableName table, DatabaseMetaData server) throws SQLException {
    return switch (this) {
      case POSTGRESQL -> new PostgresSql(table);
      case MARIADB -> new MariaDbSql(table, MariaDbSql.supportsReturning(server));
      case SQLITE -> new SqliteSql(table);
      case H2 -> new H2Sql(table);
    };
  }
}
