package io.github.persistentassignment.benchmarks.report;

/**
 * The root README's performance summary: the targets table, written between two marker lines so
 * that the rest of the README stays the author's.
 */
final class ReadmeSummary {
  static final String BEGIN = "<!-- performance-summary:begin -->";
  static final String END = "<!-- performance-summary:end -->";

  private ReadmeSummary() {}

  /**
   * The README with the text between the markers replaced.
   *
   * @param readme the README's text
   * @param summary the new text between the markers
   * @return the new README
   * @throws IllegalStateException if the markers are missing or out of order
   */
  static String replace(String readme, String summary) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          "README.md has no performance summary to replace: it needs the lines "
              + BEGIN
              + " and "
              + END
              + " (in that order) around the targets table in its Performance section");
    }
    return readme.substring(0, begin + BEGIN.length())
        + "\n"
        + summary
        + (summary.endsWith("\n") ? "" : "\n")
        + readme.substring(end);
  }
}
