package io.github.persistentassignment.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on SQLite (a file) keeps any keys apart")
class SqliteStorageKeyPropertyTest extends JdbcStorageKeyProperties {
  /** No limits: SQLite's TEXT has none. */
  SqliteStorageKeyPropertyTest() {
    super(SqliteStorageKeyPropertyTest::inTargetFolder, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  private static TestDatabase inTargetFolder() {
    try {
      return TestDatabase.sqlite(Files.createTempDirectory(Path.of("target"), "sqlite-keys-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
