package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import java.util.Optional;

/**
 * What every assignment scenario of the kit stands on: {@link PersistentAssignment} over the
 * adapter under test, an evaluator whose live answers the scenario scripts, and the API the
 * scenario runs through. The nested classes of {@link PersistentStorageConformanceTest} extend the
 * scenario classes built on it, one per {@link AssignmentApi}.
 */
abstract class AssignmentScenarioSupport {
  static final String EXPERIMENT = "checkout_button";
  static final String ID_TYPE = "userID";

  /** The live answers; every change to it is a configuration change. */
  final ScriptedEvaluator evaluator = new ScriptedEvaluator();

  private final StorageUnderTest underTest;
  private final AssignmentApi api;

  AssignmentScenarioSupport(StorageUnderTest underTest, AssignmentApi api) {
    this.underTest = underTest;
    this.api = api;
  }

  /**
   * The adapter under test as the kit hands it to the scenarios: instances it closes after each
   * test, and a prefix no other test uses.
   */
  interface StorageUnderTest {
    /** The test's adapter instance, created on first use. */
    PersistentStorage storage();

    /** Another instance over the same backend. */
    PersistentStorage newStorage();

    /** A prefix unique to the test, for unit IDs (and so for storage keys). */
    String prefix();
  }

  PersistentStorage storage() {
    return underTest.storage();
  }

  PersistentStorage newStorage() {
    return underTest.newStorage();
  }

  String unit(String name) {
    return underTest.prefix() + name;
  }

  User user(String name) {
    return User.of(unit(name));
  }

  String storageKey(String name) {
    return unit(name) + ":" + ID_TYPE;
  }

  ScriptedEvaluator.Experiment experiment() {
    return evaluator.experiment(EXPERIMENT, ID_TYPE);
  }

  PersistentAssignment over(PersistentStorage storage) {
    return PersistentAssignment.builder().storage(storage).evaluator(evaluator).build();
  }

  /** Opens one request for the user through the API under test. */
  AssignmentApi.Request request(PersistentAssignment assignment, User user) {
    return api.request(assignment, user, evaluator);
  }

  /** Opens one request whose assignment uses its own evaluator (another server's). */
  AssignmentApi.Request request(
      PersistentAssignment assignment, User user, ScriptedEvaluator evaluator) {
    return api.request(assignment, user, evaluator);
  }

  /** What a service does on every request: evaluate one experiment in a request of its own. */
  Assignment evaluate(PersistentAssignment assignment, User user, String name) {
    return request(assignment, user).experiment(name);
  }

  Evaluation live(User user, String name) {
    return evaluator.evaluate(user, name).orElseThrow();
  }

  /** The user's entry for a config, read directly from the adapter under test. */
  Optional<StickyValues> stored(String userName, String config) {
    return storage().load(storageKey(userName)).get(config);
  }

  static void assertNoEntries(UserPersistedValues loaded, String description) {
    assertThat(loaded.isAvailable())
        .as("%s: load must never return unavailable()", description)
        .isTrue();
    assertThat(loaded.asMap()).as(description).isEmpty();
  }
}
