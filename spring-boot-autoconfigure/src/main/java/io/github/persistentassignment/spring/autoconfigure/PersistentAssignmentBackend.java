package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.PersistentStorage;
import java.util.Objects;

/**
 * The store under the starter's {@code PersistentStorage} bean (before the near cache and the
 * meters wrap it), with a description for the health indicator and whether the context owns it.
 *
 * <p>The starter defines one from {@code persistent-assignment.store.url} or from the application's
 * {@code DataSource}, Redis client or {@code DynamoDbClient} bean. An application that builds its
 * storage itself but still wants the starter's cache, meters and health can define this bean
 * instead of a {@code PersistentStorage}:
 *
 * <pre>{@code
 * @Bean
 * PersistentAssignmentBackend persistentAssignmentBackend() {
 *   return PersistentAssignmentBackend.owned(MyStorage.create(), "my-store");
 * }
 * }</pre>
 *
 * <p>The context closes an owned store when it shuts down, after everything that uses it.
 *
 * @since 0.2.0
 */
public final class PersistentAssignmentBackend implements AutoCloseable {
  private final PersistentStorage storage;
  private final String description;
  private final boolean owned;

  private PersistentAssignmentBackend(
      PersistentStorage storage, String description, boolean owned) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.description = Objects.requireNonNull(description, "description");
    this.owned = owned;
  }

  /**
   * A store the context owns: closed with it.
   *
   * @param storage the store
   * @param description what the health indicator shows as the backend; no credentials
   * @return the backend
   */
  public static PersistentAssignmentBackend owned(PersistentStorage storage, String description) {
    return new PersistentAssignmentBackend(storage, description, true);
  }

  /**
   * A store someone else closes.
   *
   * @param storage the store
   * @param description what the health indicator shows as the backend; no credentials
   * @return the backend
   */
  public static PersistentAssignmentBackend borrowed(
      PersistentStorage storage, String description) {
    return new PersistentAssignmentBackend(storage, description, false);
  }

  /**
   * The store, without the cache or meters.
   *
   * @return the store
   */
  public PersistentStorage storage() {
    return storage;
  }

  /**
   * What the store is, such as {@code "RedisPersistentStorage (redis)"}; never credentials.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Whether {@link #close()} closes the store.
   *
   * @return true when the context owns it
   */
  public boolean owned() {
    return owned;
  }

  /** Closes the store when it is owned; a borrowed one is left open. Idempotent. */
  @Override
  public void close() {
    if (owned) {
      storage.close();
    }
  }

  @Override
  public String toString() {
    return "PersistentAssignmentBackend[" + description + (owned ? ", owned]" : ", borrowed]");
  }
}
