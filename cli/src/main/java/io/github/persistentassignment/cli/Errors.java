package io.github.persistentassignment.cli;

import io.github.persistentassignment.StorageException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.jspecify.annotations.Nullable;

/** Turns an exception into the one line a user reads. */
final class Errors {
  private Errors() {}

  static String describe(Throwable failure) {
    String message = firstLine(failure.getMessage());
    if (failure instanceof StorageException) {
      return "storage error: " + message;
    }
    if (failure instanceof UncheckedIOException io) {
      Throwable cause = io.getCause();
      if (cause instanceof NoSuchFileException missing) {
        return "no such file: " + missing.getFile();
      }
      return "I/O error: " + firstLine(cause == null ? message : cause.getMessage());
    }
    if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
      return message;
    }
    return failure.getClass().getSimpleName() + ": " + message;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
