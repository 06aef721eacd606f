package io.github.persistentassignment.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's "Spring Boot" section shows the sample application's {@code application.yml}, which the
 * sample tests start with: the YAML in the README is what runs.
 */
class ReadmeApplicationYamlTest {
  @Test
  void readmeShowsTheSampleApplicationYamlVerbatim() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    String readme =
        Files.readString(module.getParent().resolve("README.md"), StandardCharsets.UTF_8);
    String yaml =
        Files.readString(
            module.resolve("src/test/resources/application.yml"), StandardCharsets.UTF_8);
    assertThat(readme).contains("```yaml\n" + yaml + "```\n");
  }
}
