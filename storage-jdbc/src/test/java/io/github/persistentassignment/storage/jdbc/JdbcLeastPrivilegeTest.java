package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The SQL grants docs/jdbc.md shows ({@code src/test/resources/least-privilege/}; storage-memory's
 * DocsSnippetsTest checks docs/jdbc.md shows them), run exactly as written with a throwaway role
 * and the test's table: a role with only those grants can do everything the storage does, each
 * granted privilege is needed, and {@code createTableIfMissing(true)} needs the create grant.
 */
@DisplayName("docs/jdbc.md's least-privilege SQL grants")
class JdbcLeastPrivilegeTest {
  static final StickyValues VALUES = StickyValues.builder().value(true).groupName("Test").build();

  /**
   * One database: how to open it, its admin URL, its grant files ({@code <name>-grants.sql} and
   * {@code <name>-create-grants.sql}) and its statements, with {@code {role}}, {@code {password}}
   * and {@code {table}} filled in.
   */
  record Database(
      Supplier<TestDatabase> open,
      Supplier<String> adminUrl,
      String name,
      String createRole,
      String revokeAll,
      List<String> dropRole) {}

  abstract static class Grants {
    final String role = "pa_grant_" + UUID.randomUUID().toString().substring(0, 8);
    final String password = UUID.randomUUID().toString();
    final Database db;
    TestDatabase database;

    Grants(Database db) {
      this.db = db;
    }

    @BeforeEach
    void setUp() {
      database = db.open().get();
      database.execute(fill(db.createRole()));
    }

    @AfterEach
    void tearDown() {
      try {
        db.dropRole().forEach(statement -> database.execute(fill(statement)));
      } finally {
        database.close();
      }
    }

    private String fill(String template) {
      return template
          .replace("{role}", role)
          .replace("{password}", password)
          .replace("{table}", database.tableName());
    }

    /** docs/jdbc.md's text with this test's role, database and table in place of the defaults. */
    private String localized(String text, String table) {
      return text.replace("pa_app", role)
          .replace(" app.", " " + databaseName() + ".")
          .replace("persistent_assignments", table)
          .strip()
          .replaceAll(";$", "");
    }

    private String databaseName() {
      String path = db.adminUrl().get().replaceFirst("^jdbc:[a-z]+://[^/]+/", "");
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }

    /** A storage logged in as the role, over a pool built from the admin's URL without its user. */
    private JdbcPersistentStorage.Builder asRole() {
      String url = db.adminUrl().get();
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
          .tableName(database.tableName())
          .maxConnections(2);
    }

    private String grants(String kind) {
      try {
        return Files.readString(
            Path.of("src/test/resources/least-privilege", db.name() + kind + ".sql"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    @DisplayName("let the role do every operation, with and without a TTL")
    void enough() {
      database.execute(localized(grants("-grants"), database.tableName()));
      everyOperation(asRole());
    }

    @Test
    @DisplayName("are each needed: without any one privilege an operation is refused")
    void eachNeeded() {
      String grants = grants("-grants");
      for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
        String without =
            grants.replace(privilege + ", ", "").replace(", " + privilege + " ON", " ON");
        assertThat(without).doesNotContain(privilege);
        database.execute(localized(without, database.tableName()));
        assertThatThrownBy(() -> everyOperation(asRole()))
            .as("every operation without %s", privilege)
            .isInstanceOf(StorageException.class);
        database.execute(fill(db.revokeAll()));
      }
    }

    @Test
    @DisplayName("need the create grant for createTableIfMissing(true), and it is then enough")
    void creating() {
      database.execute(localized(grants("-grants"), database.tableName()));
      String missing = "pa_missing_" + UUID.randomUUID().toString().substring(0, 8);
      try (JdbcPersistentStorage storage =
          asRole().tableName(missing).createTableIfMissing(true).build()) {
        assertThatThrownBy(() -> storage.load("grant:userID"))
            .as("creating a table with DML grants alone")
            .isInstanceOf(StorageException.class);
      }
      String created = "pa_created_" + UUID.randomUUID().toString().substring(0, 8);
      try {
        database.execute(localized(grants("-create-grants"), created));
        everyOperation(asRole().tableName(created).createTableIfMissing(true));
      } finally {
        database.execute("DROP TABLE IF EXISTS " + created);
      }
    }
  }

  /** Every operation: the table check, writes, reads, TTL paths, purges, scan, deletes. */
  static void everyOperation(JdbcPersistentStorage.Builder builder) {
    MutableClock clock = new MutableClock();
    builder.clock(clock);
    try (JdbcPersistentStorage storage = builder.build();
        JdbcPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
      String key = "grant-" + UUID.randomUUID() + ":userID";
      storage.save(key, "saved", VALUES);
      storage.save(key, "saved", VALUES);
      assertThat(storage.saveIfAbsent(key, "first", VALUES)).isEmpty();
      StickyValues other = StickyValues.builder().value(false).groupName("Control").build();
      assertThat(storage.saveIfAbsent(key, "first", other)).contains(VALUES);
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
      assertThat(storage.purge("first")).isEqualTo(1);
      storage.save(key, "again", VALUES);
      storage.deleteAll(key);
      assertThat(storage.load(key).asMap()).isEmpty();
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class Postgres extends Grants {
    Postgres() {
      super(
          new Database(
              TestDatabase::postgres,
              TestBackends::postgresUrl,
              "postgresql",
              "CREATE ROLE {role} LOGIN PASSWORD '{password}'",
              "REVOKE ALL ON {table} FROM {role}",
              List.of("DROP OWNED BY {role}", "DROP ROLE {role}")));
    }
  }

  @Nested
  @DisplayName("on MariaDB")
  class MariaDb extends Grants {
    MariaDb() {
      super(
          new Database(
              TestDatabase::mariadb,
              TestBackends::mariadbUrl,
              "mariadb",
              "CREATE USER '{role}'@'%' IDENTIFIED BY '{password}'",
              "REVOKE ALL PRIVILEGES ON {table} FROM '{role}'@'%'",
              List.of("DROP USER IF EXISTS '{role}'@'%'")));
    }
  }
}
