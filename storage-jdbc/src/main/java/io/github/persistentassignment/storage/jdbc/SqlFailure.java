package io.github.persistentassignment.storage.jdbc;

import java.sql.SQLException;

/**
 * A failed call, unchecked so that a raw operation can throw it; core turns it into the {@link
 * io.github.persistentassignment.StorageException} naming the operation and the key, with the
 * driver's exception as the cause of this one.
 */
final class SqlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SqlFailure(String message, SQLException cause) {
    super(message, cause);
  }
}
