package io.github.persistentassignment.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.faults.NetworkFaultConformanceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Redis variants of the kit's network-fault tests share: the storage under test is built
 * with short timeouts, the kit's bound is the builder's {@link
 * RedisPersistentStorage.Builder#worstCaseCallTime()}, and a few Redis-specific checks run on top
 * of the kit's: one timeout per call rather than the worst case, no failed call when Redis drops
 * every connection, saveIfAbsent's winner after a repeated call, and loadAll in an outage.
 */
abstract class RedisNetworkFaultVariant extends NetworkFaultConformanceTest {
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  static final Duration OPERATION_TIMEOUT = Duration.ofMillis(500);
  static final Duration POOL_TIMEOUT = Duration.ofMillis(250);

  private final String unit = "extra-" + UUID.randomUUID() + "-";
  private List<FaultProxy> proxies = List.of();
  private RedisPersistentStorage storage;

  /** A builder of the storage under test, reaching Redis only through {@code proxies}. */
  abstract RedisPersistentStorage.Builder builderThrough(List<FaultProxy> proxies);

  @Override
  protected final PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
    this.proxies = proxies;
    this.storage = withTestTimeouts(builderThrough(proxies)).build();
    return storage;
  }

  @Override
  protected final Duration failureTimeout() {
    return withTestTimeouts(RedisPersistentStorage.builder("redis://127.0.0.1"))
        .worstCaseCallTime();
  }

  private static RedisPersistentStorage.Builder withTestTimeouts(
      RedisPersistentStorage.Builder builder) {
    return builder
        .connectTimeout(CONNECT_TIMEOUT)
        .operationTimeout(OPERATION_TIMEOUT)
        .poolTimeout(POOL_TIMEOUT);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"load", "save", "saveIfAbsent", "delete"})
  @DisplayName(
      "a black-holed call fails after one socket timeout, on a pooled connection and on a new one")
  void blackHoleCostsOneTimeout(String operation) {
    String key = key("alice");
    storage.load(key); // leaves a pooled connection to the node that owns the key
    proxies.forEach(FaultProxy::blackHole);

    Duration pooled = timeFailure(() -> run(operation, key));
    Duration fresh = timeFailure(() -> run(operation, key));

    // Two timeouts in one call (the pool replacing the dead connection in the caller's thread, a
    // retry after a timeout, a layout refresh) would take at least twice as long.
    Duration twoTimeouts = OPERATION_TIMEOUT.multipliedBy(2);
    assertThat(pooled).as("on the pooled connection").isLessThan(twoTimeouts);
    assertThat(fresh).as("on a new connection").isLessThan(twoTimeouts);
  }

  @Test
  @DisplayName("when Redis drops every open connection, not one call fails")
  void droppedConnectionsFailNoCall() throws Exception {
    List<String> keys = IntStream.range(0, 12).mapToObj(i -> key("user" + i)).toList();
    fillThePool(keys);
    assertThat(proxies.stream().mapToInt(FaultProxy::openConnections).sum())
        .as("connections open before they are dropped")
        .isGreaterThan(proxies.size());

    proxies.forEach(FaultProxy::cutConnections); // as when Redis restarts

    StickyValues values = TestValues.group("treatment");
    for (String key : keys) {
      storage.save(key, "exp", values);
      assertThat(storage.load(key).get("exp")).contains(values);
      assertThat(storage.saveIfAbsent(key, "other", values)).isEmpty();
      storage.delete(key, "other");
    }
  }

  @ParameterizedTest(name = "cut in the {0}")
  @ValueSource(strings = {"request", "response"})
  @DisplayName("a saveIfAbsent repeated after its connection was cut still reports that it wrote")
  void repeatedSaveIfAbsentReportsItsWin(String direction) throws Exception {
    String key = key("carol");
    StickyValues mine = TestValues.group("mine");
    storage.load(key); // the next chunk each way belongs to the saveIfAbsent
    Consumer<FaultProxy> arm =
        "request".equals(direction)
            ? proxy -> proxy.cutNextRequestAfter(5)
            : proxy -> proxy.cutNextResponseAfter(0);
    proxies.forEach(arm);

    assertThat(storage.saveIfAbsent(key, "exp", mine)).as("what saveIfAbsent reported").isEmpty();
    // On a cluster only the proxy of the key's node sees the call; the others stay armed.
    assertThat(proxies.stream().filter(proxy -> !proxy.cutPending()))
        .as("proxies whose cut went off")
        .isNotEmpty();
    proxies.forEach(FaultProxy::pass);
    try (PersistentStorage direct = createDirectStorage()) {
      assertThat(direct.load(key).get("exp")).contains(mine);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cut", "blackHole"})
  @DisplayName("loadAll during an outage is a StorageException after one timeout, then works")
  void loadAllInAnOutage(String outage) {
    List<String> keys = IntStream.range(0, 12).mapToObj(i -> key("bulk" + i)).toList();
    storage.save(keys.get(0), "exp", TestValues.group("treatment"));
    storage.loadAll(keys);
    proxies.forEach("cut".equals(outage) ? FaultProxy::cut : FaultProxy::blackHole);

    Duration wait = timeFailure(() -> storage.loadAll(keys));

    assertThat(wait).as("one timeout, not two").isLessThan(OPERATION_TIMEOUT.multipliedBy(2));
    proxies.forEach(FaultProxy::pass);
    assertThat(storage.loadAll(keys).get(keys.get(0)).get("exp"))
        .contains(TestValues.group("treatment"));
    storage.delete(keys.get(0), "exp");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"purge", "forEachEntry"})
  @DisplayName("a bulk operation in an outage fails after one batch's deadline, then works")
  void bulkInAnOutage(String operation) {
    storage.save(key("bulk-outage"), "exp", TestValues.group("treatment"));
    proxies.forEach(FaultProxy::blackHole);

    Duration wait = timeFailure(() -> bulk(operation));

    assertThat(wait).as("one batch's deadline").isLessThan(failureTimeout());
    proxies.forEach(FaultProxy::pass);
    assertThatCode(() -> bulk(operation)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName(
      "each loadAll batch of 500 keys has its own deadline: 10 slow batches take longer than one"
          + " deadline, and succeed")
  void eachBatchHasItsOwnDeadline() {
    Duration latency = Duration.ofMillis(100);
    RedisPersistentStorage.Builder builder =
        builderThrough(proxies)
            .connectTimeout(Duration.ofMillis(200))
            .operationTimeout(Duration.ofMillis(400))
            .poolTimeout(Duration.ofMillis(100));
    // On a cluster a batch may take pool + connect + operation timeouts; on one server each wait
    // for a reply is bounded by the operation timeout.
    Duration batchDeadline = Duration.ofMillis(700);
    List<String> keys = IntStream.range(0, 5_000).mapToObj(i -> key("deadline" + i)).toList();
    StickyValues values = TestValues.group("treatment");
    try (RedisPersistentStorage slow = builder.build()) {
      slow.save(keys.get(4_999), "exp", values);
      slow.loadAll(keys.subList(0, 100)); // opens connections to every node before the latency
      proxies.forEach(proxy -> proxy.addLatency(latency));
      long started = System.nanoTime();
      var loaded = slow.loadAll(keys);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      proxies.forEach(FaultProxy::pass);
      System.out.println("[deadline] loadAll of 5000 keys, 100 ms added per chunk: " + took);
      assertThat(loaded.get(keys.get(4_999)).get("exp")).contains(values);
      assertThat(took).as("the whole loadAll").isGreaterThan(batchDeadline);
      slow.delete(keys.get(4_999), "exp");
    }
  }

  @Test
  @DisplayName("when every connection is busy, a call waits the pool timeout, then fails")
  void busyPoolWaitsThePoolTimeout() throws Exception {
    String key = key("dave");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (RedisPersistentStorage single =
        builderThrough(proxies)
            .maxConnections(1)
            .connectTimeout(CONNECT_TIMEOUT)
            .operationTimeout(Duration.ofSeconds(3))
            .poolTimeout(POOL_TIMEOUT)
            .build()) {
      single.load(key);
      proxies.forEach(FaultProxy::blackHole);
      Future<?> holder = other.submit(() -> single.load(key)); // keeps the one connection busy
      Thread.sleep(300); // lets the holder take the connection first

      Duration wait = timeFailure(() -> single.load(key));

      assertThat(wait).isGreaterThanOrEqualTo(POOL_TIMEOUT).isLessThan(Duration.ofSeconds(2));
      proxies.forEach(FaultProxy::pass);
      holder.get(); // its reply arrives once the path passes traffic again
    } finally {
      other.shutdown();
    }
  }

  private void bulk(String operation) {
    if (operation.equals("purge")) {
      storage.purge("no-such-config");
    } else {
      storage.forEachEntry(entry -> {});
    }
  }

  /** The proxies in front of the nodes, in {@link #serverAddresses()} order. */
  final List<FaultProxy> proxies() {
    return proxies;
  }

  /** The storage under test. */
  final RedisPersistentStorage storage() {
    return storage;
  }

  /** A storage key of this test's own. */
  final String key(String name) {
    return unit + name + ":userID";
  }

  /** Loads from several threads at once, so the pools hold more than one connection. */
  private void fillThePool(List<String> keys) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> loads = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String key = keys.get(i % keys.size());
        loads.add(threads.submit(() -> storage.load(key)));
      }
      for (Future<?> load : loads) {
        load.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  private void run(String operation, String key) {
    StickyValues values = TestValues.group("treatment");
    switch (operation) {
      case "load" -> storage.load(key);
      case "save" -> storage.save(key, "exp", values);
      case "saveIfAbsent" -> storage.saveIfAbsent(key, "exp", values);
      case "delete" -> storage.delete(key, "exp");
      default -> throw new IllegalArgumentException(operation);
    }
  }

  private static Duration timeFailure(ThrowingCallable call) {
    long started = System.nanoTime();
    assertThatThrownBy(call).isInstanceOf(StorageException.class);
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
