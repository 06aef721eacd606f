package io.github.persistentassignment.internal;

/**
 * Quotes text that came from a caller or a backend (a storage key, a driver's message) into an
 * exception message: control characters escaped, at most {@link #MAX_CHARS} characters kept. A key
 * of any length or content then yields a message of a few hundred characters, on one line.
 */
public final class Quoting {
  /** How many characters of a quoted key a message keeps. */
  public static final int MAX_CHARS = 200;

  /** How many characters of a reason (a driver's message, an adapter's explanation) it keeps. */
  public static final int MAX_REASON_CHARS = 600;

  private Quoting() {}

  /**
   * The text in single quotes, escaped and cut: {@code 'alice:userID'}, or {@code 'aaaa…' (100000
   * characters)} when longer than {@link #MAX_CHARS}.
   *
   * @param text the text to quote
   * @return the quoted text
   */
  public static String quote(String text) {
    return "'"
        + escape(text)
        + "'"
        + (text.length() > MAX_CHARS ? " (" + text.length() + " characters)" : "");
  }

  /**
   * The text escaped and cut to {@link #MAX_CHARS} characters (with {@code …} when cut), without
   * quotes: for a driver's message that follows a colon.
   *
   * @param text the text
   * @return the escaped text
   */
  public static String escape(String text) {
    return escape(text, MAX_CHARS, true);
  }

  /**
   * A reason for a message: control characters escaped (quotes kept as they are), cut to {@link
   * #MAX_REASON_CHARS} characters. A driver's message may quote the key it was sent, so it is
   * bounded too.
   *
   * @param text the reason
   * @return the escaped reason
   */
  public static String reason(String text) {
    return escape(text, MAX_REASON_CHARS, false);
  }

  private static String escape(String text, int max, boolean quotes) {
    int end = Math.min(text.length(), max);
    StringBuilder out = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append(quotes ? "\\\\" : "\\");
        case '\'' -> out.append(quotes ? "\\'" : "'");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (text.length() > end) {
      out.append('…');
    }
    return out.toString();
  }
}
