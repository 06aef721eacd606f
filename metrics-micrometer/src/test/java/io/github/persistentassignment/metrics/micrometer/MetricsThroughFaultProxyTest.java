package io.github.persistentassignment.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The meters during a real outage: Redis behind the kit's fault proxy, which cuts the path (new
 * connections refused, open ones reset) and heals it.
 */
@DisplayName("Metrics of Redis through a failing network")
class MetricsThroughFaultProxyTest {
  private static final String PREFIX = "pa-metrics-" + UUID.randomUUID() + ":";
  private static final ExperimentCatalog CATALOG =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> usedKeys = new ArrayList<>();
  private FaultProxy proxy;
  private MeteredPersistentStorage storage;

  @BeforeEach
  void startProxy() throws Exception {
    URI server = URI.create(TestBackends.redisUrl()); // skips without Redis, unless required
    proxy = FaultProxy.start(server.getHost(), server.getPort());
    PersistentStorage redis =
        RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port())
            .keyPrefix(PREFIX)
            .build();
    storage = MeteredPersistentStorage.builder(redis, registry).tag("store", "redis").build();
  }

  @AfterEach
  void cleanUp() {
    if (proxy == null) {
      return;
    }
    try (FaultProxy closing = proxy;
        PersistentStorage closingStorage = storage) {
      closing.pass();
      usedKeys.forEach(closingStorage::deleteAll);
    }
  }

  private String user(String name) {
    String id = name + "-" + UUID.randomUUID();
    usedKeys.add(id + ":userID");
    return id;
  }

  private Timer timer(String operation, String outcome) {
    return registry
        .get(MeteredPersistentStorage.TIMER)
        .tags("store", "redis", "operation", operation, "outcome", outcome)
        .timer();
  }

  @Test
  @DisplayName("a call the backend fails is timed as a failure, and works again after the outage")
  void failureOutcome() {
    String key = user("alice") + ":userID";
    storage.save(key, "checkout_button", MeteredPersistentStorageTest.values("Control"));

    proxy.cut();
    assertThatThrownBy(() -> storage.load(key)).isInstanceOf(StorageException.class);
    assertThatThrownBy(
            () ->
                storage.saveIfAbsent(
                    key, "checkout_button", MeteredPersistentStorageTest.values("Test")))
        .isInstanceOf(StorageException.class);

    assertThat(timer("load", "failure").count()).isEqualTo(1);
    assertThat(timer("load", "failure").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(timer("saveIfAbsent", "failure").count()).isEqualTo(1);
    assertThat(timer("load", "rejected").count()).isZero();

    proxy.pass();
    assertThat(storage.load(key).get("checkout_button"))
        .contains(MeteredPersistentStorageTest.values("Control"));
    assertThat(timer("save", "success").count()).isEqualTo(1);
    assertThat(timer("load", "success").count()).isEqualTo(1);
    assertThat(timer("load", "failure").count()).isEqualTo(1);
  }

  @Test
  @DisplayName("decisions, storage failures and outages are counted while the proxy cuts the store")
  void decisionsAndOutages() {
    PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
    PersistentAssignment assignment =
        PersistentAssignment.builder()
            .storage(storage)
            .evaluator(CATALOG)
            .decisionListener(metrics)
            .build();
    metrics.monitor(assignment).bindTo(registry);
    String bob = user("bob");
    String carol = user("carol");

    Assignment first = decide(assignment, bob);
    proxy.cut();
    Assignment unavailable = decide(assignment, bob);
    decide(assignment, carol);

    assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(unavailable.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(decisions("storage_unavailable")).isEqualTo(2);
    assertThat(read(PersistentAssignmentMetrics.STORAGE_FAILURES)).isEqualTo(2);
    assertThat(read(PersistentAssignmentMetrics.STORAGE_OUTAGES)).isEqualTo(1);
    assertThat(timer("load", "failure").count()).isEqualTo(2);

    proxy.pass();
    assertThat(decide(assignment, bob).reason()).isEqualTo(Reason.PERSISTED);
    assertThat(read(PersistentAssignmentMetrics.STORAGE_OUTAGES)).isEqualTo(1);

    proxy.cut(); // a second outage
    decide(assignment, carol);
    assertThat(read(PersistentAssignmentMetrics.STORAGE_FAILURES)).isEqualTo(3);
    assertThat(read(PersistentAssignmentMetrics.STORAGE_OUTAGES)).isEqualTo(2);
    assertThat(decisions("evaluated")).isEqualTo(1);
    assertThat(decisions("persisted")).isEqualTo(1);
    assertThat(decisions("storage_unavailable")).isEqualTo(3);
  }

  private static Assignment decide(PersistentAssignment assignment, String userId) {
    return assignment.forUser(User.of(userId)).getExperiment("checkout_button");
  }

  private double decisions(String reason) {
    return registry
        .get(PersistentAssignmentMetrics.DECISIONS)
        .tag("reason", reason)
        .counter()
        .count();
  }

  private double read(String name) {
    return registry.get(name).functionCounter().count();
  }
}
