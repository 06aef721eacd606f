package io.github.persistentassignment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.cli.CliProcess.Result;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The help text at 80 and 120 columns never breaks a line inside a word or a URL: every word it
 * prints is a word of the same help laid out 400 columns wide, and no line is wider than asked
 * unless it is one unbreakable word.
 */
@DisplayName("--help, laid out at the terminal's width")
class CliHelpIT {
  private static final List<String> COMMANDS =
      List.of(
          "", "demo", "assign", "inspect", "delete", "copy", "check", "bench", "keys", "stats",
          "purge", "forget");

  @TempDir Path folder;

  static Stream<Arguments> widths() {
    return Stream.of(80, 120)
        .flatMap(width -> COMMANDS.stream().map(command -> Arguments.of(width, command)));
  }

  private Result help(int width, String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    return CliProcess.run(folder, Map.of("COLUMNS", String.valueOf(width)), args);
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.asList(text.split("\\s+")));
  }

  @ParameterizedTest(name = "{1} --help at {0} columns")
  @MethodSource("widths")
  void wrapsBetweenWords(int width, String command) {
    Result narrow = help(width, command);
    assertThat(narrow.exitCode()).as(narrow.toString()).isZero();
    Set<String> unbroken = words(help(400, command).out());
    for (String word : words(narrow.out())) {
      assertThat(unbroken).as("'%s' is a whole word of the help (%s)", word, narrow).contains(word);
    }
    narrow
        .out()
        .lines()
        .filter(line -> line.length() > width)
        .forEach(
            line ->
                assertThat(line.strip())
                    .as("a line wider than %d columns must be one word", width)
                    .doesNotContain(" "));
  }
}
