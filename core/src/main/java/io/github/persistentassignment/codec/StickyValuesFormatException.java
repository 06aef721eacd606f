package io.github.persistentassignment.codec;

/**
 * A stored entry is not a valid {@link io.github.persistentassignment.StickyValues} document. The
 * message says where in the document and what was expected; adapters skip such an entry and log it
 * rather than failing the whole load.
 */
public final class StickyValuesFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   * @param cause the parser's exception, or null
   */
  public StickyValuesFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public StickyValuesFormatException(String message) {
    super(message);
  }
}
