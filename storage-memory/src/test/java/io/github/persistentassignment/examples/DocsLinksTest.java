package io.github.persistentassignment.examples;

import static io.github.persistentassignment.examples.DocPages.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The pages hold together: every relative link between Markdown files (and to other files of the
 * repository) resolves, anchors included; README links every page of docs/; and each page of docs/
 * starts by saying what it answers and ends with links to the related pages.
 */
class DocsLinksTest {
  /** {@code [text](target)}; the target ends at the first space or closing parenthesis. */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");

  @TestFactory
  Stream<DynamicTest> everyRelativeLinkResolves() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : DocPages.allMarkdown()) {
      for (String target : relativeLinks(page)) {
        tests.add(
            DynamicTest.dynamicTest(
                ROOT.relativize(page) + " → " + target, () -> assertResolves(page, target)));
      }
    }
    assertThat(tests).as("relative links in the repository's Markdown").hasSizeGreaterThan(50);
    return tests.stream();
  }

  @Test
  void readmeLinksEveryPageOfDocs() {
    Set<Path> linked =
        relativeLinks(ROOT.resolve("README.md")).stream()
            .map(target -> ROOT.resolve(pathPart(target)).normalize())
            .collect(Collectors.toSet());
    assertThat(DocPages.docsPages())
        .as("pages of docs/ that README.md links to")
        .allSatisfy(page -> assertThat(linked).as("README.md links to %s", page).contains(page));
  }

  @TestFactory
  Stream<DynamicTest> everyPageSaysWhatItAnswersAndEndsWithRelatedLinks() {
    return DocPages.docsPages().stream()
        .map(
            page ->
                DynamicTest.dynamicTest(
                    ROOT.relativize(page).toString(),
                    () -> {
                      List<String> lines = List.of(DocPages.read(page).split("\n"));
                      assertThat(lines.get(0)).as("%s: title", page).startsWith("# ");
                      assertThat(lines.get(2))
                          .as("%s: the paragraph under the title says what the page answers", page)
                          .isNotBlank()
                          .doesNotStartWith("#")
                          .doesNotStartWith("```");
                      int related = lines.lastIndexOf("## Related");
                      assertThat(related)
                          .as("%s ends with a '## Related' section", page)
                          .isPositive();
                      List<String> rest =
                          lines.subList(related + 1, lines.size()).stream()
                              .filter(line -> !line.isBlank())
                              .collect(Collectors.toList());
                      assertThat(rest)
                          .as("%s: '## Related' lists links and nothing else", page)
                          .isNotEmpty()
                          .allMatch(line -> line.matches("- \\[[^\\]]+]\\([^)]+\\).*"));
                    }));
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String anchorOf(String heading) {
    StringBuilder anchor = new StringBuilder();
    heading
        .toLowerCase(java.util.Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                anchor.append('-');
              } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                anchor.appendCodePoint(c);
              }
            });
    return anchor.toString();
  }

  @Test
  void anchorsAreGitHubs() {
    assertThat(anchorOf("TTL and `purgeExpired()`")).isEqualTo("ttl-and-purgeexpired");
    assertThat(anchorOf("Anonymous → logged in, and versions"))
        .isEqualTo("anonymous--logged-in-and-versions");
    assertThat(anchorOf("JDBC: PostgreSQL, MariaDB/MySQL"))
        .isEqualTo("jdbc-postgresql-mariadbmysql");
  }

  private static void assertResolves(Path page, String target) {
    String path = pathPart(target);
    Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    assertThat(file)
        .as("%s links to %s, which does not exist", ROOT.relativize(page), target)
        .exists();
    int hash = target.indexOf('#');
    if (hash >= 0) {
      String anchor = target.substring(hash + 1);
      assertThat(file.toString())
          .as("%s: an anchor (%s) only makes sense on a Markdown page", page, target)
          .endsWith(".md");
      assertThat(anchors(file))
          .as("%s links to %s, but %s has no such heading", ROOT.relativize(page), target, file)
          .contains(anchor);
    }
  }

  /** The anchors of a page's headings, with GitHub's -1, -2 … for repeated ones. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : DocPages.proseLines(DocPages.read(page))) {
      if (line.startsWith("#")) {
        String anchor = anchorOf(line.replaceFirst("^#+\\s*", "").strip());
        int count = seen.merge(anchor, 1, Integer::sum);
        anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
      }
    }
    return anchors;
  }

  private static List<String> relativeLinks(Path page) {
    List<String> targets = new ArrayList<>();
    for (String line : DocPages.proseLines(DocPages.read(page))) {
      Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (link.find()) {
        String target = link.group(1);
        if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          targets.add(target);
        }
      }
    }
    return targets;
  }

  private static String pathPart(String target) {
    int hash = target.indexOf('#');
    return hash < 0 ? target : target.substring(0, hash);
  }
}
