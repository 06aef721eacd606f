package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The experiment's lifecycle over the adapter under test, with the real {@link ExperimentCatalog}:
 * an anonymous user who logs in keeps the group (one round trip, the entry then under both keys),
 * and assignment versions re-randomize or exclude earlier users. Entries written without a version,
 * as other SDKs write them, count as version 0.
 */
abstract class LifecycleScenarios extends AssignmentScenarioSupport {
  private static final String STABLE_ID = "stableID";

  LifecycleScenarios(StorageUnderTest underTest) {
    super(underTest, AssignmentApi.FOR_USER);
  }

  private static Experiment.Builder checkout() {
    return Experiment.builder(EXPERIMENT)
        .idType(ID_TYPE)
        .fallbackIdType(STABLE_ID)
        .defaultParameters(Map.of("color", "grey"))
        .group("Control", 50, Map.of("color", "blue"))
        .group("Test", 50, Map.of("color", "green"));
  }

  private static PersistentAssignment over(PersistentStorage storage, Experiment experiment) {
    return PersistentAssignment.builder()
        .storage(storage)
        .evaluator(ExperimentCatalog.builder().experiment(experiment).build())
        .build();
  }

  private User anonymous(String device) {
    return User.builder().customId(STABLE_ID, unit(device)).build();
  }

  private User loggedIn(String name, String device) {
    return User.builder().userId(unit(name)).customId(STABLE_ID, unit(device)).build();
  }

  private Optional<StickyValues> storedUnder(String unitName, String idType) {
    return storage().load(unit(unitName) + ":" + idType).get(EXPERIMENT);
  }

  /** An entry as an earlier version (or another SDK, with a null version) stored it. */
  private static StickyValues earlier(String group, Integer version) {
    return StickyValues.builder()
        .value(true)
        .groupName(group)
        .ruleId(group)
        .jsonValue(Map.of("color", "earlier-" + group))
        .time(1_600_000_000_000L)
        .configVersion(version)
        .build();
  }

  @Test
  @DisplayName(
      "an anonymous user's group is kept after login: one loadAll of both keys, and the entry is"
          + " then stored under both")
  void anonymousThenLoggedIn() {
    Experiment experiment = checkout().build();
    Assignment first =
        over(storage(), experiment).forUser(anonymous("device")).getExperiment(EXPERIMENT);
    assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(storedUnder("device", STABLE_ID))
        .as("stored under the stableID")
        .contains(first.values());

    CountingStorage counting = new CountingStorage(storage());
    Assignment afterLogin =
        over(counting, experiment).forUser(loggedIn("alice", "device")).getExperiment(EXPERIMENT);
    assertThat(afterLogin.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(afterLogin.groupName()).isEqualTo(first.groupName());
    assertThat(counting.loadAlls()).as("loadAll calls").isEqualTo(1);
    assertThat(counting.loads()).as("load calls").isZero();
    assertThat(counting.saves()).as("the copy to the user's key").isEqualTo(1);
    assertThat(storedUnder("alice", ID_TYPE)).as("now under the userID").contains(first.values());
    assertThat(storedUnder("device", STABLE_ID))
        .as("still under the stableID")
        .contains(first.values());
  }

  @Test
  @DisplayName(
      "a version bump with reassignBelowVersion re-randomizes an earlier user and saves anew")
  void versionBumpReassigns() {
    storage().save(storageKey("alice"), EXPERIMENT, earlier("Retired", 1));
    Experiment bumped = checkout().version(2).reassignBelowVersion(2).build();
    Assignment now =
        over(storage(), bumped).forUser(loggedIn("alice", "device")).getExperiment(EXPERIMENT);
    assertThat(now.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(now.groupName()).isIn("Control", "Test");
    assertThat(now.values().configVersion()).isEqualTo(2);
    assertThat(storedUnder("alice", ID_TYPE))
        .as("the earlier entry replaced")
        .contains(now.values());
  }

  @Test
  @DisplayName("excludeBelowVersion serves an earlier user the defaults and saves nothing")
  void excludeBelowVersion() {
    storage().save(storageKey("alice"), EXPERIMENT, earlier("Control", 1));
    Experiment bumped = checkout().version(2).excludeBelowVersion(2).build();
    CountingStorage counting = new CountingStorage(storage());
    Assignment now =
        over(counting, bumped).forUser(loggedIn("alice", "device")).getExperiment(EXPERIMENT);
    assertThat(now.reason()).isEqualTo(Reason.EXCLUDED);
    assertThat(now.userInExperiment()).isFalse();
    assertThat(now.stringParameter("color", null)).isEqualTo("grey");
    assertThat(counting.saves() + counting.deletes()).as("writes").isZero();
    assertThat(storedUnder("alice", ID_TYPE)).contains(earlier("Control", 1));
  }

  @Test
  @DisplayName("an entry written without a version (another SDK's) counts as version 0")
  void noVersionIsVersionZero() {
    storage().save(storageKey("alice"), EXPERIMENT, earlier("Control", null));
    Assignment kept =
        over(storage(), checkout().version(1).build())
            .forUser(loggedIn("alice", "device"))
            .getExperiment(EXPERIMENT);
    assertThat(kept.reason()).isEqualTo(Reason.PERSISTED);
    Assignment excluded =
        over(storage(), checkout().version(1).excludeBelowVersion(1).build())
            .forUser(loggedIn("alice", "device"))
            .getExperiment(EXPERIMENT);
    assertThat(excluded.reason()).isEqualTo(Reason.EXCLUDED);
    Assignment reassigned =
        over(storage(), checkout().version(1).reassignBelowVersion(1).build())
            .forUser(loggedIn("alice", "device"))
            .getExperiment(EXPERIMENT);
    assertThat(reassigned.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(storedUnder("alice", ID_TYPE).map(StickyValues::configVersion)).contains(1);
  }
}
