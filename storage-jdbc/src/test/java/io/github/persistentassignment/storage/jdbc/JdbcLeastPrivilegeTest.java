package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The SQL grants the README documents, run exactly as written (with a throwaway role and the test's
 * table): a role with only those grants can do everything the storage does, each granted privilege
 * is needed, and {@code createSchemaIfMissing(true)} needs the further grant the README names.
 */
@DisplayName("The README's least-privilege SQL grants")
class JdbcLeastPrivilegeTest {
  static final StickyValues VALUES = StickyValues.builder().value(true).groupName("Test").build();

  /** One database's grants and how to make and drop a login there. */
  abstract static class Grants {
    final String role = "pa_grant_" + UUID.randomUUID().toString().substring(0, 8);
    final String password = UUID.randomUUID().toString();
    TestDatabase database;

    abstract TestDatabase open();

    /** The admin's JDBC URL. */
    abstract String adminUrl();

    /** The grant files: DML on the table, and what creating the table needs. */
    abstract String dmlGrants();

    abstract String createGrants();

    abstract void createRole();

    abstract void dropRole();

    /** The README's text with this test's role, database and table in place of the defaults. */
    String localized(String text, String table) {
      return text.replace("pa_app", role)
          .replace(" app.", " " + databaseName() + ".")
          .replace("persistent_assignments", table);
    }

    String databaseName() {
      String path = adminUrl().substring(adminUrl().indexOf("//") + 2);
      path = path.substring(path.indexOf('/') + 1);
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }

    @BeforeEach
    void setUp() {
      database = open();
      createRole();
    }

    @AfterEach
    void tearDown() {
      try {
        dropRole();
      } finally {
        database.close();
      }
    }

    /** A storage logged in as the role, over a pool built from the admin's URL without its user. */
    JdbcPersistentStorage.Builder asRole() {
      String url = adminUrl();
      int query = url.indexOf('?');
      List<String> kept = new ArrayList<>();
      if (query >= 0) {
        for (String parameter : url.substring(query + 1).split("&")) {
          if (!parameter.startsWith("user=") && !parameter.startsWith("password=")) {
            kept.add(parameter);
          }
        }
        url = url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
      }
      return JdbcPersistentStorage.builder(url, role, password)
          .table(database.table())
          .maximumPoolSize(2);
    }

    void grant(String file, String table) {
      for (String statement : localized(resource(file), table).strip().split(";\n?")) {
        database.execute(statement);
      }
    }

    @Test
    @DisplayName("let the role do every operation, with and without a TTL")
    void enough() {
      grant(dmlGrants(), database.table());
      everyOperation(asRole());
    }

    @Test
    @DisplayName("are each needed: without any one privilege an operation is refused")
    void eachNeeded() {
      String grants = resource(dmlGrants());
      for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
        String without =
            grants.replace(privilege + ", ", "").replace(", " + privilege + " ON", " ON");
        assertThat(without).doesNotContain(privilege);
        database.execute(localized(without, database.table()).strip().replaceAll(";$", ""));
        assertThatThrownBy(() -> everyOperation(asRole()))
            .as("every operation without %s", privilege)
            .isInstanceOf(StorageException.class);
        revokeAll();
      }
    }

    @Test
    @DisplayName("need the create grant for createSchemaIfMissing(true), and it is then enough")
    void creating() {
      grant(dmlGrants(), database.table());
      assertThatThrownBy(() -> asRole().createSchemaIfMissing(true).build())
          .as("DML grants alone")
          .isInstanceOf(StorageException.class);
      String created = "pa_created_" + UUID.randomUUID().toString().substring(0, 8);
      try {
        grant(createGrants(), created);
        everyOperation(asRole().table(created).createSchemaIfMissing(true));
      } finally {
        database.execute("DROP TABLE IF EXISTS " + created);
      }
    }

    abstract void revokeAll();
  }

  /** Every operation: build (which reads the table), writes, reads, TTL paths, purge, scan. */
  static void everyOperation(JdbcPersistentStorage.Builder builder) {
    MutableClock clock = new MutableClock();
    builder.clock(clock);
    try (JdbcPersistentStorage storage = builder.build();
        JdbcPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
      String key = "grant-" + UUID.randomUUID() + ":userID";
      storage.save(key, "saved", VALUES);
      storage.save(key, "saved", VALUES);
      assertThat(storage.saveIfAbsent(key, "first", VALUES)).isEmpty();
      assertThat(storage.saveIfAbsent(key, "first", VALUES)).contains(VALUES);
      expiring.save(key, "expiring", VALUES);
      clock.advance(Duration.ofHours(2));
      assertThat(expiring.saveIfAbsent(key, "expiring", VALUES)).as("over the expired").isEmpty();
      clock.advance(Duration.ofHours(2));
      assertThat(expiring.purgeExpired()).isEqualTo(1);
      assertThat(storage.loadAll(List.of(key, "other:userID")).get(key).asMap())
          .containsOnlyKeys("saved", "first");
      List<String> listed = new ArrayList<>();
      storage.forEachEntry(entry -> listed.add(entry.configName()));
      assertThat(listed).contains("saved", "first");
      storage.delete(key, "saved");
      storage.delete(key, "first");
      assertThat(storage.load(key).asMap()).isEmpty();
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class Postgres extends Grants {
    @Override
    TestDatabase open() {
      return TestDatabase.postgres();
    }

    @Override
    String adminUrl() {
      return io.github.persistentassignment.conformance.TestBackends.postgresUrl();
    }

    @Override
    String dmlGrants() {
      return "postgresql-grants.sql";
    }

    @Override
    String createGrants() {
      return "postgresql-create-grants.sql";
    }

    @Override
    void createRole() {
      database.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
    }

    @Override
    void revokeAll() {
      database.execute("REVOKE ALL ON " + database.table() + " FROM " + role);
    }

    @Override
    void dropRole() {
      database.execute("DROP OWNED BY " + role);
      database.execute("DROP ROLE " + role);
    }
  }

  @Nested
  @DisplayName("on MariaDB")
  class MariaDb extends Grants {
    @Override
    TestDatabase open() {
      return TestDatabase.mariadb();
    }

    @Override
    String adminUrl() {
      return io.github.persistentassignment.conformance.TestBackends.mariadbUrl();
    }

    @Override
    String dmlGrants() {
      return "mariadb-grants.sql";
    }

    @Override
    String createGrants() {
      return "mariadb-create-grants.sql";
    }

    @Override
    void createRole() {
      database.execute("CREATE USER '" + role + "'@'%' IDENTIFIED BY '" + password + "'");
    }

    @Override
    void revokeAll() {
      database.execute(
          "REVOKE ALL PRIVILEGES ON "
              + databaseName()
              + "."
              + database.table()
              + " FROM '"
              + role
              + "'@'%'");
    }

    @Override
    void dropRole() {
      database.execute("DROP USER IF EXISTS '" + role + "'@'%'");
    }
  }

  @Test
  @DisplayName("are what the README shows")
  void readmeShowsTheGrants() throws IOException {
    String readme =
        Files.readString(
            Path.of("").toAbsolutePath().getParent().resolve("README.md"), StandardCharsets.UTF_8);
    for (String file :
        List.of(
            "postgresql-grants.sql",
            "postgresql-create-grants.sql",
            "mariadb-grants.sql",
            "mariadb-create-grants.sql")) {
      assertThat(readme).as(file).contains("```sql\n" + resource(file) + "```\n");
    }
  }

  static String resource(String name) {
    try (InputStream in =
        JdbcLeastPrivilegeTest.class.getResourceAsStream("/least-privilege/" + name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
