package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.PersistentStorage;
import org.springframework.core.Ordered;

/**
 * Wraps the store before it becomes the {@code PersistentStorage} bean. The starter's own are the
 * near cache ({@link #CACHE_ORDER}) and the meters ({@link #METRICS_ORDER}, outermost, so the
 * timers see what the application sees); an application may add its own beans of this type.
 *
 * <pre>{@code
 * @Bean
 * PersistentStorageDecorator auditing() {
 *   return PersistentStorageDecorator.of(500, storage -> new AuditingStorage(storage));
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public interface PersistentStorageDecorator extends Ordered {
  /** The near cache's order: applied first, right over the store. */
  int CACHE_ORDER = 0;

  /** The meters' order: applied last, over everything else. */
  int METRICS_ORDER = 1000;

  /**
   * Wraps a storage.
   *
   * @param storage the store, possibly already wrapped by decorators of a lower order
   * @return the wrapping storage; its {@code close()} must not be needed to release the store,
   *     which the {@link PersistentAssignmentBackend} closes
   */
  PersistentStorage decorate(PersistentStorage storage);

  /**
   * A decorator from a function.
   *
   * @param order where it applies: lower orders wrap first (closer to the store)
   * @param decorator the wrapping function
   * @return the decorator
   */
  static PersistentStorageDecorator of(
      int order, java.util.function.UnaryOperator<PersistentStorage> decorator) {
    return new PersistentStorageDecorator() {
      @Override
      public PersistentStorage decorate(PersistentStorage storage) {
        return decorator.apply(storage);
      }

      @Override
      public int getOrder() {
        return order;
      }
    };
  }
}
