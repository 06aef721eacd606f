package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.catalog.CatalogFormatException;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The experiment's lifecycle: anonymous → logged in, and versions (DESIGN 11). */
@DisplayName("The experiment's lifecycle")
class LifecycleTest {
  static final User ANONYMOUS = User.builder().customId("stableID", "dev-1").build();
  static final User LOGGED_IN =
      User.builder().userId("alice").customId("stableID", "dev-1").build();
  static final String USER_KEY = "alice:userID";
  static final String DEVICE_KEY = "dev-1:stableID";

  final RecordingStorage storage = new RecordingStorage();

  static Experiment.Builder checkout() {
    return Experiment.builder("checkout")
        .idType("userID")
        .fallbackIdType("stableID")
        .defaultParameters(Map.of("color", "grey"))
        .group("Control", 50, Map.of("color", "blue"))
        .group("Test", 50, Map.of("color", "green"));
  }

  PersistentAssignment assignment(Experiment experiment) {
    ExperimentCatalog catalog = ExperimentCatalog.builder().experiment(experiment).build();
    return PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
  }

  static StickyValues entry(String group, Integer version) {
    return StickyValues.builder()
        .value(true)
        .groupName(group)
        .ruleId(group)
        .jsonValue(Map.of("color", "stored-" + group))
        .time(1L)
        .configVersion(version)
        .build();
  }

  @Nested
  @DisplayName("anonymous, then logged in")
  class FallbackIdType {
    @Test
    @DisplayName("an anonymous user is bucketed and stored by the fallback id type")
    void anonymous() {
      Assignment first =
          assignment(checkout().build()).forUser(ANONYMOUS).getExperiment("checkout");
      assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(first.groupName()).isNotNull();
      assertThat(storage.calls())
          .containsExactly("load " + DEVICE_KEY, "saveIfAbsent " + DEVICE_KEY + " checkout");
      assertThat(storage.stored(DEVICE_KEY, "checkout")).contains(first.values());
    }

    @Test
    @DisplayName(
        "after login the group given while anonymous is kept, in one load, and copied to the user's key")
    void loggedInKeepsTheGroup() {
      storage.put(DEVICE_KEY, "checkout", entry("Control", null));
      Assignment after =
          assignment(checkout().build()).forUser(LOGGED_IN).getExperiment("checkout");
      assertThat(after.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(after.groupName()).isEqualTo("Control");
      assertThat(after.stringParameter("color", null)).isEqualTo("stored-Control");
      assertThat(storage.calls())
          .containsExactly(
              "loadAll " + USER_KEY + "," + DEVICE_KEY, "saveIfAbsent " + USER_KEY + " checkout");
      assertThat(storage.stored(USER_KEY, "checkout")).contains(entry("Control", null));
      assertThat(storage.stored(DEVICE_KEY, "checkout")).contains(entry("Control", null));
    }

    @Test
    @DisplayName("an entry under the user's own key wins over the device's")
    void primaryFirst() {
      storage.put(USER_KEY, "checkout", entry("Test", 1));
      storage.put(DEVICE_KEY, "checkout", entry("Control", 1));
      UserAssignments user = assignment(checkout().build()).forUser(LOGGED_IN);
      assertThat(user.getExperiment("checkout").groupName()).isEqualTo("Test");
      assertThat(user.getExperiment("checkout").groupName()).isEqualTo("Test");
      assertThat(storage.calls()).containsExactly("loadAll " + USER_KEY + "," + DEVICE_KEY);
    }

    @Test
    @DisplayName("a new logged-in user is stored under the user's key only")
    void newUser() {
      Assignment first =
          assignment(checkout().build()).forUser(LOGGED_IN).getExperiment("checkout");
      assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(storage.stored(USER_KEY, "checkout")).isPresent();
      assertThat(storage.stored(DEVICE_KEY, "checkout")).isEmpty();
    }
  }

