package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Opens a storage from a URL, through whichever {@link StorageProvider}s are on the class path (or
 * module path):
 *
 * <pre>{@code
 * try (PersistentStorage storage = PersistentStorages.open("sqlite:./persistent-assignments.db")) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The shipped modules register {@code memory:} (storage-memory), {@code jdbc:…} and {@code
 * sqlite:PATH} (storage-jdbc), {@code redis://}, {@code rediss://} and {@code
 * redis-cluster://host:port,host:port} (storage-redis), and {@code
 * dynamodb://TABLE?region=…&endpoint=…} (storage-dynamodb). Each module's documentation lists its
 * options.
 *
 * @since 0.1.0
 */
public final class PersistentStorages {
  private PersistentStorages() {}

  /**
   * Opens a storage with no options. Opening does no I/O: an unreachable backend is reported by the
   * first call.
   *
   * @param url the storage URL
   * @return an open storage, owned (and to be closed) by the caller
   * @throws IllegalArgumentException if the URL is malformed, or no provider on the class path
   *     knows its scheme (the message lists the schemes that are available)
   */
  public static PersistentStorage open(String url) {
    return open(url, Map.of());
  }

  /**
   * Opens a storage with backend-specific options. Opening does no I/O: an unreachable backend is
   * reported by the first call.
   *
   * @param url the storage URL
   * @param options settings the provider understands, such as {@code keyPrefix}; unknown ones are
   *     an error
   * @return an open storage, owned (and to be closed) by the caller
   * @throws IllegalArgumentException if the URL or an option is malformed, or no provider on the
   *     class path knows the URL's scheme (the message lists the schemes that are available)
   */
  public static PersistentStorage open(String url, Map<String, String> options) {
    requireNonBlank(url, "url");
    requireNonNullArgument(options, "options");
    String scheme = scheme(url);
    SortedMap<String, StorageProvider> providers = providers();
    StorageProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new IllegalArgumentException(
          "no storage provider for scheme '"
              + scheme
              + ":' (from '"
              + redact(url)
              + "'); available on the class path: "
              + (providers.isEmpty() ? "none" : String.join(", ", describe(providers))));
    }
    return provider.open(url, Map.copyOf(options));
  }

  /**
   * The URL schemes that providers on the class path open.
   *
   * @return the schemes, sorted
   */
  public static SortedSet<String> availableSchemes() {
    return new TreeSet<>(providers().keySet());
  }

  /**
   * The scheme of a storage URL: the text before its first {@code ':'}, lower-cased.
   *
   * @param url the URL
   * @return the scheme
   * @throws IllegalArgumentException if the URL has no scheme
   */
  public static String scheme(String url) {
    requireNonBlank(url, "url");
    int colon = url.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "storage URL '" + redact(url) + "' has no scheme; expected for example sqlite:FILE");
    }
    return url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static SortedMap<String, StorageProvider> providers() {
    SortedMap<String, StorageProvider> byScheme = new TreeMap<>();
    for (StorageProvider provider :
        ServiceLoader.load(StorageProvider.class, PersistentStorages.class.getClassLoader())) {
      for (String scheme : provider.schemes()) {
        byScheme.putIfAbsent(scheme.toLowerCase(Locale.ROOT), provider);
      }
    }
    return byScheme;
  }

  private static SortedSet<String> describe(SortedMap<String, StorageProvider> providers) {
    SortedSet<String> names = new TreeSet<>();
    providers.keySet().forEach(scheme -> names.add(scheme + ":"));
    return names;
  }

  /** The URL without anything after an {@code '@'} user-info or {@code '?'} query. */
  static String redact(String url) {
    String result = url;
    int at = result.lastIndexOf('@');
    int schemeEnd = result.indexOf("://");
    if (at > 0 && schemeEnd > 0 && at > schemeEnd) {
      result = result.substring(0, schemeEnd + 3) + "…@" + result.substring(at + 1);
    }
    int query = result.indexOf('?');
    return query < 0 ? result : result.substring(0, query) + "?…";
  }
}
