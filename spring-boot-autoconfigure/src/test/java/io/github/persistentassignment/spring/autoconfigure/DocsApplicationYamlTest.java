package io.github.persistentassignment.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md shows the sample application's {@code application.yml}, which the sample
 * tests start with: the YAML on the page is what runs.
 */
class DocsApplicationYamlTest {
  @Test
  void pageShowsTheSampleApplicationYamlVerbatim() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    String page =
        Files.readString(module.getParent().resolve("docs/spring-boot.md"), StandardCharsets.UTF_8);
    String yaml =
        Files.readString(
            module.resolve("src/test/resources/application.yml"), StandardCharsets.UTF_8);
    assertThat(page).contains("```yaml\n" + yaml + "```\n");
  }
}
