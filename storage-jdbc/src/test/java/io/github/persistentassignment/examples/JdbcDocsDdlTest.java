package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.storage.jdbc.Dialect;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DDL docs/jdbc.md shows must match the shipped resources. (Its code blocks are checked with
 * every other page's by storage-memory's {@code DocsSnippetsTest}.)
 */
class JdbcDocsDdlTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path PAGE = MODULE.getParent().resolve("docs/jdbc.md");

  @ParameterizedTest(name = "docs/jdbc.md shows the {0} DDL as shipped")
  @EnumSource(Dialect.class)
  void readmeShowsShippedDdl(Dialect dialect) throws IOException {
    String ddl = JdbcPersistentStorage.schemaSql(dialect, JdbcPersistentStorage.DEFAULT_TABLE);
    assertThat(page())
        .as("docs/jdbc.md must show %s with the default table name", dialect.schemaResource())
        .contains("```sql\n" + ddl + "```\n");
  }

  private static String page() throws IOException {
    return Files.readString(PAGE, StandardCharsets.UTF_8);
  }
}
