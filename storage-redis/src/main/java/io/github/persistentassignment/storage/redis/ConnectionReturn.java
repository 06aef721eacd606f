package io.github.persistentassignment.storage.redis;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPortMapper;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Gives connections back to their Jedis pool without making the caller open a replacement.
 *
 * <p>Since commons-pool 2.13 (POOL-424), a pool that invalidates a broken connection at once opens
 * a new one in the same thread: connect and handshake. For a call that has just waited out its
 * socket timeout on a dead network path, that is a second timeout before the caller hears of the
 * failure (reported upstream as POOL-431). So while {@link #close} gives back a broken connection,
 * the {@link #mapper()} of the clients the adapter creates refuses to open a socket on that thread:
 * the replacement fails at once, and the pool opens a connection when a later call needs one.
 */
final class ConnectionReturn {
  private static final ThreadLocal<Boolean> RETURNING_BROKEN = ThreadLocal.withInitial(() -> false);

  private static final HostAndPortMapper MAPPER =
      address -> {
        if (RETURNING_BROKEN.get()) {
          throw new JedisConnectionException(
              "not opening a replacement connection to " + address + " in the failed call");
        }
        return address;
      };

  private ConnectionReturn() {}

  /**
   * The address mapper for the clients the adapter creates: addresses unchanged, but no socket
   * opened by a thread inside {@link #close} of a broken connection or {@link
   * #refusingNewConnections}.
   */
  static HostAndPortMapper mapper() {
    return MAPPER;
  }

  /** Gives the connection back to its pool, or closes it; a broken one gets no replacement now. */
  static void close(Connection connection) {
    if (!connection.isBroken()) {
      connection.close();
      return;
    }
    try {
      refusingNewConnections(connection::close);
    } catch (JedisException refusedReplacement) {
      // The pool destroyed the broken connection, then failed to replace it: as intended.
    }
  }

  /**
   * Runs {@code work}, which reads replies and gives connections back (a pipeline's sync, say) but
   * opens none, with socket opening refused on this thread, so that no broken connection it gives
   * back is replaced now. Its exceptions pass through.
   */
  static void refusingNewConnections(Runnable work) {
    boolean outer = RETURNING_BROKEN.get();
    RETURNING_BROKEN.set(true);
    try {
      work.run();
    } finally {
      if (outer) {
        RETURNING_BROKEN.set(true);
      } else {
        RETURNING_BROKEN.remove(); // leaves nothing behind on the application's threads
      }
    }
  }
}
