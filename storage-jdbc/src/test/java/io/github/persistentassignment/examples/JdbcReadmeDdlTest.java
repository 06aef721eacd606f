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
 * The README's JDBC DDL must match the shipped resources. (Its code blocks are checked with every
 * other module's by storage-memory's {@code ReadmeSnippetsTest}.)
 */
class JdbcReadmeDdlTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path README = MODULE.getParent().resolve("README.md");

  @ParameterizedTest(name = "README shows the {0} DDL as shipped")
  @EnumSource(Dialect.class)
  void readmeShowsShippedDdl(Dialect dialect) throws IOException {
    String ddl = JdbcPersistentStorage.schemaSql(dialect, JdbcPersistentStorage.DEFAULT_TABLE);
    assertThat(readme())
        .as("README.md must show %s with the default table name", dialect.schemaResource())
        .contains("```sql\n" + ddl + "```\n");
  }

  private static String readme() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }
}
