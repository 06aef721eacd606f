package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.storage.jdbc.Dialect;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's JDBC code and DDL must match the compiled example and the shipped resources. */
class JdbcReadmeSnippetsTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path README = MODULE.getParent().resolve("README.md");
  private static final Path TESTS = MODULE.resolve("src/test/java/io/github/persistentassignment");

  @ParameterizedTest(name = "README shows the {0} region of {1} verbatim")
  @CsvSource({"jdbc-datasource, examples/JdbcExample.java", "jdbc-url, examples/JdbcExample.java"})
  void readmeMatchesCompiledCode(String tag, String source) throws IOException {
    String snippet = region(Files.readAllLines(TESTS.resolve(source), StandardCharsets.UTF_8), tag);
    assertThat(readme())
        .as("README.md must contain the '%s' region of %s in a java block", tag, source)
        .contains("```java\n" + snippet + "```\n");
  }

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

  /** The lines between {@code // tag::NAME[]} and {@code // end::NAME[]}, de-indented. */
  static String region(List<String> lines, String tag) {
    int start = indexOfMarker(lines, "tag::" + tag + "[]") + 1;
    int end = indexOfMarker(lines, "end::" + tag + "[]");
    List<String> body = lines.subList(start, end);
    int indent =
        body.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return body.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static int indexOfMarker(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// " + marker)) {
        return i;
      }
    }
    throw new AssertionError("marker '// " + marker + "' not found");
  }
}
