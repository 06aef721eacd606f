package io.github.persistentassignment.codec;

/**
 * A stored entry is not a valid {@link io.github.persistentassignment.StickyValues} document. The
 * message says where in the document and what was expected, quoting what was found; adapters skip
 * such an entry and log it rather than failing the whole load, with {@link #contentFreeMessage()}.
 */
public final class StickyValuesFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Said of an entry when nothing more can be said without quoting it. */
  private static final String NOT_A_DOCUMENT = "Stored entry: not a valid document";

  /** The message without the document's text, for logs. */
  private final String contentFreeMessage;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   * @param cause the parser's exception, or null
   */
  public StickyValuesFormatException(String message, Throwable cause) {
    this(message, NOT_A_DOCUMENT, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public StickyValuesFormatException(String message) {
    super(message);
    this.contentFreeMessage = NOT_A_DOCUMENT;
  }

  StickyValuesFormatException(String message, String contentFreeMessage, Throwable cause) {
    super(message, cause);
    this.contentFreeMessage = contentFreeMessage;
  }

  StickyValuesFormatException(String message, String contentFreeMessage) {
    super(message);
    this.contentFreeMessage = contentFreeMessage;
  }

  /**
   * The message without any text of the stored document: where the problem is (JSON pointer, line
   * and column) and what was expected, but not what was found there. Stored entries hold user data,
   * so this is what goes into logs.
   *
   * @return the message, safe to log
   */
  public String contentFreeMessage() {
    return contentFreeMessage;
  }
}
