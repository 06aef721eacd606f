package io.github.persistentassignment.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's documentation as the tests read it: README.md and every page under docs/, plus the
 * other Markdown files a reader is linked to (the benchmarks' README and report).
 */
final class DocPages {
  /** The repository root: this module's parent folder. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private DocPages() {}

  /** README.md and docs/*.md: the pages whose code must come from compiled code. */
  static Map<Path, String> userPages() {
    Map<Path, String> pages = new LinkedHashMap<>();
    pages.put(ROOT.resolve("README.md"), read(ROOT.resolve("README.md")));
    for (Path page : docsPages()) {
      pages.put(page, read(page));
    }
    return pages;
  }

  /** The pages under docs/, sorted. */
  static List<Path> docsPages() {
    return markdownUnder(ROOT.resolve("docs"));
  }

  /** Every Markdown file of the repository outside build output, sorted. */
  static List<Path> allMarkdown() {
    return markdownUnder(ROOT);
  }

  /** The page's lines outside fenced code blocks; the blocks' lines are replaced by blanks. */
  static List<String> proseLines(String page) {
    List<String> lines = new ArrayList<>();
    boolean inFence = false;
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
        lines.add("");
      } else {
        lines.add(inFence ? "" : line);
      }
    }
    return lines;
  }

  /** The bodies of the page's fenced blocks of the given language, each ending with a newline. */
  static List<String> fencedBlocks(String page, String language) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : page.split("\n", -1)) {
      if (block == null && line.equals("```" + language)) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> markdownUnder(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(path -> path.toString().endsWith(".md"))
          .filter(path -> !ROOT.relativize(path).toString().contains("target/"))
          .filter(path -> !ROOT.relativize(path).getName(0).toString().startsWith("."))
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
