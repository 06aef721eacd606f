package io.github.persistentassignment.internal;

/** UTF-8 sizes, for checking a value against a backend's limit before anything is sent. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The number of bytes the text takes in UTF-8, without encoding it. An unpaired surrogate counts
   * as three bytes, more than the one {@code '?'} Java's encoder writes for it, so a limit check
   * errs on the safe side.
   *
   * @param text the text
   * @return its UTF-8 length in bytes
   */
  public static long length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
