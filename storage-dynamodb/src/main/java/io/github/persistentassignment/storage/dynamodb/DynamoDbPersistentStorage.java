package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.internal.Arguments.requireAtLeastOne;
import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requirePositive;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.LogSafe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Stores assignments in an Amazon DynamoDB table through the AWS SDK for Java v2: one item per
 * (storage key, config name).
 *
 * <pre>{@code
 * PersistentStorage storage = DynamoDbPersistentStorage.builder()
 *     .client(dynamoDbClient)            // yours: not closed by close()
 *     .tableName("persistent_assignments")
 *     .build();
 * }</pre>
 *
 * <h2>Table layout</h2>
 *
 * <p>Partition key {@code pk} (S) = the storage key; sort key {@code sk} (S) = the config name;
 * attribute {@code v} (S) = the entry in the universal JSON format; optional {@code ttl} (N) = when
 * the entry expires, in epoch seconds, for DynamoDB's TTL. {@link #createTableIfMissing()} creates
 * such a table for development and tests.
 *
 * <h2>Requests</h2>
 *
 * <p>{@link #load} is one {@code Query} (more only when a key's items exceed 1 MB and the result is
 * paged); {@link #save} one {@code PutItem}; {@link #delete} one {@code DeleteItem}; {@link
 * #saveIfAbsent} one conditional {@code PutItem} whether it wins or loses (the stored item comes
 * back with the failed condition, {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}); {@link
 * #loadAll} one {@code Query} per distinct key, at most {@link Builder#maxConcurrentQueries(int)}
 * at a time. Reads are strongly consistent unless {@link Builder#consistentReads(boolean)} turns
 * that off.
 *
 * <h2>Expiry</h2>
 *
 * <p>With {@link Builder#expireAfter(Duration)}, each write stores {@code ttl} = its time (by the
 * builder's {@link Clock}) plus the duration, rounded up to the second. DynamoDB deletes expired
 * items late (typically within days), so reads drop items whose {@code ttl} has passed, and {@link
 * #saveIfAbsent} treats them as absent. Items without {@code ttl} never expire.
 *
 * <h2>Timeouts</h2>
 *
 * <p>No operation waits longer than {@link Builder#operationTimeout(Duration)} (default 2 s), which
 * every request it sends gets as its SDK {@code apiCallTimeout}, less the time already spent: when
 * it runs out the SDK stops retrying, stops backing off, and closes the connection of the request
 * in flight. {@link #loadAll} counts all its queries against one timeout; {@link #forEachEntry}
 * each page.
 *
 * <p>The client this class builds bounds every step within that: {@link
 * Builder#connectTimeout(Duration)} (1 s) for a TCP connection, itself cut to the time left in the
 * operation, since no SDK timeout can stop a connect in progress; {@link
 * Builder#attemptTimeout(Duration)} (1 s) for one request and its response; {@link
 * Builder#maxAttempts(int)} (3) attempts, with the SDK's backoff for DynamoDB between them. Its
 * HTTP client, the JDK's {@code HttpURLConnection}, has no pool to wait for: a request takes an
 * idle connection, once the JDK has checked that the server has not closed or reset it, or opens a
 * new one. So while DynamoDB is unreachable every call fails within the operation timeout, and when
 * it is back the next call uses a working connection; nothing has to be rebuilt. Only the host name
 * lookup is outside these bounds: the JDK caches it (30 s by default) and the system resolver times
 * it out.
 *
 * <p>A client the caller passes keeps its own settings (each request's {@code apiCallTimeout} is
 * the shorter of the time left and the client's own); the operation timeout still applies, as far
 * as that client's HTTP client can stop a request in progress when the SDK gives up on it. With the
 * url-connection client it can, except a TCP connect, so set on that client: the HTTP client's
 * connection timeout (a connect begun just before the operation timeout ends can add up to that
 * much), its socket timeout, for the Apache client its connection acquisition timeout (a call
 * waiting for a pooled connection), and on its {@code ClientOverrideConfiguration} an {@code
 * apiCallAttemptTimeout} and a retry strategy with few attempts, so that one slow attempt does not
 * use up the whole operation timeout.
 *
 * <h2>Failures</h2>
 *
 * <p>Every SDK failure, after the client's retries have given up or the operation timeout has
 * passed, becomes a {@link StorageException} naming the operation and the key. A missing table is
 * reported with how to create it. An entry larger than DynamoDB's 400 KB item limit fails before
 * any request. An item whose {@code v} cannot be decoded is skipped and logged. If the answer to a
 * {@link #saveIfAbsent} that wrote is lost and the SDK sends it again, the second attempt finds the
 * entry it wrote and the call still reports that it wrote.
 *
 * <p>Thread-safe. After {@link #close()} every operation throws {@link IllegalStateException}.
 */
public final class DynamoDbPersistentStorage implements EnumerableStorage {
  /** The default table name. */
  public static final String DEFAULT_TABLE_NAME = "persistent_assignments";

  /** The default bound on concurrent {@code Query} requests in one {@link #loadAll} call. */
  public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 8;

  /** The default bound on one operation, retries included: 2 seconds. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(2);

  /** The default TCP connect timeout of the client the builder creates: 1 second. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

  /** The default bound on one attempt of the client the builder creates: 1 second. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

  /** The default number of attempts per request of the client the builder creates. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** DynamoDB's item size limit: 400 KB, counting attribute names and values. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  static final String PARTITION_KEY = "pk";
  static final String SORT_KEY = "sk";
  static final String VALUE = "v";
  static final String TTL = "ttl";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPersistentStorage.class);

  private static final String NOT_A_STRING = "attribute '" + VALUE + "' is not a string";

  /** Conflicting writes to an unreadable entry; after this many, saveIfAbsent gives up. */
  private static final int MAX_CONDITIONAL_ATTEMPTS = 5;

  private final DynamoDbClient client;
  private final boolean ownsClient;
  private final String tableName;
  private final boolean consistentReads;
  private final @Nullable Duration expireAfter;
  private final Clock clock;
  private final Duration operationTimeout;
  private final @Nullable Duration clientApiCallTimeout;
  private final ConcurrentQueries queries;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DynamoDbPersistentStorage(Builder builder, DynamoDbClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.tableName = builder.tableName;
    this.consistentReads = builder.consistentReads;
    this.expireAfter = builder.expireAfter;
    this.clock = builder.clock;
    this.operationTimeout = builder.operationTimeout;
    this.clientApiCallTimeout = Deadline.apiCallTimeoutOf(client);
    this.queries = new ConcurrentQueries(builder.maxConcurrentQueries, tableName);
  }

  /**
   * Starts a builder. Give it either a {@linkplain Builder#client(DynamoDbClient) client you own}
   * or the {@linkplain Builder#region(Region) region}, {@linkplain Builder#endpoint(URI) endpoint}
   * and {@linkplain Builder#credentialsProvider(AwsCredentialsProvider) credentials} to build one
   * from (or neither, for the SDK's defaults).
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

  /**
   * Creates the table if it does not exist, with on-demand billing and DynamoDB's TTL enabled on
   * {@code ttl}, and waits until it is active. Meant for development and tests; production tables
   * are usually created by infrastructure code (see the README).
   *
   * @return true when this call created the table, false when it already existed
   * @throws StorageException if DynamoDB refused or failed
   * @throws IllegalStateException if the storage is closed
   */
  public boolean createTableIfMissing() {
    ensureOpen();
    return Tables.createIfMissing(client, tableName);
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    return query(key, clock.millis(), deadline());
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    Map<String, AttributeValue> item = item(key, configName, values, "save");
    Deadline deadline = deadline();
    try {
      deadline.run(
          () ->
              client.putItem(
                  put ->
                      put.tableName(tableName).item(item).overrideConfiguration(deadline::limit)));
    } catch (SdkException e) {
      throw failure("save", key, e);
    }
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    ensureOpen();
    Deadline deadline = deadline();
    try {
      deadline.run(
          () ->
              client.deleteItem(
                  delete ->
                      delete
                          .tableName(tableName)
                          .key(primaryKey(key, configName))
                          .overrideConfiguration(deadline::limit)));
    } catch (SdkException e) {
      throw failure("delete", key, e);
    }
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    Map<String, AttributeValue> item = item(key, configName, values, "saveIfAbsent");
    Deadline deadline = deadline();
    @Nullable Map<String, AttributeValue> unreadable = null;
    try {
      for (int attempt = 0; attempt < MAX_CONDITIONAL_ATTEMPTS; attempt++) {
        Map<String, AttributeValue> stored = putIfAbsent(item, unreadable, deadline);
        if (stored.isEmpty() || stored.equals(item)) {
          // Equal to what this call sent: its own write, whose answer was lost and whose request
          // the SDK retried (or an identical entry, which is as good).
          return Optional.empty();
        }
        Optional<StickyValues> decoded = decode(key, configName, stored.get(VALUE));
        if (decoded.isPresent()) {
          return decoded;
        }
        // Corrupt entries read as absent, so replace this one, as long as it is still the same.
        unreadable = stored;
      }
    } catch (SdkException e) {
      throw failure("saveIfAbsent", key, e);
    }
    throw new StorageException(
        "saveIfAbsent failed for key '"
            + key
            + "': the unreadable entry for config '"
            + configName
            + "' kept changing under conflicting writes");
  }

  /**
   * One conditional PutItem: writes when no live item is stored (absent, or present only with a
   * {@code ttl} that has passed, which DynamoDB has yet to delete), or when the stored item is
   * still {@code unreadable}.
   *
   * @return empty when it wrote; otherwise the item that stopped it
   */
  private Map<String, AttributeValue> putIfAbsent(
      Map<String, AttributeValue> item,
      @Nullable Map<String, AttributeValue> unreadable,
      Deadline deadline) {
    Map<String, String> names = new HashMap<>();
    names.put("#pk", PARTITION_KEY);
    names.put("#ttl", TTL);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":now", number(Math.floorDiv(clock.millis(), 1000L)));
    StringBuilder condition = new StringBuilder("attribute_not_exists(#pk) OR #ttl <= :now");
    if (unreadable != null) {
      names.put("#v", VALUE);
      AttributeValue raw = unreadable.get(VALUE);
      if (raw == null) {
        condition.append(" OR attribute_not_exists(#v)");
      } else {
        condition.append(" OR #v = :unreadable");
        values.put(":unreadable", raw);
      }
    }
    try {
      deadline.run(
          () ->
              client.putItem(
                  put ->
                      put.tableName(tableName)
                          .item(item)
                          .conditionExpression(condition.toString())
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD)
                          .overrideConfiguration(deadline::limit)));
      return Map.of();
    } catch (ConditionalCheckFailedException e) {
      if (e.hasItem() && !e.item().isEmpty()) {
        return e.item();
      }
      // The real service always returns the item; this keeps emulators that do not correct.
      Map<String, AttributeValue> stored =
          fetch(item.get(PARTITION_KEY).s(), item.get(SORT_KEY).s(), deadline);
      return stored.isEmpty() ? putIfAbsent(item, unreadable, deadline) : stored;
    }
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    ensureOpen();
    long now = clock.millis();
    Deadline deadline = deadline();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<String, UserPersistedValues> loaded =
        queries.run(distinct, key -> query(key, now, deadline));
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    for (String key : distinct) {
      result.put(key, loaded.get(key));
    }
    return result;
  }

  /**
   * Visits every live item with a paginated {@code Scan} of the table (consistent when reads are),
   * one page in memory at a time. A Scan reads the whole table and consumes its read capacity.
   */
  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    long now = clock.millis();
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(tableName)
            .projectionExpression("#pk, #sk, #v, #ttl")
            .expressionAttributeNames(
                Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#v", VALUE, "#ttl", TTL))
            .consistentRead(consistentReads);
    Map<String, AttributeValue> startKey = null;
    do {
      if (startKey != null) {
        request.exclusiveStartKey(startKey);
      }
      ScanResponse page;
      Deadline deadline = deadline();
      try {
        page =
            deadline.run(() -> client.scan(request.overrideConfiguration(deadline::limit).build()));
      } catch (SdkException e) {
        throw failure("forEachEntry", "(scan of table " + tableName + ")", e);
      }
      for (Map<String, AttributeValue> item : page.items()) {
        AttributeValue pk = item.get(PARTITION_KEY);
        if (pk == null || pk.s() == null) {
          continue;
        }
        Map<String, String> raw = new LinkedHashMap<>();
        collect(pk.s(), item, now, raw);
        UserPersistedValues.ofEncoded(pk.s(), raw)
            .asMap()
            .forEach((name, values) -> action.accept(new StoredEntry(pk.s(), name, values)));
      }
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (startKey != null);
  }

  /**
   * Marks this instance closed, stops its {@link #loadAll} threads, and closes the DynamoDB client
   * if this instance built it. A client the caller passed in stays open. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      queries.close();
      if (ownsClient) {
        client.close();
      }
    }
  }

  private UserPersistedValues query(String key, long nowMillis, Deadline deadline) {
    Map<String, String> raw = new LinkedHashMap<>();
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#pk = :pk")
            .projectionExpression("#sk, #v, #ttl")
            .expressionAttributeNames(
                Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#v", VALUE, "#ttl", TTL))
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key)))
            .consistentRead(consistentReads);
    try {
      Map<String, AttributeValue> startKey = null;
      do {
        if (startKey != null) {
          request.exclusiveStartKey(startKey);
        }
        QueryResponse page =
            deadline.run(
                () -> client.query(request.overrideConfiguration(deadline::limit).build()));
        for (Map<String, AttributeValue> item : page.items()) {
          collect(key, item, nowMillis, raw);
        }
        startKey =
            page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey()
                : null;
      } while (startKey != null);
    } catch (SdkException e) {
      throw failure("load", key, e);
    }
    return UserPersistedValues.ofEncoded(key, raw);
  }

  private static void collect(
      String key, Map<String, AttributeValue> item, long nowMillis, Map<String, String> raw) {
    AttributeValue sortKey = item.get(SORT_KEY);
    if (sortKey == null || sortKey.s() == null || isExpired(item, nowMillis)) {
      return;
    }
    AttributeValue value = item.get(VALUE);
    if (value == null || value.s() == null) {
      LogSafe.unreadableEntry(LOG, "Skipping", key, sortKey.s(), NOT_A_STRING);
      return;
    }
    raw.put(sortKey.s(), value.s());
  }

  private static boolean isExpired(Map<String, AttributeValue> item, long nowMillis) {
    AttributeValue ttl = item.get(TTL);
    if (ttl == null || ttl.n() == null) {
      return false;
    }
    try {
      // DynamoDB's TTL is in whole seconds; an entry is live strictly before its ttl.
      long expiresAtSeconds = Long.parseLong(ttl.n());
      return Math.floorDiv(nowMillis, 1000L) >= expiresAtSeconds;
    } catch (NumberFormatException e) {
      return false; // not a TTL we wrote; DynamoDB ignores it too
    }
  }

  private Optional<StickyValues> decode(
      String key, String configName, @Nullable AttributeValue raw) {
    if (raw != null && raw.s() != null) {
      try {
        return Optional.of(StickyValuesCodec.decode(raw.s()));
      } catch (StickyValuesFormatException e) {
        LogSafe.unreadableEntry(LOG, "Replacing", key, configName, e.contentFreeMessage());
        return Optional.empty();
      }
    }
    LogSafe.unreadableEntry(LOG, "Replacing", key, configName, NOT_A_STRING);
    return Optional.empty();
  }

  /** Reads one live item with a consistent read; empty when absent or expired. */
  private Map<String, AttributeValue> fetch(String key, String configName, Deadline deadline) {
    GetItemResponse response =
        deadline.run(
            () ->
                client.getItem(
                    get ->
                        get.tableName(tableName)
                            .key(primaryKey(key, configName))
                            .consistentRead(true)
                            .overrideConfiguration(deadline::limit)));
    if (!response.hasItem() || isExpired(response.item(), clock.millis())) {
      return Map.of();
    }
    return response.item();
  }

  private Map<String, AttributeValue> item(
      String key, String configName, StickyValues values, String operation) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
    String json = StickyValuesCodec.encode(values);
    ItemSize.check(operation, key, configName, json, expireAfter != null);
    Map<String, AttributeValue> item = new HashMap<>(primaryKey(key, configName));
    item.put(VALUE, AttributeValue.fromS(json));
    if (expireAfter != null) {
      item.put(TTL, number(expiresAtSeconds(clock.millis(), expireAfter)));
    }
    return item;
  }

  static long expiresAtSeconds(long nowMillis, Duration expireAfter) {
    long ttlMillis = expireAfter.toMillis();
    long expiresAtMillis =
        nowMillis > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : nowMillis + ttlMillis;
    return Math.floorDiv(expiresAtMillis, 1000L)
        + (Math.floorMod(expiresAtMillis, 1000L) > 0 ? 1 : 0);
  }

  private static Map<String, AttributeValue> primaryKey(String key, String configName) {
    return Map.of(
        PARTITION_KEY, AttributeValue.fromS(key), SORT_KEY, AttributeValue.fromS(configName));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private StorageException failure(String operation, String key, SdkException e) {
    if (e instanceof ResourceNotFoundException) {
      return Tables.missing(operation, key, tableName, e);
    }
    if (e instanceof ApiCallTimeoutException) {
      // The SDK's message gives the time that was left for the last request, not the timeout.
      return new StorageException(
          operation
              + " failed for key '"
              + key
              + "': DynamoDB did not answer within operationTimeout ("
              + operationTimeout.toMillis()
              + " ms)",
          e);
    }
    return StorageException.of(operation, key, e);
  }

  /** The deadline of an operation starting now. */
  private Deadline deadline() {
    return Deadline.after(operationTimeout, clientApiCallTimeout);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("DynamoDbPersistentStorage is closed");
    }
  }

  /**
   * Builds a {@link DynamoDbPersistentStorage}. Mutable and not thread-safe; every {@link #build()}
   * makes an independent instance.
   */
  public static final class Builder {
    private @Nullable DynamoDbClient client;
    private @Nullable Region region;
    private @Nullable URI endpoint;
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean consistentReads = true;
    private @Nullable Duration expireAfter;
    private Clock clock = Clock.systemUTC();
    private int maxConcurrentQueries = DEFAULT_MAX_CONCURRENT_QUERIES;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    // Null until set: settings of the client this builder creates, refused with a caller's client.
    private @Nullable Duration connectTimeout;
    private @Nullable Duration attemptTimeout;
    private @Nullable Integer maxAttempts;

    private Builder() {}

    /**
     * Uses a client the caller owns and closes; {@link DynamoDbPersistentStorage#close()} leaves it
     * open. Cannot be combined with {@link #region}, {@link #endpoint} or {@link
     * #credentialsProvider}.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(DynamoDbClient client) {
      this.client = requireNonNullArgument(client, "client");
      return this;
    }

    /**
     * The region of the client this builder creates. Default: the SDK's region provider chain
     * ({@code AWS_REGION}, profile, instance metadata).
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(Region region) {
      this.region = requireNonNullArgument(region, "region");
      return this;
    }

    /**
     * The endpoint of the client this builder creates, such as DynamoDB Local's {@code
     * http://127.0.0.1:8000}. Default: the region's DynamoDB endpoint.
     *
     * @param endpoint the endpoint URI
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = requireNonNullArgument(endpoint, "endpoint");
      return this;
    }

    /**
     * The credentials of the client this builder creates. Default: the SDK's default credentials
     * provider chain.
     *
     * @param credentialsProvider the provider
     * @return this builder
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = requireNonNullArgument(credentialsProvider, "credentialsProvider");
      return this;
    }

    /**
     * The table to use. Default: {@value DynamoDbPersistentStorage#DEFAULT_TABLE_NAME}.
     *
     * @param tableName 3 to 255 characters from {@code a-z A-Z 0-9 _ - .}, DynamoDB's rule
     * @return this builder
     * @throws IllegalArgumentException if the name breaks DynamoDB's rule
     */
    public Builder tableName(String tableName) {
      this.tableName = Tables.requireValidName(tableName);
      return this;
    }

    /**
     * Whether reads are strongly consistent. Default: true, so a load always sees the latest save;
     * eventually consistent reads cost half as much but may miss a write made in the last second.
     *
     * @param consistentReads true for strongly consistent reads
     * @return this builder
     */
    public Builder consistentReads(boolean consistentReads) {
      this.consistentReads = consistentReads;
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save, and lets DynamoDB delete it
     * (with TTL enabled on the table's {@code ttl} attribute). Default: never.
     *
     * @param ttl a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder expireAfter(Duration ttl) {
      this.expireAfter = requirePositive(ttl, "ttl");
      return this;
    }

    /**
     * The clock that stamps and checks expiry. Default: the system UTC clock; tests pass one they
     * control.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The most {@code Query} requests one {@link DynamoDbPersistentStorage#loadAll} call has in
     * flight at once. Default: {@value DynamoDbPersistentStorage#DEFAULT_MAX_CONCURRENT_QUERIES}.
     *
     * @param maxConcurrentQueries at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxConcurrentQueries(int maxConcurrentQueries) {
      requireAtLeastOne(maxConcurrentQueries, "maxConcurrentQueries");
      this.maxConcurrentQueries = maxConcurrentQueries;
      return this;
    }

    /**
     * The longest one operation may take, retries and backoff included: {@code load}, {@code save},
     * {@code delete}, {@code saveIfAbsent} (all its requests), {@code loadAll} (all its queries
     * together), and each page of {@code forEachEntry}. When it has passed the operation throws a
     * {@link StorageException}. It applies to a {@linkplain #client(DynamoDbClient) caller's
     * client} too, as each request's {@code apiCallTimeout}, which never exceeds an {@code
     * apiCallTimeout} that client was built with. Default: 2 seconds ({@link
     * DynamoDbPersistentStorage#DEFAULT_OPERATION_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is null, zero or negative
     */
    public Builder operationTimeout(Duration timeout) {
      this.operationTimeout = requirePositive(timeout, "operationTimeout");
      return this;
    }

    /**
     * How long the client this builder creates waits for a TCP connection to DynamoDB to open; also
     * cut short so that it never outlasts the {@linkplain #operationTimeout operation timeout}.
     * Default: 1 second ({@link DynamoDbPersistentStorage#DEFAULT_CONNECT_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is null, zero or negative
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the client this builder creates waits for one attempt (one HTTP request and its
     * response) before it gives that attempt up and, time and attempts allowing, retries: the SDK's
     * {@code apiCallAttemptTimeout}, and the socket's read timeout. Default: 1 second ({@link
     * DynamoDbPersistentStorage#DEFAULT_ATTEMPT_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is null, zero or negative
     */
    public Builder attemptTimeout(Duration timeout) {
      this.attemptTimeout = requirePositive(timeout, "attemptTimeout");
      return this;
    }

    /**
     * How many times the client this builder creates sends a request that failed in a way worth
     * retrying (throttling, a 5xx, a broken connection, an attempt timeout), the first attempt
     * included, with the SDK's backoff for DynamoDB in between (from 25 ms, doubling, jittered;
     * longer after throttling), while the {@linkplain #operationTimeout operation timeout} allows.
     * Default: {@value DynamoDbPersistentStorage#DEFAULT_MAX_ATTEMPTS}; 1 never retries.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = requireAtLeastOne(maxAttempts, "maxAttempts");
      return this;
    }

    /**
     * Builds the storage, creating a DynamoDB client (the url-connection HTTP client, with the
     * timeouts and attempts above) unless one was given. Does not contact DynamoDB.
     *
     * @return a new instance
     * @throws IllegalStateException if a client was given together with a region, endpoint,
     *     credentials provider, connect or attempt timeout, or attempts
     */
    public DynamoDbPersistentStorage build() {
      if (client != null) {
        if (region != null
            || endpoint != null
            || credentialsProvider != null
            || connectTimeout != null
            || attemptTimeout != null
            || maxAttempts != null) {
          throw new IllegalStateException(
              "Give either client(...) or region/endpoint/credentialsProvider/connectTimeout/"
                  + "attemptTimeout/maxAttempts, not both: the settings of a caller's client are"
                  + " the caller's");
        }
        return new DynamoDbPersistentStorage(this, client, false);
      }
      OwnClient own =
          new OwnClient(
              region,
              endpoint,
              credentialsProvider,
              connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT,
              attemptTimeout != null ? attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT,
              maxAttempts != null ? maxAttempts : DEFAULT_MAX_ATTEMPTS,
              operationTimeout);
      return new DynamoDbPersistentStorage(this, own.create(), true);
    }
  }
}
