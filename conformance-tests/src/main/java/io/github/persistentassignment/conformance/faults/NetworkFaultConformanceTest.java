package io.github.persistentassignment.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.Samples;
import io.github.persistentassignment.conformance.ScriptedEvaluator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kit's network-fault tests: an adapter extends this class to prove that a broken network path
 * to its real server never breaks an evaluation, never reassigns a user, never holds a caller past
 * the adapter's timeout, and heals by itself, also when it was built while the server was down.
 *
 * <p>The kit puts a {@link FaultProxy} in front of each address of {@link #serverAddresses()} and
 * asks the subclass for a storage that reaches the server only through those proxies, with its
 * timeouts set so that one call gives up within {@link #failureTimeout()}. It checks what was
 * stored through a second storage that talks to the server directly. Each test uses its own unit
 * IDs and deletes what it wrote.
 *
 * <pre>{@code
 * class MyRedisNetworkFaultTest extends NetworkFaultConformanceTest {
 *   protected List<InetSocketAddress> serverAddresses() {
 *     return List.of(new InetSocketAddress("127.0.0.1", 6379));
 *   }
 *   protected PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
 *     FaultProxy proxy = proxies.get(0);
 *     return MyRedisStorage.create("redis://" + proxy.host() + ":" + proxy.port(),
 *         Duration.ofMillis(500));
 *   }
 *   protected PersistentStorage createDirectStorage() {
 *     return MyRedisStorage.create("redis://127.0.0.1:6379", Duration.ofSeconds(5));
 *   }
 *   protected Duration failureTimeout() {
 *     return Duration.ofMillis(500);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test writes the waits and recovery times it measured to standard output and to {@code
 * target/fault-report/<test class>.md}.
 */
public abstract class NetworkFaultConformanceTest {
  private static final String EXPERIMENT = "checkout_button";
  private static final String RETIRED = "old_banner";
  private static final String ID_TYPE = "userID";
  private static final int CALLS_DURING_OUTAGE = 6;
  private static final int CALLS_AFTER_RECOVERY = 20;

  private final ScriptedEvaluator evaluator = new ScriptedEvaluator();
  private final List<FaultProxy> proxies = new ArrayList<>();
  private final List<String> keysWritten = new ArrayList<>();
  private final List<PersistentStorage> lateStorages = new ArrayList<>();
  private String prefix = "";
  private PersistentStorage storage;
  private PersistentStorage direct;
  private PersistentAssignment assignment;

  /** For subclasses. */
  protected NetworkFaultConformanceTest() {}

  /**
   * The addresses of the real server: one for most backends, every node for a cluster. The kit
   * starts one {@link FaultProxy} in front of each, in this order.
   *
   * @return the server's addresses
   */
  protected abstract List<InetSocketAddress> serverAddresses();

  /**
   * Creates the storage under test, reaching the server only through {@code proxies} (one per
   * address of {@link #serverAddresses()}, in the same order), configured so that a call gives up
   * within {@link #failureTimeout()} when the server does not answer. The kit closes it.
   *
   * <p>The kit also calls it while the proxies refuse every connection, as an application starts
   * while its store is down: it must then return a storage without reaching the server (no I/O at
   * build), whose calls fail until the server is back and then work.
   *
   * @param proxies the running proxies
   * @return a new storage
   * @throws Exception if it cannot be created
   */
  protected abstract PersistentStorage createStorageThrough(List<FaultProxy> proxies)
      throws Exception;

  /**
   * Creates a storage over the same backend and namespace that talks to the server directly, with a
   * new client: the kit reads back through it what the storage under test left behind. The kit
   * closes it.
   *
   * @return a new storage
   * @throws Exception if it cannot be created
   */
  protected abstract PersistentStorage createDirectStorage() throws Exception;

  /**
   * The longest one call to the storage under test may take while the server does not answer: its
   * configured timeouts, retries and backoff included.
   *
   * @return the adapter's worst-case wait
   */
  protected abstract Duration failureTimeout();

  /**
   * What a call may take beyond {@link #failureTimeout()} on a busy test machine: thread
   * scheduling, garbage collection, a just-in-time compile.
   *
   * @return one second unless overridden
   */
  protected Duration timeoutMargin() {
    return Duration.ofSeconds(1);
  }

  /**
   * How long after the path heals the storage under test must be answering again.
   *
   * @return fifteen seconds unless overridden
   */
  protected Duration recoveryLimit() {
    return Duration.ofSeconds(15);
  }

  /** The kinds of outage every test runs under. */
  enum Outage {
    /** The server is gone: new connections refused, open ones reset. */
    CUT,
    /** A network partition: every byte held, in both directions. */
    BLACK_HOLE,
    /** The network answers, but slower than the adapter waits. */
    SLOWER_THAN_TIMEOUT
  }

  @BeforeEach
  void startProxies() throws Exception {
    prefix = "fault-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (InetSocketAddress address : serverAddresses()) {
      proxies.add(FaultProxy.start(address.getHostString(), address.getPort()));
    }
    storage = createStorageThrough(List.copyOf(proxies));
    direct = createDirectStorage();
    assignment = PersistentAssignment.builder().storage(storage).evaluator(evaluator).build();
    evaluator.experiment(EXPERIMENT, ID_TYPE).everyoneElse("control");
    evaluator.experiment(RETIRED, ID_TYPE).everyoneElse("blue");
  }

  @AfterEach
  void cleanUp() throws Exception {
    proxies.forEach(FaultProxy::close);
    try {
      for (String key : keysWritten) {
        direct.deleteAll(key);
      }
    } finally {
      storage.close();
      direct.close();
      lateStorages.forEach(PersistentStorage::close);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Outage.class)
  @DisplayName(
      "during an outage every call fails open within the timeout, nothing is written or"
          + " deleted, it is one outage, and afterwards stored users keep their group")
  void outage(Outage outage) throws Exception {
    User alice = user("alice");
    experiment().group(unit("alice"), "treatment");
    assertThat(evaluate(alice).reason()).isEqualTo(Reason.EVALUATED);
    assertThat(evaluate(alice, RETIRED).reason()).isEqualTo(Reason.EVALUATED);
    StickyValues aliceStored = storedDirectly("alice", EXPERIMENT);
    StickyValues aliceRetired = storedDirectly("alice", RETIRED);

    // Live configuration changes while storage is away: alice's group would change if she were
    // re-evaluated, and the retired experiment would be deleted if storage were answering.
    experiment().group(unit("alice"), "control");
    evaluator.experiment(RETIRED, ID_TYPE).active(false);

    long failuresBefore = assignment.storageFailures();
    long outagesBefore = assignment.storageOutages();
    start(outage);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < CALLS_DURING_OUTAGE; i++) {
      User user = i % 2 == 0 ? alice : user("newcomer" + i);
      long started = System.nanoTime();
      UserPersistedValues values = assignment.getUserPersistedValues(user, ID_TYPE);
      waits.add(Duration.ofNanos(System.nanoTime() - started));
      assertThat(values.isAvailable()).as("values loaded during the outage").isFalse();

      Assignment live = assignment.getExperiment(user, EXPERIMENT, persisted(values));
      assertThat(live.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
      assertThat(live.groupName()).isEqualTo("control");
      assignment.getExperiment(user, RETIRED, persisted(values));
    }
    Duration longest = waits.stream().max(Duration::compareTo).orElseThrow();
    assertThat(longest)
        .as(
            "longest wait for a load during %s, allowed %s + %s",
            outage, failureTimeout(), margin())
        .isLessThanOrEqualTo(failureTimeout().plus(margin()));
    assertThat(assignment.storageFailures() - failuresBefore).isEqualTo(CALLS_DURING_OUTAGE);
    assertThat(assignment.storageOutages() - outagesBefore).isEqualTo(1);

    heal();
    Recovery recovery = awaitRecovery(alice);
    for (int i = 0; i < CALLS_AFTER_RECOVERY; i++) {
      Assignment again = evaluate(alice);
      assertThat(again.reason())
          .as("alice after the outage, call %d", i)
          .isEqualTo(Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo("treatment");
    }
    assertThat(storedDirectly("alice", EXPERIMENT)).isEqualTo(aliceStored);
    assertThat(storedDirectly("alice", RETIRED))
        .as("an entry that a failed load must not let be deleted")
        .isEqualTo(aliceRetired);
    for (int i = 0; i < CALLS_DURING_OUTAGE; i += 2) {
      // Nothing was saved for a user first seen during the outage.
      assertThat(direct.load(key("newcomer" + (i + 1))).asMap()).isEmpty();
    }
    FaultReport.of(getClass())
        .add(outage.name(), waits, failureTimeout(), recovery.time(), recovery.failedCalls());
  }

  @ParameterizedTest(name = "cut in the {0} after {1} bytes")
  @CsvSource({
    "request, 0", "request, 1", "request, 9", "request, 40",
    "response, 0", "response, 1", "response, 5", "response, 40"
  })
  @DisplayName("a connection cut in the middle of a save leaves the old or the new entry intact")
  void cutDuringSave(String direction, int bytes) throws Exception {
    String key = key("carol");
    StickyValues before = Samples.simple("before");
    StickyValues after = Samples.simple("after");
    StickyValues sibling = Samples.simple("sibling");
    direct.save(key, EXPERIMENT, before);
    direct.save(key, RETIRED, sibling);
    assertThat(storage.load(key).get(EXPERIMENT)).contains(before); // a connection is open

    if ("request".equals(direction)) {
      proxies.forEach(proxy -> proxy.cutNextRequestAfter(bytes));
    } else {
      proxies.forEach(proxy -> proxy.cutNextResponseAfter(bytes));
    }
    try {
      storage.save(key, EXPERIMENT, after);
    } catch (StorageException expected) {
      // the save may or may not have reached the server; what matters is what is stored
    }
    heal();

    Map<String, StickyValues> stored = direct.load(key).asMap();
    assertThat(stored).containsEntry(RETIRED, sibling).containsKey(EXPERIMENT).hasSize(2);
    assertThat(stored.get(EXPERIMENT)).isIn(before, after);

    // And the storage under test is usable again.
    awaitRecovery(user("carol"));
    storage.save(key, EXPERIMENT, after);
    assertThat(direct.load(key).get(EXPERIMENT)).contains(after);
  }

  @Test
  @DisplayName(
      "a storage built while the server is down fails open for requests, and the same instance"
          + " works once the server is back")
  void startsWhileServerIsDown() throws Exception {
    proxies.forEach(FaultProxy::cut);
    // The application starts now: building the storage must not need the server.
    PersistentStorage late = createStorageThrough(List.copyOf(proxies));
    lateStorages.add(late);
    PersistentAssignment started =
        PersistentAssignment.builder().storage(late).evaluator(evaluator).build();
    User erin = user("erin");
    experiment().group(unit("erin"), "treatment");

    Assignment whileDown = started.forUser(erin).getExperiment(EXPERIMENT);
    assertThat(whileDown.reason())
        .as("a request while the server was never reached")
        .isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(whileDown.groupName()).isEqualTo("treatment");
    assertThat(direct.load(key("erin")).asMap()).as("stored while down").isEmpty();

    heal();
    long healed = System.nanoTime();
    Assignment first = started.forUser(erin).getExperiment(EXPERIMENT);
    while (first.reason() == Reason.STORAGE_UNAVAILABLE) {
      assertThat(Duration.ofNanos(System.nanoTime() - healed))
          .as("time for the storage built while down to answer once the server is back")
          .isLessThan(recoveryLimit());
      Thread.sleep(50);
      first = started.forUser(erin).getExperiment(EXPERIMENT);
    }
    assertThat(first.reason())
        .as("erin's first request once the server answers")
        .isEqualTo(Reason.EVALUATED);
    assertThat(direct.load(key("erin")).get(EXPERIMENT))
        .as("erin's entry, read directly")
        .map(StickyValues::groupName)
        .contains("treatment");
    experiment().group(unit("erin"), "control");
    Assignment again = started.forUser(erin).getExperiment(EXPERIMENT);
    assertThat(again.reason()).as("erin's next request").isEqualTo(Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo("treatment");
  }

  @Test
  @DisplayName("a slow network that stays within the timeout changes nothing")
  void slowButWithinTimeout() throws Exception {
    Duration delay = failureTimeout().dividedBy(10);
    proxies.forEach(proxy -> proxy.addLatency(delay));
    User dave = user("dave");
    experiment().group(unit("dave"), "treatment");
    assertThat(evaluate(dave).reason()).isEqualTo(Reason.EVALUATED);
    assertThat(evaluate(dave).reason()).isEqualTo(Reason.PERSISTED);
    assertThat(assignment.storageFailures()).isZero();
  }

  private void start(Outage outage) {
    for (FaultProxy proxy : proxies) {
      switch (outage) {
        case CUT -> proxy.cut();
        case BLACK_HOLE -> proxy.blackHole();
        case SLOWER_THAN_TIMEOUT -> proxy.addLatency(failureTimeout().multipliedBy(3));
      }
    }
  }

  private void heal() {
    proxies.forEach(FaultProxy::pass);
  }

  /** Loads until the storage answers, counting the calls that still failed after the heal. */
  private Recovery awaitRecovery(User user) throws InterruptedException {
    long started = System.nanoTime();
    int failed = 0;
    while (!assignment.getUserPersistedValues(user, ID_TYPE).isAvailable()) {
      failed++;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertThat(elapsed)
          .as("time for the storage to answer again after the path healed")
          .isLessThan(recoveryLimit());
      Thread.sleep(50);
    }
    return new Recovery(Duration.ofNanos(System.nanoTime() - started), failed);
  }

  private Assignment evaluate(User user) {
    return evaluate(user, EXPERIMENT);
  }

  private Assignment evaluate(User user, String experiment) {
    UserPersistedValues values = assignment.getUserPersistedValues(user, ID_TYPE);
    assertThat(values.isAvailable()).as("values of %s", user.userId()).isTrue();
    return assignment.getExperiment(user, experiment, persisted(values));
  }

  private StickyValues storedDirectly(String name, String config) {
    return direct.load(key(name)).get(config).orElseThrow();
  }

  private ScriptedEvaluator.Experiment experiment() {
    return evaluator.experiment(EXPERIMENT, ID_TYPE);
  }

  private static ExperimentOptions persisted(UserPersistedValues values) {
    return ExperimentOptions.persisted(values);
  }

  private Duration margin() {
    return timeoutMargin();
  }

  private String unit(String name) {
    return prefix + name;
  }

  private User user(String name) {
    key(name);
    return User.of(unit(name));
  }

  private String key(String name) {
    String key = unit(name) + ":" + ID_TYPE;
    if (!keysWritten.contains(key)) {
      keysWritten.add(key);
    }
    return key;
  }

  /** How long the storage took to answer after the heal, and how many calls failed meanwhile. */
  private record Recovery(Duration time, int failedCalls) {}
}
