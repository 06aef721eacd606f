package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.PersistentStorage;

/**
 * One backend under test: our adapter, built with its public builder exactly as a user would, and
 * the raw client underneath it (the same {@code UnifiedJedis}, the same HikariCP {@code
 * DataSource}, the same {@code DynamoDbClient}) issuing the command the adapter sends. Both see the
 * same data, so the ratio of their times is the adapter's own overhead.
 *
 * <p>Everything it writes lives under a key prefix, table or store of its own, which {@link
 * #close()} removes.
 */
public abstract class BenchmarkBackend implements AutoCloseable {
  private final String name;
  private final PersistentStorage storage;
  private final RawCommands raw;

  BenchmarkBackend(String name, PersistentStorage storage, RawCommands raw) {
    this.name = name;
    this.storage = storage;
    this.raw = raw;
  }

  /**
   * The backend's name, as {@link Backends#open} takes it.
   *
   * @return the name, such as {@code redis-cluster}
   */
  public final String name() {
    return name;
  }

  /**
   * Our adapter.
   *
   * @return the storage
   */
  public final PersistentStorage storage() {
    return storage;
  }

  /**
   * The raw client doing what the adapter does, one command per operation.
   *
   * @return the raw commands
   */
  public final RawCommands raw() {
    return raw;
  }

  /**
   * Whether the raw side reads what the adapter wrote, as it does on a server; the in-memory
   * comparison keeps a map of its own, which has to be filled separately.
   *
   * @return true unless the raw side has its own data
   */
  public boolean rawSeesAdapterWrites() {
    return true;
  }

  /**
   * A naive adapter over the same client: the whole user map as one JSON value, read-modify-write
   * on save. Only Redis and the SQL servers have one.
   *
   * @return the naive storage, created on first use and removed by {@link #close()}
   * @throws UnsupportedOperationException for a backend without one
   */
  public PersistentStorage naiveStorage() {
    throw new UnsupportedOperationException("no naive adapter for " + name);
  }

  /**
   * The server and client versions, for the report, such as {@code Redis 7.0.15 (Jedis 8.0.2)}.
   *
   * @return a one-line description
   */
  public abstract String describe();

  /** Deletes everything this backend wrote and closes what it opened. */
  @Override
  public abstract void close();
}
