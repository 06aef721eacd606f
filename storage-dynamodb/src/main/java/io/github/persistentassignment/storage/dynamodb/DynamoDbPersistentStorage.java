package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.spi.AbstractEnumerableStorage;
import io.github.persistentassignment.spi.RawEntry;
import io.github.persistentassignment.spi.StorageLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Stores assignments in an Amazon DynamoDB table through the AWS SDK for Java v2: one item per
 * (storage key, config name). Core ({@link AbstractEnumerableStorage}) keeps the contract's rules;
 * this class sends the requests. {@code builder().client(dynamoDbClient).build()} uses a client you
 * own (never closed here); without one, the builder creates a client, which {@link #close()}
 * closes.
 *
 * <pre>{@code
 * try (DynamoDbPersistentStorage storage =
 *     DynamoDbPersistentStorage.builder()
 *         .region(Region.EU_WEST_1)
 *         .tableName("persistent_assignments")
 *         .expireAfter(Duration.ofDays(90))
 *         .build()) {
 *   PersistentAssignment assignment =
 *       PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
 * }
 * }</pre>
 *
 * <p>The {@linkplain io.github.persistentassignment.storage.dynamodb package documentation} gives
 * the table's layout, the requests of each operation, expiry, and the deadlines: one {@link
 * Builder#operationTimeout(Duration) operationTimeout} for a call on one entry, one per request for
 * the bulk calls ({@code loadAll}, {@code deleteAll}, {@code purge}, {@code forEachEntry}), so that
 * their time scales with their work. {@link Builder#build()} sends nothing; with {@link
 * Builder#createTableIfMissing(boolean) createTableIfMissing(true)} the first call checks the table
 * and creates it if missing, and until that succeeds every call tries again and fails with a {@code
 * StorageException} naming what is missing.
 *
 * <p>Thread-safe. After {@link #close()} every operation throws {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class DynamoDbPersistentStorage extends AbstractEnumerableStorage {
  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "persistent_assignments";

  /** The default bound on concurrent {@code Query} requests in one {@code loadAll} call. */
  public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 8;

  /** The default bound on one call, or one request of a bulk call, retries included: 2 s. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(2);

  /** DynamoDB's item size limit: 400 KB, counting attribute names and values. */
  public static final int MAX_ITEM_BYTES = ItemSize.MAX_ITEM_BYTES;

  /**
   * The largest (and default) {@code maxValueBytes}: what fits in an item beside the longest key
   * and config name DynamoDB allows.
   */
  public static final int MAX_VALUE_BYTES = ItemSize.MAX_VALUE_BYTES;

  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private final DynamoDbClient client;
  private final boolean ownsClient;
  private final String tableName;
  private final Requests requests;
  private final EntryRequests entries;
  private final BatchDeletes batches;
  private final TableScans scans;
  private final ConcurrentQueries queries;

  private DynamoDbPersistentStorage(Builder b, DynamoDbClient client, boolean ownsClient) {
    super("DynamoDbPersistentStorage", b.clock, b.expireAfter, b.maxValueBytes);
    this.client = client;
    this.ownsClient = ownsClient;
    this.tableName = b.tableName;
    Table table = new Table(b.tableName, b.createTableIfMissing);
    // maxConnections bounds only a client of our own; a caller's HTTP client has its own pool.
    int maxConnections = ownsClient ? b.own.maxConnections() : 0;
    this.requests = new Requests(client, table, b.operationTimeout, maxConnections);
    this.entries = new EntryRequests(requests, b.clock, b.consistentReads);
    this.batches = new BatchDeletes(requests);
    this.scans = new TableScans(requests, b.clock, b.consistentReads);
    this.queries = new ConcurrentQueries(b.maxConcurrentQueries, b.tableName);
  }

  /**
   * Starts a builder. Give it either a {@linkplain Builder#client(DynamoDbClient) client you own}
   * or the region, endpoint and credentials to build one from (or neither, for the SDK's defaults).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The table this instance reads and writes.
   *
   * @return the table name
   */
  public String tableName() {
    return tableName;
  }

  @Override
  protected Map<String, String> loadEncoded(String key) {
    return entries.load(key, requests.start());
  }

  @Override
  protected Map<String, Map<String, String>> loadAllEncoded(List<String> keys) {
    requests.start();
    return queries.run(keys, key -> entries.load(key, requests.deadline()));
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    entries.save(key, configName, json, expiresAt, requests.start());
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    return entries.putIfAbsent(key, configName, json, expiresAt, requests.start());
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    return entries.replace(key, configName, expectedJson, json, expiresAt, requests.start());
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    entries.delete(key, configName, requests.start());
  }

  @Override
  protected void deleteAllEncoded(String key) {
    requests.start();
    entries.deleteAll(key, batches);
  }

  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    requests.start();
    scans.forEach(action, this::skipForeign);
  }

  @Override
  protected long purgeEncoded(String configName) {
    requests.start();
    return scans.purge(configName, batches);
  }

  /** Stops the {@code loadAll} threads, and closes the client if this instance built it. */
  /** The SDK resends a request whose reply was lost, so a conditional put may find its own item. */
  @Override
  protected boolean retriesWrites() {
    return true;
  }

  @Override
  protected void closeResources() {
    queries.close();
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * Builds a {@link DynamoDbPersistentStorage}: mutable, each setter returns {@code this}; {@link
   * #build()} checks every setting and sends nothing. Settings marked "own client" configure the
   * client the builder creates and are refused together with {@link #client(DynamoDbClient)}. Every
   * setting but the client, credentials and clock is also a {@code dynamodb://} URL option of the
   * same name ({@link DynamoDbStorageProvider}).
   */
  public static final class Builder {
    private @Nullable DynamoDbClient client;
    private final OwnClient own = new OwnClient();
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean createTableIfMissing;
    private boolean consistentReads = true;
    private @Nullable Duration expireAfter;
    private Clock clock = Clock.systemUTC();
    private int maxValueBytes = MAX_VALUE_BYTES;
    private int maxConcurrentQueries = DEFAULT_MAX_CONCURRENT_QUERIES;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

    private Builder() {}

    /**
     * Uses a client the caller owns and closes; {@link DynamoDbPersistentStorage#close()} leaves it
     * open. Excludes every own-client setting.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(DynamoDbClient client) {
      this.client = requireNonNullArgument(client, "client");
      return this;
    }

    /**
     * Own client: its region. Default: the SDK's region chain ({@code AWS_REGION}, profile, …).
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(Region region) {
      own.region = requireNonNullArgument(region, "region");
      return this;
    }

    /**
     * Own client: its endpoint, such as DynamoDB Local's {@code http://127.0.0.1:8000}. Default:
     * the region's.
     *
     * @param endpoint the endpoint URI
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      own.endpoint = requireNonNullArgument(endpoint, "endpoint");
      return this;
    }

    /**
     * Own client: its credentials. Default: the SDK's default credentials provider chain.
     *
     * @param credentialsProvider the provider
     * @return this builder
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      own.credentialsProvider = requireNonNullArgument(credentialsProvider, "credentialsProvider");
      return this;
    }

    /**
     * The table. Default: {@value DynamoDbPersistentStorage#DEFAULT_TABLE_NAME}.
     *
     * @param tableName 3 to 255 characters from {@code a-z A-Z 0-9 _ - .}, DynamoDB's rule
     * @return this builder
     * @throws IllegalArgumentException if the name breaks DynamoDB's rule
     */
    public Builder tableName(String tableName) {
      this.tableName = Table.requireValidName(tableName);
      return this;
    }

    /**
     * Whether the first operation checks the table and creates it when missing (on-demand, TTL on
     * {@code ttl}), retrying on later calls until that succeeds. For development and tests;
     * production tables come from infrastructure code. Default: false (nothing is checked).
     *
     * @param createTableIfMissing true to check and create on first use
     * @return this builder
     */
    public Builder createTableIfMissing(boolean createTableIfMissing) {
      this.createTableIfMissing = createTableIfMissing;
      return this;
    }

    /**
     * Whether reads are strongly consistent. Default: true; eventually consistent reads cost half
     * as much but may miss a write made in the last second.
     *
     * @param consistentReads true for strongly consistent reads
     * @return this builder
     */
    public Builder consistentReads(boolean consistentReads) {
      this.consistentReads = consistentReads;
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save, and lets DynamoDB's TTL
     * delete it. Default: never.
     *
     * @param expireAfter 1 ms to 36 500 days
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder expireAfter(Duration expireAfter) {
      requireNonNullArgument(expireAfter, "expireAfter");
      this.expireAfter = StorageLimits.checkExpireAfter(expireAfter);
      return this;
    }

    /**
     * The clock that dates and checks expiry. Default: the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The largest encoded entry, in UTF-8 bytes; a larger one is refused before any request.
     * Default and maximum: {@link DynamoDbPersistentStorage#MAX_VALUE_BYTES}.
     *
     * @param maxValueBytes 1 to {@link DynamoDbPersistentStorage#MAX_VALUE_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxValueBytes(int maxValueBytes) {
      this.maxValueBytes =
          StorageLimits.checkCount(maxValueBytes, "maxValueBytes", MAX_VALUE_BYTES);
      return this;
    }

    /**
     * The most {@code Query} requests one {@code loadAll} call has in flight. Default: {@value
     * DynamoDbPersistentStorage#DEFAULT_MAX_CONCURRENT_QUERIES}.
     *
     * @param maxConcurrentQueries 1 to 256
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConcurrentQueries(int maxConcurrentQueries) {
      this.maxConcurrentQueries =
          StorageLimits.checkCount(maxConcurrentQueries, "maxConcurrentQueries", 256);
      return this;
    }

    /**
     * The longest one call on an entry may take, retries and backoff included, and each request of
     * a bulk call (see the package documentation). Applies to a caller's client too. Default: 2 s.
     *
     * @param operationTimeout more than 0, at most 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder operationTimeout(Duration operationTimeout) {
      this.operationTimeout =
          StorageLimits.checkDuration(operationTimeout, "operationTimeout", MAX_TIMEOUT);
      return this;
    }

    /**
     * Own client: how long opening a TCP connection may take, never past the operation's deadline.
     * Default: 1 s.
     *
     * @param connectTimeout more than 0, at most 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      own.connectTimeout =
          StorageLimits.checkDuration(connectTimeout, "connectTimeout", MAX_TIMEOUT);
      return this;
    }

    /**
     * Own client: how long one attempt (a request and its response) may take before it is retried:
     * the SDK's {@code apiCallAttemptTimeout} and the socket's read timeout. Default: 1 s.
     *
     * @param attemptTimeout more than 0, at most 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      own.attemptTimeout =
          StorageLimits.checkDuration(attemptTimeout, "attemptTimeout", MAX_TIMEOUT);
      return this;
    }

    /**
     * Own client: how many times a request that failed in a retryable way is sent, the first
     * included, with the SDK's backoff for DynamoDB in between, while the deadline allows. Default:
     * 3; 1 never retries.
     *
     * @param maxAttempts 1 to 20
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      own.maxAttempts = StorageLimits.checkCount(maxAttempts, "maxAttempts", 20);
      return this;
    }

    /**
     * Own client: the most requests (each on a TCP connection of its own) in flight at once; a call
     * waits for one within its deadline. Idle connections are kept by the JDK, up to its {@code
     * http.maxConnections} system property (5) per host. Default: 50.
     *
     * @param maxConnections 1 to 10 000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConnections(int maxConnections) {
      own.maxConnections = StorageLimits.checkCount(maxConnections, "maxConnections", 10_000);
      return this;
    }

    /**
     * Builds the storage, creating a client (the url-connection HTTP client, with the settings
     * above) unless one was given. Sends nothing.
     *
     * @return a new instance
     * @throws IllegalArgumentException if a setting is out of range, or an own-client setting was
     *     given together with a caller's client, naming it
     */
    public DynamoDbPersistentStorage build() {
      // Each setter has checked its range; what is left is how the settings go together.
      if (client != null) {
        own.refuseAny();
        return new DynamoDbPersistentStorage(this, client, false);
      }
      return new DynamoDbPersistentStorage(this, own.create(operationTimeout), true);
    }
  }
}
