package io.github.persistentassignment.catalog;

/**
 * A catalog document that is not valid JSON, or not a valid catalog. The message names the source,
 * the place (a JSON pointer, and the line and column) and what was expected there, such as {@code
 * experiments.json: /experiments/0/groups/1/weight (line 12, column 20): expected a number, found a
 * string "fifty"}.
 */
public final class CatalogFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The source name. */
  private final String sourceName;

  /** The JSON pointer of the offending element; empty for the document itself. */
  private final String pointer;

  /** The 1-based line, or -1 when unknown. */
  private final int line;

  /** The 1-based column, or -1 when unknown. */
  private final int column;

  /** The problem alone, without the place. */
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param sourceName the document's name, such as its file name
   * @param pointer the JSON pointer of the offending element; empty for the whole document
   * @param line the 1-based line, or -1 when unknown
   * @param column the 1-based column, or -1 when unknown
   * @param problem what is wrong, such as {@code expected a number, found a string "fifty"}
   * @param cause the parser's exception, or null
   */
  public CatalogFormatException(
      String sourceName,
      String pointer,
      int line,
      int column,
      String problem,
      @org.jspecify.annotations.Nullable Throwable cause) {
    super(format(sourceName, pointer, line, column, problem), cause);
    this.sourceName = sourceName;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String format(
      String sourceName, String pointer, int line, int column, String problem) {
    String where = pointer.isEmpty() ? "(document root)" : pointer;
    String position = line > 0 ? " (line " + line + ", column " + column + ")" : "";
    return sourceName + ": " + where + position + ": " + problem;
  }

  /**
   * The name of the document.
   *
   * @return the source name, such as a file name
   */
  public String sourceName() {
    return sourceName;
  }

  /**
   * Where the problem is, as a JSON pointer (RFC 6901).
   *
   * @return the pointer, such as {@code /experiments/0/groups/1/weight}; empty for the document
   */
  public String pointer() {
    return pointer;
  }

  /**
   * The line of the problem.
   *
   * @return the 1-based line, or -1 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * The column of the problem.
   *
   * @return the 1-based column, or -1 when unknown
   */
  public int column() {
    return column;
  }

  /**
   * What is wrong, without the place.
   *
   * @return the problem, such as {@code expected a number, found a string "fifty"}
   */
  public String problem() {
    return problem;
  }
}
