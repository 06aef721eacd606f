/**
 * JDBC storage for persistent assignment over HikariCP: PostgreSQL, MariaDB/MySQL, SQLite and H2.
 * The JDBC driver is the user's choice and is found through {@link java.sql.DriverManager} or the
 * caller's {@link javax.sql.DataSource}.
 */
module io.github.persistentassignment.storage.jdbc {
  requires transitive io.github.persistentassignment;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.slf4j;

  exports io.github.persistentassignment.storage.jdbc;

  provides io.github.persistentassignment.StorageProvider with
      io.github.persistentassignment.storage.jdbc.JdbcStorageProvider;
}
