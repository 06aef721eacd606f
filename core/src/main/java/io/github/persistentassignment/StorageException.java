package io.github.persistentassignment;

import io.github.persistentassignment.internal.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A storage backend failed: it could not be reached, timed out, refused the request or answered
 * with something the adapter could not use.
 *
 * <p>Unchecked, and the root of the one exception family adapters throw. The message names the
 * operation and the storage key; the driver's own exception is the cause. "Not found" is never a
 * {@code StorageException}: a missing entry is an empty result.
 *
 * <p>The key holds a user ID, and the driver's message that follows it may quote what was sent, so
 * treat the message as personal data: log it where you would log user IDs. This library's own
 * warnings name the operation and the exception types only, and log the exception at DEBUG.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and the driver exception that caused it.
   *
   * @param message what failed, naming the operation and the storage key
   * @param cause the driver's exception, or {@code null}
   */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message only.
   *
   * @param message what failed, naming the operation and the storage key
   */
  public StorageException(String message) {
    super(message);
  }

  /**
   * Builds the standard message for a failed operation: {@code "<operation> failed for key '<key>':
   * <cause message>"}.
   *
   * @param operation the storage operation, such as {@code "load"} or {@code "saveIfAbsent"}
   * @param key the storage key the operation was for
   * @param cause the driver's exception
   * @return the exception to throw
   */
  public static StorageException of(String operation, String key, Throwable cause) {
    return new StorageException(
        operation + " failed for key " + Quoting.quote(key) + ": " + describe(cause), cause);
  }

  /**
   * Builds the standard message for an operation that failed with a reason of the adapter's own:
   * {@code "<operation> failed for key '<key>': <reason>"}.
   *
   * @param operation the storage operation
   * @param key the storage key the operation was for
   * @param reason what went wrong
   * @return the exception to throw
   */
  public static StorageException of(String operation, String key, String reason) {
    return new StorageException(
        operation + " failed for key " + Quoting.quote(key) + ": " + Quoting.reason(reason));
  }

  /**
   * Builds the message of an operation over every key, such as a purge or an enumeration: {@code
   * "<operation> failed: <cause message>"}.
   *
   * @param operation what failed, such as {@code "purge of config 'old_test'"}
   * @param cause the driver's exception
   * @return the exception to throw
   */
  public static StorageException of(String operation, Throwable cause) {
    return new StorageException(operation + " failed: " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getName() : Quoting.reason(message);
  }
}
