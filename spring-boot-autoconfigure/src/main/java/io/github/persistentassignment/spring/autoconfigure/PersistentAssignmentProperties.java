package io.github.persistentassignment.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code persistent-assignment.*} properties.
 *
 * <pre>{@code
 * persistent-assignment:
 *   store:
 *     url: redis://redis.internal:6379
 *     options:
 *       keyPrefix: "checkout:"
 *   expire-after: 90d
 *   cache:
 *     enabled: true
 *     fresh-for: 5s
 *   experiments: classpath:experiments.json
 * }</pre>
 *
 * @since 0.2.0
 */
@ConfigurationProperties("persistent-assignment")
public class PersistentAssignmentProperties {
  /** The prefix of every property. */
  public static final String PREFIX = "persistent-assignment";

  private final Store store = new Store();
  private final Cache cache = new Cache();
  private final Metrics metrics = new Metrics();

  /**
   * How long an entry is kept after it was written; unset keeps entries until deleted. Applies to
   * whichever store the starter builds.
   */
  private @Nullable Duration expireAfter;

  /**
   * An experiment catalog in JSON, such as {@code classpath:experiments.json}: it becomes the
   * {@code ExperimentCatalog} bean, the evaluator of the {@code PersistentAssignment} bean.
   */
  private @Nullable Resource experiments;

  /** Creates the defaults. */
  public PersistentAssignmentProperties() {}

  /**
   * The store settings.
   *
   * @return {@code persistent-assignment.store.*}
   */
  public Store getStore() {
    return store;
  }

  /**
   * The near-cache settings.
   *
   * @return {@code persistent-assignment.cache.*}
   */
  public Cache getCache() {
    return cache;
  }

  /**
   * The Micrometer settings.
   *
   * @return {@code persistent-assignment.metrics.*}
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * How long an entry is kept after it was written.
   *
   * @return the time, or null to keep entries until deleted
   */
  public @Nullable Duration getExpireAfter() {
    return expireAfter;
  }

  /**
   * Sets how long an entry is kept after it was written.
   *
   * @param expireAfter the time, or null to keep entries until deleted
   */
  public void setExpireAfter(@Nullable Duration expireAfter) {
    this.expireAfter = expireAfter;
  }

  /**
   * The experiment catalog's JSON.
   *
   * @return the resource, or null when the application defines its own evaluator
   */
  public @Nullable Resource getExperiments() {
    return experiments;
  }

  /**
   * Sets the experiment catalog's JSON.
   *
   * @param experiments the resource, such as {@code classpath:experiments.json}
   */
  public void setExperiments(@Nullable Resource experiments) {
    this.experiments = experiments;
  }

  /** {@code persistent-assignment.store.*}: where assignments are stored. */
  public static class Store {
    /**
     * The store URL, such as {@code redis://host:6379}, {@code jdbc:postgresql://host/db}, {@code
     * dynamodb://table?region=eu-west-1} or {@code memory:}. Unset: the application's own {@code
     * DataSource}, Redis client ({@code UnifiedJedis}) or {@code DynamoDbClient} bean is used.
     */
    private @Nullable String url;

    /**
     * Options of the store, as named by its builder (such as {@code keyPrefix}, {@code tableName},
     * {@code operationTimeout}); an option the store does not know fails startup.
     */
    private Map<String, String> options = new LinkedHashMap<>();

    /** Creates the defaults. */
    public Store() {}

    /**
     * The store URL.
     *
     * @return the URL, or null to use the application's client bean
     */
    public @Nullable String getUrl() {
      return url;
    }

    /**
     * Sets the store URL.
     *
     * @param url the URL, or null to use the application's client bean
     */
    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    /**
     * The store options.
     *
     * @return option name → value
     */
    public Map<String, String> getOptions() {
      return options;
    }

    /**
     * Sets the store options.
     *
     * @param options option name → value
     */
    public void setOptions(Map<String, String> options) {
      this.options = options;
    }
  }

  /** {@code persistent-assignment.cache.*}: a Caffeine near cache in front of the store. */
  public static class Cache {
    /** Whether loaded users are cached in memory (needs persistent-assignment-cache-caffeine). */
    private boolean enabled;

    /** How long a loaded user is served from the cache before the store is asked again. */
    private Duration freshFor = Duration.ofSeconds(5);

    /** How many users the cache holds at most. */
    private long maximumUsers = 10_000;

    /**
     * How old a cached user may be when it is served because the store failed; unset serves {@code
     * STORAGE_UNAVAILABLE} instead.
     */
    private @Nullable Duration serveStaleOnFailure;

    /** Creates the defaults. */
    public Cache() {}

    /**
     * Whether the near cache is on.
     *
     * @return true when on; default false
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Turns the near cache on or off.
     *
     * @param enabled true for on
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * How long a loaded user stays fresh.
     *
     * @return the time; default 5 seconds
     */
    public Duration getFreshFor() {
      return freshFor;
    }

    /**
     * Sets how long a loaded user stays fresh.
     *
     * @param freshFor the time
     */
    public void setFreshFor(Duration freshFor) {
      this.freshFor = freshFor;
    }

    /**
     * The cache's bound.
     *
     * @return users; default 10,000
     */
    public long getMaximumUsers() {
      return maximumUsers;
    }

    /**
     * Sets the cache's bound.
     *
     * @param maximumUsers users
     */
    public void setMaximumUsers(long maximumUsers) {
      this.maximumUsers = maximumUsers;
    }

    /**
     * How stale a user may be when served during a store failure.
     *
     * @return the time, or null for no stale serving
     */
    public @Nullable Duration getServeStaleOnFailure() {
      return serveStaleOnFailure;
    }

    /**
     * Sets how stale a user may be when served during a store failure.
     *
     * @param serveStaleOnFailure the time, or null for no stale serving
     */
    public void setServeStaleOnFailure(@Nullable Duration serveStaleOnFailure) {
      this.serveStaleOnFailure = serveStaleOnFailure;
    }
  }

  /** {@code persistent-assignment.metrics.*}: Micrometer meters. */
  public static class Metrics {
    /**
     * Whether the store is timed and decisions are counted, when Micrometer and a {@code
     * MeterRegistry} bean are present.
     */
    private boolean enabled = true;

    /** Creates the defaults. */
    public Metrics() {}

    /**
     * Whether meters are on.
     *
     * @return true when on; default true
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Turns meters on or off.
     *
     * @param enabled true for on
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
