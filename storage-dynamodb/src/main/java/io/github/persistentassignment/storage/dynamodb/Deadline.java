package io.github.persistentassignment.storage.dynamodb;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * When a call on one entry must be over, however many requests it sends (pages of a Query, the
 * rounds of a conditional put), or one request of a bulk call (a query of {@code loadAll}, a page
 * or batch of {@code deleteAll}, {@code purge} and {@code forEachEntry}), whose deadlines thereby
 * add up with the work.
 *
 * <p>Each request is given the time left as its {@code apiCallTimeout} ({@link #limit}), so the
 * SDK's retries and backoff stop there whoever built the client. And while a request runs ({@link
 * #run}), this is the thread's current deadline, which the connections of a client this module
 * built read ({@link #capMillis}, {@link DeadlineBoundConnections}): the SDK ends a timed-out call
 * by closing its connection, but a TCP connect still in progress has no connection to close yet, so
 * without that cap a connect begun just before the deadline would hold the caller up to a connect
 * timeout more.
 */
final class Deadline {
  private static final ThreadLocal<@Nullable Deadline> CURRENT = new ThreadLocal<>();

  private final Duration timeout;
  private final @Nullable Duration requestTimeout;
  private final long endNanos;

  private Deadline(Duration timeout, @Nullable Duration requestTimeout) {
    this.timeout = timeout;
    this.requestTimeout = requestTimeout;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  /**
   * A deadline {@code timeout} from now.
   *
   * @param requestTimeout a shorter bound for each request on its own, which {@link #limit} keeps,
   *     or null
   */
  static Deadline after(Duration timeout, @Nullable Duration requestTimeout) {
    return new Deadline(timeout, requestTimeout);
  }

  /**
   * The {@code apiCallTimeout} a client was built with, if it tells: what a caller chose for each
   * request, which a deadline must not lengthen.
   */
  static @Nullable Duration apiCallTimeoutOf(DynamoDbClient client) {
    try {
      return client
          .serviceClientConfiguration()
          .overrideConfiguration()
          .apiCallTimeout()
          .orElse(null);
    } catch (UnsupportedOperationException e) {
      return null; // a DynamoDbClient implemented by hand, such as a test double
    }
  }

  /** The time left; zero or negative once the deadline has passed. */
  Duration remaining() {
    return Duration.ofNanos(endNanos - System.nanoTime());
  }

  /**
   * Sends one request under this deadline, as the thread's current one.
   *
   * @throws ApiCallTimeoutException without sending anything when no time is left, as the SDK would
   *     have after sending it
   */
  <T> T run(Supplier<T> request) {
    if (remaining().toMillis() < 1) {
      throw ApiCallTimeoutException.create(timeout.toMillis());
    }
    Deadline previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return request.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  /**
   * Gives a request the time left as its {@code apiCallTimeout}, or the client's own when that is
   * shorter.
   */
  void limit(AwsRequestOverrideConfiguration.Builder request) {
    Duration left = remaining();
    if (requestTimeout != null && requestTimeout.compareTo(left) < 0) {
      left = requestTimeout;
    }
    request.apiCallTimeout(atLeastOneMilli(left));
  }

  /**
   * A connect or read timeout of the thread's current request: {@code configured}, or the time left
   * before the current deadline when that is shorter. Never zero, which the JDK reads as "wait
   * forever".
   */
  static int capMillis(Duration configured) {
    Duration timeout = configured;
    Deadline current = CURRENT.get();
    if (current != null && current.remaining().compareTo(timeout) < 0) {
      timeout = current.remaining();
    }
    return (int) Math.min(Integer.MAX_VALUE, atLeastOneMilli(timeout).toMillis());
  }

  private static Duration atLeastOneMilli(Duration duration) {
    return duration.toMillis() < 1 ? Duration.ofMillis(1) : duration;
  }
}
