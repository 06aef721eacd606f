package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link DynamoDbPersistentStorage} over a {@link DynamoDbClient} the benchmark owns (the
 * URL-connection HTTP client, as the adapter's builder would make), against DynamoDB Local; a table
 * of its own, deleted on {@link #close()}.
 */
final class DynamoDbBackend extends BenchmarkBackend {
  private final DynamoDbClient client;
  private final String table;
  private final RawDynamoDb raw;

  private DynamoDbBackend(
      DynamoDbClient client, String table, DynamoDbPersistentStorage storage, RawDynamoDb raw) {
    super("dynamodb", storage, raw);
    this.client = client;
    this.table = table;
    this.raw = raw;
  }

  static DynamoDbBackend open(String run) {
    // The JDK keeps at most 5 idle HTTP connections per host by default; 8 benchmark threads would
    // then open a new connection for most requests, on both sides alike. Set before first use.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(SharedServers.dynamoDbEndpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider( // DynamoDB Local does not check them
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    String table = "pa_bench_" + run;
    DynamoDbPersistentStorage storage =
        DynamoDbPersistentStorage.builder()
            .client(client)
            .tableName(table)
            .createTableIfMissing(true)
            .build();
    createTable(storage);
    return new DynamoDbBackend(client, table, storage, new RawDynamoDb(client, table));
  }

  /**
   * Makes the storage's first call, which creates the table, before the raw side needs it. The
   * first requests to a freshly started DynamoDB Local can outlast the operation timeout; the
   * storage checks the table again on each call until one succeeds.
   */
  private static void createTable(DynamoDbPersistentStorage storage) {
    for (int attempt = 1; ; attempt++) {
      try {
        storage.load("bench-table-check:userID");
        return;
      } catch (StorageException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  @Override
  public String describe() {
    return "DynamoDB Local "
        + ArtifactVersions.of("com.amazonaws", "DynamoDBLocal")
        + " (AWS SDK for Java "
        + ArtifactVersions.of("software.amazon.awssdk", "dynamodb")
        + ", url-connection-client)";
  }

  @Override
  public void close() {
    try {
      client.deleteTable(delete -> delete.tableName(table));
    } finally {
      raw.close();
      storage().close();
      client.close();
    }
  }

  /** The adapter's requests, built by hand and sent with the same client. */
  private static final class RawDynamoDb implements RawCommands {
    /** The adapter's default bound on queries in flight for one loadAll. */
    private static final int QUERIES_IN_FLIGHT = 8;

    private final DynamoDbClient client;
    private final String table;
    private final ExecutorService helpers =
        Executors.newFixedThreadPool(
            QUERIES_IN_FLIGHT - 1,
            runnable -> {
              Thread thread = new Thread(runnable, "raw-dynamodb-query");
              thread.setDaemon(true);
              return thread;
            });

    private final RawDynamoDbBatches batches;

    RawDynamoDb(DynamoDbClient client, String table) {
      this.client = client;
      this.table = table;
      this.batches = new RawDynamoDbBatches(client, table);
    }

    @Override
    public void seed(List<String> keys, List<String> configs, String json) {
      batches.seed(keys, configs, json);
    }

    @Override
    public long deleteAll(String key) {
      return batches.deleteAll(key);
    }

    @Override
    public long purge(String configName) {
      return batches.purge(configName);
    }

    @Override
    public Object load(String key) {
      QueryRequest request =
          QueryRequest.builder()
              .tableName(table)
              .keyConditionExpression("#pk = :pk")
              .projectionExpression("#sk, #v, #ttl")
              .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk", "#v", "v", "#ttl", "ttl"))
              .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key)))
              .consistentRead(true)
              .build();
      return client.query(request).items();
    }

    @Override
    public Map<String, StickyValues> loadDecoding(String key, Collection<String> configs) {
      @SuppressWarnings("unchecked")
      List<Map<String, AttributeValue>> items = (List<Map<String, AttributeValue>>) load(key);
      Map<String, String> entries = new HashMap<>();
      for (Map<String, AttributeValue> item : items) {
        entries.put(item.get("sk").s(), item.get("v").s());
      }
      return RawCommands.decode(entries, configs);
    }

    @Override
    public Object save(String key, String configName, String json) {
      return client.putItem(put -> put.tableName(table).item(item(key, configName, json)));
    }

    @Override
    public boolean saveIfAbsent(String key, String configName, String json) {
      long nowSeconds = System.currentTimeMillis() / 1000;
      try {
        client.putItem(
            put ->
                put.tableName(table)
                    .item(item(key, configName, json))
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl <= :now")
                    .expressionAttributeNames(Map.of("#pk", "pk", "#ttl", "ttl"))
                    .expressionAttributeValues(
                        Map.of(":now", AttributeValue.fromN(Long.toString(nowSeconds))))
                    .returnValuesOnConditionCheckFailure(
                        ReturnValuesOnConditionCheckFailure.ALL_OLD));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    }

    @Override
    public Object delete(String key, String configName) {
      return client.deleteItem(
          delete ->
              delete
                  .tableName(table)
                  .key(
                      Map.of(
                          "pk",
                          AttributeValue.fromS(key),
                          "sk",
                          AttributeValue.fromS(configName))));
    }

    /** One Query per key, with as many in flight as the adapter allows. */
    @Override
    public Object loadAll(List<String> keys) {
      Map<String, Object> users = new ConcurrentHashMap<>();
      inParallel(keys, key -> users.put(key, load(key)));
      return users;
    }

    @Override
    public Map<String, Map<String, StickyValues>> loadAllDecoding(
        List<String> keys, Collection<String> configs) {
      Map<String, Map<String, StickyValues>> users = new ConcurrentHashMap<>();
      inParallel(keys, key -> users.put(key, loadDecoding(key, configs)));
      return users;
    }

    /** This thread and up to 7 helpers each take the next key until none is left. */
    private void inParallel(List<String> keys, Consumer<String> query) {
      AtomicInteger next = new AtomicInteger();
      Runnable worker =
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < keys.size()) {
              query.accept(keys.get(i));
            }
          };
      List<Future<?>> started = new ArrayList<>();
      for (int i = 1; i < Math.min(QUERIES_IN_FLIGHT, keys.size()); i++) {
        started.add(helpers.submit(worker));
      }
      worker.run();
      try {
        for (Future<?> helper : started) {
          helper.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a raw query failed", e.getCause());
      }
    }

    void close() {
      helpers.shutdownNow();
    }

    private static Map<String, AttributeValue> item(String key, String configName, String json) {
      return Map.of(
          "pk",
          AttributeValue.fromS(key),
          "sk",
          AttributeValue.fromS(configName),
          "v",
          AttributeValue.fromS(json));
    }
  }
}
