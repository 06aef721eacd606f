package io.github.persistentassignment.storage.redis;

/**
 * A failure of Redis or of the way to it, carrying the server's address and the whole chain of
 * causes in its message; core wraps it in a {@code StorageException} naming the operation and key.
 */
final class RedisCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RedisCallException(String endpoint, Throwable cause) {
    super(describe(cause) + " (" + endpoint + ")", cause);
  }

  /** The distinct messages of the cause chain, outermost first. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
