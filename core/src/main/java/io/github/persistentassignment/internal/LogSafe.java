package io.github.persistentassignment.internal;

import org.slf4j.Logger;

/**
 * Logging that keeps personal data out of warnings. Storage keys hold user IDs, and exception
 * messages name the key (and a driver's message may quote what was sent), so warnings say what
 * failed and with which exception types, and the key and the full exception go to DEBUG. Stored
 * values are never logged.
 */
public final class LogSafe {
  private LogSafe() {}

  /**
   * The types of an exception and its causes, without their messages: {@code "StorageException,
   * caused by JedisConnectionException, caused by ConnectException"}.
   *
   * @param failure the exception
   * @return the simple class names, outermost first
   */
  public static String exceptionTypes(Throwable failure) {
    StringBuilder types = new StringBuilder(failure.getClass().getSimpleName());
    int depth = 0;
    for (Throwable cause = failure.getCause();
        cause != null && depth < 10;
        cause = cause.getCause(), depth++) {
      types.append(", caused by ").append(cause.getClass().getSimpleName());
      if (cause.getCause() == cause) {
        break;
      }
    }
    return types.toString();
  }

  /**
   * Logs a stored entry that cannot be read: a warning naming the config and the reason, and at
   * DEBUG the key as well.
   *
   * @param log the adapter's or the codec's logger
   * @param action what is done about it, such as {@code "Skipping"} or {@code "Replacing"}
   * @param key the storage key, logged at DEBUG only
   * @param configName the config (experiment or layer) name
   * @param reason why it cannot be read, without any of the stored text
   */
  public static void unreadableEntry(
      Logger log, String action, String key, String configName, String reason) {
    log.warn(
        "{} an unreadable stored entry for config '{}': {} (its key is logged at DEBUG)",
        action,
        configName,
        reason);
    log.debug("{} the unreadable stored entry of key '{}', config '{}'", action, key, configName);
  }
}
