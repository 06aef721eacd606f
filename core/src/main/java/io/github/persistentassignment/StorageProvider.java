package io.github.persistentassignment;

import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link PersistentStorage} from a URL: the service-provider interface through which a
 * storage module makes its backend reachable by {@link PersistentStorages#open(String)}.
 *
 * <p>A storage module registers its provider for {@link java.util.ServiceLoader}, both in {@code
 * META-INF/services/io.github.persistentassignment.StorageProvider} and with {@code provides … with
 * …} in its {@code module-info.java}. Implementations need a public no-argument constructor and
 * must be thread-safe; {@link #open} may be called concurrently.
 *
 * @since 0.1.0
 */
public interface StorageProvider {

  /**
   * The URL schemes this provider opens: the text before the first {@code ':'} of a URL, in lower
   * case, such as {@code "redis"} or {@code "jdbc"}.
   *
   * @return one or more schemes, never null
   */
  Set<String> schemes();

  /**
   * Opens a storage. The caller owns the result and closes it. Opening does no I/O (an application
   * starts while its store is down); an unreachable backend is reported by the first call.
   *
   * @param url the URL, whose scheme is one of {@link #schemes()}
   * @param options backend-specific settings (for example {@code keyPrefix} or {@code tableName},
   *     read with {@link io.github.persistentassignment.spi.StoreOptions}); a provider rejects an
   *     option it does not know
   * @return an open storage
   * @throws IllegalArgumentException if the URL or an option is malformed or unknown
   */
  PersistentStorage open(String url, Map<String, String> options);
}
