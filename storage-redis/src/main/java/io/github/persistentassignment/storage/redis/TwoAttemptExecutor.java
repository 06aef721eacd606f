package io.github.persistentassignment.storage.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Runs the commands of a client the adapter created, each in at most two attempts, so that a call
 * waits at most twice the pool and connect timeouts, and for replies at most the operation timeout
 * in all.
 *
 * <p>The second attempt is made only when the first met a connection that the server or the network
 * had closed (a reset, an end of stream): a pooled connection that died while idle, as all of them
 * do when Redis restarts. The pool's other idle connections are dropped with it, since they are
 * most likely dead too, so the second attempt runs on a new connection. There is no second attempt
 * after a timeout, nor when opening a connection failed: the path may be down, and the caller would
 * only wait twice. Every command the storage sends is safe to repeat: a repeated conditional write
 * that finds its own first attempt's entry is reported as a write by core's retried-write rule.
 *
 * <p>A cluster client's second attempt may instead follow a {@code MOVED} or {@code ASK}
 * redirection; the cluster's layout is then learned again in the background, never while a caller
 * waits.
 *
 * <p>A connection that failed goes back to its pool without a replacement being opened in the
 * caller's thread ({@link ConnectionReturn}).
 */
abstract class TwoAttemptExecutor implements CommandExecutor {
  private static final int ATTEMPTS = 2;

  private final long operationTimeoutNanos;

  /**
   * @param operationTimeout how long one call may wait for Redis's replies, over both attempts
   */
  TwoAttemptExecutor(Duration operationTimeout) {
    this.operationTimeoutNanos = operationTimeout.toNanos();
  }

  /** Takes a connection for the command from the right pool. */
  abstract Connection connectionFor(CommandObject<?> command);

  /**
   * Takes a connection to the node a redirection named, or rethrows it where there are no nodes.
   */
  abstract Connection connectionTo(HostAndPort node, JedisRedirectionException redirection);

  /** Drops the idle connections of the pool {@code failed} came from. */
  abstract void dropIdleConnectionsLike(Connection failed);

  /** Hears that a node failed or redirected, so the layout of a cluster may have changed. */
  abstract void layoutMayHaveChanged();

  @Override
  public final <T> T executeCommand(CommandObject<T> command) {
    @Nullable JedisRedirectionException redirection = null;
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt == ATTEMPTS;
      long left = operationTimeoutNanos - (System.nanoTime() - started);
      if (attempt > 1 && left < 1_000_000) {
        throw new JedisConnectionException("the operationTimeout ran out before a second attempt");
      }
      Connection connection =
          redirection == null
              ? connectionFor(command)
              : connectionTo(redirection.getTargetNode(), redirection);
      boolean shortened = false;
      try {
        if (attempt > 1) {
          // The second attempt waits for replies only as long as the first left of the call's
          // operationTimeout, so the whole call's reading stays within it.
          connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left / 1_000_000));
          shortened = true;
        }
        if (redirection instanceof JedisAskDataException) {
          connection.executeCommand(Protocol.Command.ASKING);
        }
        return connection.executeCommand(command);
      } catch (JedisRedirectionException redirected) {
        layoutMayHaveChanged();
        if (last) {
          throw redirected;
        }
        redirection = redirected;
      } catch (JedisConnectionException failure) {
        layoutMayHaveChanged();
        if (isTimeout(failure)) {
          throw failure;
        }
        dropIdleConnectionsLike(connection);
        if (last) {
          throw failure;
        }
      } finally {
        if (shortened && !connection.isBroken()) {
          connection.rollbackTimeout();
        }
        ConnectionReturn.close(connection);
      }
    }
  }

  /** Whether the failure was a wait that ran out (connect or read), rather than a closed path. */
  static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