  @Nested
  @DisplayName("versions")
  class Versions {
    @Test
    @DisplayName(
        "reassignBelowVersion discards an older entry, evaluates live and saves the new result")
    void reassign() {
      storage.put(USER_KEY, "checkout", entry("Nobody", 1));
      PersistentAssignment assignment =
          assignment(checkout().version(2).reassignBelowVersion(2).build());
      Assignment now = assignment.forUser(LOGGED_IN).getExperiment("checkout");
      assertThat(now.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(now.groupName()).isIn("Control", "Test");
      assertThat(now.values().configVersion()).isEqualTo(2);
      assertThat(storage.stored(USER_KEY, "checkout")).contains(now.values());
      Assignment again = assignment.forUser(LOGGED_IN).getExperiment("checkout");
      assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo(now.groupName());
    }

    @Test
    @DisplayName("reassign removes a stale entry when the user is now in no group")
    void reassignOutOfTheExperiment() {
      storage.put(USER_KEY, "checkout", entry("Control", 1));
      Assignment now =
          assignment(checkout().version(2).reassignBelowVersion(2).allocationPercent(0).build())
              .forUser(LOGGED_IN)
              .getExperiment("checkout");
      assertThat(now.userInExperiment()).isFalse();
      assertThat(storage.stored(USER_KEY, "checkout")).isEmpty();
    }

    @Test
    @DisplayName(
        "excludeBelowVersion serves the defaults, out of the experiment, and saves nothing")
    void exclude() {
      storage.put(USER_KEY, "checkout", entry("Control", 1));
      Assignment now =
          assignment(checkout().version(2).excludeBelowVersion(2).build())
              .forUser(LOGGED_IN)
              .getExperiment("checkout");
      assertThat(now.reason()).isEqualTo(Reason.EXCLUDED);
      assertThat(now.userInExperiment()).isFalse();
      assertThat(now.groupName()).isNull();
      assertThat(now.ruleId()).isEqualTo(ExperimentCatalog.RULE_PRIOR_VERSION);
      assertThat(now.stringParameter("color", null)).isEqualTo("grey");
      assertThat(storage.calls()).containsExactly("loadAll " + USER_KEY + "," + DEVICE_KEY);
      assertThat(storage.stored(USER_KEY, "checkout")).contains(entry("Control", 1));
    }

    @Test
    @DisplayName("an entry without a version (another SDK's) counts as version 0")
    void noVersionIsZero() {
      storage.put(USER_KEY, "checkout", entry("Control", null));
      PersistentAssignment excluding =
          assignment(checkout().version(1).excludeBelowVersion(1).build());
      assertThat(excluding.forUser(LOGGED_IN).getExperiment("checkout").reason())
          .isEqualTo(Reason.EXCLUDED);
      PersistentAssignment keeping = assignment(checkout().version(1).build());
      assertThat(keeping.forUser(LOGGED_IN).getExperiment("checkout").groupName())
          .isEqualTo("Control");
    }

    @Test
    @DisplayName("entries of the current version and above are served")
    void currentVersion() {
      storage.put(USER_KEY, "checkout", entry("Control", 2));
      Assignment now =
          assignment(checkout().version(2).reassignBelowVersion(2).excludeBelowVersion(1).build())
              .forUser(LOGGED_IN)
              .getExperiment("checkout");
      assertThat(now.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(now.groupName()).isEqualTo("Control");
    }
  }

  @Nested
  @DisplayName("bad configuration")
  class BadConfiguration {
    @Test
    @DisplayName("is refused when the experiment is built, naming the setting")
    void builder() {
      assertThatThrownBy(() -> checkout().fallbackIdType("userID").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "fallbackIdType of experiment checkout must differ from its idType");
      assertThatThrownBy(() -> checkout().version(-1).build())
          .hasMessageContaining("version of experiment checkout must be 0 or more");
      assertThatThrownBy(() -> checkout().version(2).reassignBelowVersion(3).build())
          .hasMessageContaining(
              "reassignBelowVersion of experiment checkout must be from 0 to the experiment's own"
                  + " version (2), got 3");
      assertThatThrownBy(() -> checkout().excludeBelowVersion(1).build())
          .hasMessageContaining("excludeBelowVersion");
    }

    @Test
    @DisplayName("is refused when the JSON is read, naming the location")
    void json() {
      String json =
          """
          { "experiments": [ { "name": "checkout", "version": 1, "reassignBelowVersion": 2,
              "groups": [ {"name": "A", "weight": 1} ] } ] }
          """;
      assertThatThrownBy(() -> ExperimentCatalog.fromJson(json, "experiments.json"))
          .isInstanceOf(CatalogFormatException.class)
          .hasMessageContaining("experiments.json")
          .hasMessageContaining("line 1")
          .hasMessageContaining("reassignBelowVersion");
      String fallback =
          """
          { "experiments": [ { "name": "checkout", "fallbackIdType": "stableID", "version": 3,
              "excludeBelowVersion": 2, "groups": [ {"name": "A", "weight": 1} ] } ] }
          """;
      Experiment read =
          ExperimentCatalog.fromJson(fallback, "ok.json").experiment("checkout").get();
      assertThat(read.fallbackIdType()).isEqualTo("stableID");
      assertThat(read.version()).isEqualTo(3);
      assertThat(read.excludeBelowVersion()).isEqualTo(2);
    }
  }
}
