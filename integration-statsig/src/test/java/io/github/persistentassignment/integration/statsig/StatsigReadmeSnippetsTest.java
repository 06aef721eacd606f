package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's Statsig code blocks must match the compiled, tested code they come from exactly. */
@DisplayName("The README's Statsig section")
class StatsigReadmeSnippetsTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path README = MODULE.getParent().resolve("README.md");
  private static final Path EXAMPLE =
      MODULE.resolve(
          "src/test/java/io/github/persistentassignment/integration/statsig/"
              + "StatsigReadmeExample.java");

  @ParameterizedTest(name = "shows the {0} region of StatsigReadmeExample verbatim")
  @ValueSource(strings = {"statsig-setup", "statsig-evaluate"})
  void readmeMatchesCompiledCode(String tag) throws IOException {
    String snippet = region(Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8), tag);
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertThat(readme)
        .as("README.md must contain the '%s' region of StatsigReadmeExample in a java block", tag)
        .contains("```java\n" + snippet + "```\n");
  }

  /** The lines between {@code // tag::NAME[]} and {@code // end::NAME[]}, de-indented. */
  private static String region(List<String> lines, String tag) {
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
