package io.github.persistentassignment.storage.dynamodb;

import org.jspecify.annotations.Nullable;

/**
 * A failure this adapter explains itself (a missing table, a timeout, a key DynamoDB would refuse):
 * its message is the reason core puts after the operation and the key when it wraps it in a {@link
 * io.github.persistentassignment.StorageException}; the SDK's exception, if any, is its cause.
 */
final class DynamoDbProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DynamoDbProblem(String reason, @Nullable Throwable cause) {
    super(reason, cause);
  }
}
