package io.github.persistentassignment.examples;

import static io.github.persistentassignment.examples.DocPages.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java snippet in README.md and docs/ is compiled, tested code, and every least-privilege
 * text the pages show is the one its module's tests run.
 *
 * <p>Example code in any module marks a region with {@code // tag::NAME[]} and {@code //
 * end::NAME[]}; the examples compile and run as tests in their own modules. Here each region,
 * de-indented, must appear on some page as a {@code java} block, and each {@code java} block on a
 * page must be such a region, so the pages' code cannot drift from code that works and no page can
 * show Java that was never compiled.
 *
 * <p>Likewise every file under a module's {@code src/test/resources/least-privilege/} (the Redis
 * ACL rules, SQL grants and IAM policy that module's tests run exactly as written) must appear on a
 * page verbatim, in a block of its language.
 */
class DocsSnippetsTest {
  private static final String TAG = "// tag::";
  private static final String END = "// end::";

  /** One tagged region of a source file. */
  record Region(Path source, String tag, String text) {}

  @TestFactory
  Stream<DynamicTest> everyTaggedRegionIsShownOnAPage() {
    Map<Path, String> pages = DocPages.userPages();
    List<Region> regions = taggedRegions();
    assertThat(regions)
        .as("tagged regions found under %s (the quick start, the kit and each backend)", ROOT)
        .hasSizeGreaterThanOrEqualTo(8);
    return regions.stream()
        .map(
            region ->
                DynamicTest.dynamicTest(
                    "a page shows the "
                        + region.tag()
                        + " region of "
                        + region.source().getFileName(),
                    () ->
                        assertThat(pages.values())
                            .as(
                                "README.md or a page of docs/ must contain the '%s' region of %s"
                                    + " in a java block",
                                region.tag(), ROOT.relativize(region.source()))
                            .anyMatch(
                                page -> page.contains("```java\n" + region.text() + "```\n"))));
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockIsATaggedRegion() {
    Set<String> regionTexts =
        taggedRegions().stream().map(Region::text).collect(Collectors.toSet());
    List<DynamicTest> tests = new ArrayList<>();
    DocPages.userPages()
        .forEach(
            (page, text) -> {
              List<String> blocks = DocPages.fencedBlocks(text, "java");
              for (int i = 0; i < blocks.size(); i++) {
                String block = blocks.get(i);
                tests.add(
                    DynamicTest.dynamicTest(
                        ROOT.relativize(page) + ", java block " + (i + 1),
                        () ->
                            assertThat(regionTexts)
                                .as(
                                    "%s shows a java block that is no tagged region of compiled"
                                        + " code (tag it in an example that runs as a test):%n%s",
                                    ROOT.relativize(page), block)
                                .contains(block)));
              }
            });
    assertThat(tests).as("java blocks on the pages").hasSizeGreaterThanOrEqualTo(8);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyLeastPrivilegeFileIsShownVerbatim() throws IOException {
    Map<Path, String> pages = DocPages.userPages();
    List<Path> files;
    try (Stream<Path> paths = Files.walk(ROOT)) {
      files =
          paths
              .filter(path -> path.toString().contains("/src/test/resources/least-privilege/"))
              .filter(Files::isRegularFile)
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files)
        .as("least-privilege files (Redis, PostgreSQL, MariaDB, DynamoDB)")
        .hasSizeGreaterThanOrEqualTo(8);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    "a page shows " + ROOT.relativize(file),
                    () -> {
                      String block =
                          "```"
                              + language(file)
                              + "\n"
                              + Files.readString(file, StandardCharsets.UTF_8)
                              + "```\n";
                      assertThat(pages.values())
                          .as("a page must show %s in a block of its language", file)
                          .anyMatch(page -> page.contains(block));
                    }));
  }

  /** The code block language of a file: {@code text}, {@code sql} or {@code json}. */
  private static String language(Path file) {
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return extension.equals("txt") ? "text" : extension;
  }

  private static List<Region> taggedRegions() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(path -> path.toString().endsWith(".java"))
          .filter(path -> path.toString().contains("/src/"))
          .filter(path -> !path.toString().contains("/target/"))
          .sorted()
          .flatMap(path -> regionsOf(path).stream())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Region> regionsOf(Path source) {
    List<String> lines;
    try {
      lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith(TAG) && line.endsWith("[]")) {
        String tag = line.substring(TAG.length(), line.length() - 2);
        int end = endOf(lines, i, tag);
        assertThat(end).as("%s: '%s%s[]' has no end marker", source, TAG, tag).isPositive();
        regions.add(new Region(source, tag, deindent(lines.subList(i + 1, end))));
      }
    }
    return regions;
  }

  /** The line of the region's end marker, or -1. */
  private static int endOf(List<String> lines, int start, String tag) {
    for (int j = start + 1; j < lines.size(); j++) {
      if (lines.get(j).strip().equals(END + tag + "[]")) {
        return j;
      }
    }
    return -1;
  }

  private static String deindent(List<String> body) {
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
}
