package io.github.persistentassignment.storage.dynamodb;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Sends the storage's requests: each under a {@link Deadline}, within {@code maxConnections} for a
 * client the builder created, and with the failures that need explaining (a missing table, a
 * timeout) turned into a {@link DynamoDbProblem} that says what to do.
 */
final class Requests {
  private final DynamoDbClient client;
  private final Table table;
  private final Duration operationTimeout;
  private final @Nullable Duration clientApiCallTimeout;
  private final @Nullable Semaphore connections;
  private final int maxConnections;

  /**
   * @param maxConnections the most requests in flight at once, or 0 for no bound of ours (a
   *     caller's client, whose HTTP client has its own)
   */
  Requests(DynamoDbClient client, Table table, Duration operationTimeout, int maxConnections) {
    this.client = client;
    this.table = table;
    this.operationTimeout = operationTimeout;
    this.clientApiCallTimeout = Deadline.apiCallTimeoutOf(client);
    this.maxConnections = maxConnections;
    this.connections = maxConnections > 0 ? new Semaphore(maxConnections, true) : null;
  }

  DynamoDbClient client() {
    return client;
  }

  String tableName() {
    return table.name();
  }

  /** A deadline of one {@code operationTimeout} from now. */
  Deadline deadline() {
    return Deadline.after(operationTimeout, clientApiCallTimeout);
  }

  /**
   * Starts an operation: a deadline from now, by which the table must also have been checked (and
   * created) when {@code createTableIfMissing} asks for it and no earlier call has done so.
   */
  Deadline start() {
    Deadline deadline = deadline();
    table.ensureReady(this, deadline);
    return deadline;
  }

  /**
   * Sends one request of an operation on the table's items.
   *
   * @throws DynamoDbProblem if the table is missing or the deadline passed
   */
  <T> T send(Deadline deadline, Supplier<T> request) {
    try {
      return sendForTable(deadline, request);
    } catch (ResourceNotFoundException e) {
      throw table.missing(e);
    }
  }

  /**
   * Sends one request, leaving a missing table to the caller (the table check, for which it means
   * "create it").
   *
   * @throws DynamoDbProblem if the deadline passed
   */
  <T> T sendForTable(Deadline deadline, Supplier<T> request) {
    acquire(deadline);
    try {
      return deadline.run(request);
    } catch (ApiCallTimeoutException e) {
      // The SDK's message gives the time that was left for the last request, not the timeout.
      throw new DynamoDbProblem(
          "DynamoDB did not answer within operationTimeout ("
              + operationTimeout.toMillis()
              + " ms)",
          e);
    } finally {
      if (connections != null) {
        connections.release();
      }
    }
  }

  private void acquire(Deadline deadline) {
    if (connections == null) {
      return;
    }
    try {
      long waitNanos = Math.max(0, deadline.remaining().toNanos());
      if (!connections.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        throw new DynamoDbProblem(
            "all "
                + maxConnections
                + " connections (maxConnections) stayed busy for operationTimeout ("
                + operationTimeout.toMillis()
                + " ms)",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DynamoDbProblem("interrupted while waiting for a connection", e);
    }
  }
}
