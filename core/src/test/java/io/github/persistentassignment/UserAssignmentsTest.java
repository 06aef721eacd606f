package io.github.persistentassignment;

import static io.github.persistentassignment.ScriptedEvaluator.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.logcapture.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@DisplayName("forUser(user): one request's assignments")
class UserAssignmentsTest {
  static final User ALICE = User.builder().userId("alice").customId("stableID", "dev-1").build();
  static final String ALICE_KEY = "alice:userID";
  static final String DEVICE_KEY = "dev-1:stableID";

  final RecordingStorage storage = new RecordingStorage();
  final ScriptedEvaluator evaluator =
      new ScriptedEvaluator()
          .experiment("checkout_button", "Test")
          .experiment("pricing", "Cheap")
          .experiment("onboarding", "Short")
          .experiment(
              "device_theme", user -> evaluation("device_theme", "stableID", "Dark", true, true));
  final PersistentAssignment assignment =
      PersistentAssignment.builder().storage(storage).evaluator(evaluator).build();

  static StickyValues stored(String experiment, String group) {
    return evaluation(experiment, group, true, true).values();
  }

  @Nested
  @DisplayName("loads")
  class Loads {
    @Test
    @DisplayName("nothing when it is created")
    void noIoOnCreation() {
      assignment.forUser(ALICE);
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("once for three experiments of one id type")
    void oncePerIdType() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      UserAssignments user = assignment.forUser(ALICE);

      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.PERSISTED);
      user.getExperiment("pricing");
      user.getExperiment("onboarding");

      assertThat(storage.calls())
          .containsExactly(
              "load " + ALICE_KEY,
              "saveIfAbsent " + ALICE_KEY + " pricing",
              "saveIfAbsent " + ALICE_KEY + " onboarding");
    }

    @Test
    @DisplayName("two preloaded id types in exactly one loadAll, and nothing more to evaluate them")
    void preloadInOneRoundTrip() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      storage.put(DEVICE_KEY, "device_theme", stored("device_theme", "Light"));
      UserAssignments user = assignment.forUser(ALICE).preload("userID", "stableID");

      assertThat(user.getExperiment("checkout_button").groupName()).isEqualTo("Control");
      assertThat(user.getExperiment("device_theme").groupName()).isEqualTo("Light");
      user.preload("userID", "stableID");

      assertThat(storage.calls()).containsExactly("loadAll " + ALICE_KEY + "," + DEVICE_KEY);
    }

    @Test
    @DisplayName("one id type with load, and skips id types the user has no unit ID for")
    void preloadSkipsWhatItNeedNotLoad() {
      assignment.forUser(ALICE).preload("userID", "companyID", "userID");
      assertThat(storage.calls()).containsExactly("load " + ALICE_KEY);
    }

    @Test
    @DisplayName("once however many threads share the object")
    void oncePerIdTypeAcrossThreads() throws Exception {
      UserAssignments user = assignment.forUser(ALICE);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Assignment>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 32; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return user.getExperiment("checkout_button");
                  }));
        }
        start.countDown();
        for (Future<Assignment> result : results) {
          assertThat(result.get(10, TimeUnit.SECONDS).groupName()).isEqualTo("Test");
        }
      } finally {
        pool.shutdownNow();
      }
      // Threads that evaluate at the same moment may each offer the first assignment; the
      // storage's first write wins and every thread serves the same group.
      assertThat(storage.calls()).first().isEqualTo("load " + ALICE_KEY);
      assertThat(storage.calls()).filteredOn(call -> call.startsWith("load")).hasSize(1);
      assertThat(storage.stored(ALICE_KEY, "checkout_button")).isPresent();
    }
  }

  @Nested
  @DisplayName("sees its own writes")
  class OwnWrites {
    @Test
    @DisplayName("a first assignment saved here is PERSISTED the second time, with no I/O")
    void secondEvaluationIsPersisted() {
      UserAssignments user = assignment.forUser(ALICE);
      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.EVALUATED);
      storage.clearCalls();

      Assignment again = user.getExperiment("checkout_button");

      assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo("Test");
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("a concurrent writer's winning entry is served and kept")
    void winnerIsKept() {
      UserAssignments user = assignment.forUser(ALICE);
      user.preload("userID");
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));

      assertThat(user.getExperiment("checkout_button").groupName()).isEqualTo("Control");
      assertThat(user.getExperiment("checkout_button").groupName()).isEqualTo("Control");
      assertThat(storage.calls())
          .containsExactly("load " + ALICE_KEY, "saveIfAbsent " + ALICE_KEY + " checkout_button");
    }
  }

  @Nested
  @DisplayName("deletes")
  class Deletes {
    @Test
    @DisplayName("on optOut: that entry only, and serves the live result")
    void optOut() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      storage.put(ALICE_KEY, "pricing", stored("pricing", "Expensive"));
      UserAssignments user = assignment.forUser(ALICE);

      Assignment result = user.optOut("checkout_button");

      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(storage.stored(ALICE_KEY, "checkout_button")).isEmpty();
      assertThat(storage.stored(ALICE_KEY, "pricing")).isPresent();
      assertThat(storage.calls()).containsExactly("delete " + ALICE_KEY + " checkout_button");
      assertThat(user.getExperiment("pricing").groupName()).isEqualTo("Expensive");
    }

    @Test
    @DisplayName("an unknown name on optOut is UNRECOGNIZED, with no I/O")
    void optOutUnknown() {
      assertThat(assignment.forUser(ALICE).optOut("gone").reason()).isEqualTo(Reason.UNRECOGNIZED);
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("an inactive experiment's loaded entry, and forgets it")
    void inactiveWithEntry() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      evaluator.experiment(
          "checkout_button", user -> evaluation("checkout_button", null, false, false));
      UserAssignments user = assignment.forUser(ALICE);

      assertThat(user.getExperiment("checkout_button").experimentActive()).isFalse();
      user.getExperiment("checkout_button");

      assertThat(storage.stored(ALICE_KEY, "checkout_button")).isEmpty();
      assertThat(storage.calls())
          .containsExactly("load " + ALICE_KEY, "delete " + ALICE_KEY + " checkout_button");
    }

    @Test
    @DisplayName("nothing for an inactive experiment with no stored entry")
    void inactiveWithoutEntry() {
      evaluator.experiment(
          "checkout_button", user -> evaluation("checkout_button", null, false, false));

      assignment.forUser(ALICE).getExperiment("checkout_button");

      assertThat(storage.calls()).containsExactly("load " + ALICE_KEY);
    }
  }

  @Nested
  @DisplayName("enforces")
  class Enforces {
    @Test
    @DisplayName("targeting, then overrides, serving live and leaving storage alone")
    void enforce() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      evaluator.failTargeting("alice");
      UserAssignments user = assignment.forUser(ALICE);

      assertThat(user.getExperiment("checkout_button", Enforce.TARGETING).reason())
          .isEqualTo(Reason.EVALUATED);
      assertThat(user.getExperiment("checkout_button", Enforce.OVERRIDES).reason())
          .isEqualTo(Reason.PERSISTED);
      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.PERSISTED);
      assertThat(storage.calls()).containsExactly("load " + ALICE_KEY);
      assertThat(evaluator.checks)
          .containsExactly("targeting checkout_button", "override checkout_button");
    }

    @Test
    @DisplayName("rejects a null check, naming it")
    void nullCheck() {
      assertThatThrownBy(
              () -> assignment.forUser(ALICE).getExperiment("pricing", Enforce.TARGETING, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("enforce[1]");
      assertThat(storage.calls()).isEmpty();
    }
  }

  @Nested
  @DisplayName("fails open")
  class FailsOpen {
    @Test
    @DisplayName(
        "a failed load makes every evaluation of that id type STORAGE_UNAVAILABLE, writing nothing")
    void failedLoad() {
      storage.failing("load");
      UserAssignments user = assignment.forUser(ALICE);

      for (String name : List.of("checkout_button", "pricing", "checkout_button")) {
        Assignment result = user.getExperiment(name);
        assertThat(result.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
        assertThat(result.groupName()).isNotNull();
      }
      storage.failing();
      assertThat(user.getExperiment("onboarding").reason())
          .as("the load is not retried within the request")
          .isEqualTo(Reason.STORAGE_UNAVAILABLE);

      assertThat(storage.calls()).containsExactly("load " + ALICE_KEY);
      assertThat(assignment.storageFailures()).isEqualTo(1);
    }

    @Test
    @DisplayName("a failed loadAll makes every preloaded id type STORAGE_UNAVAILABLE")
    void failedLoadAll() {
      storage.failing("loadAll");
      UserAssignments user = assignment.forUser(ALICE).preload("userID", "stableID");

      assertThat(user.getExperiment("checkout_button").reason())
          .isEqualTo(Reason.STORAGE_UNAVAILABLE);
      assertThat(user.getExperiment("device_theme").reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
      assertThat(storage.calls()).containsExactly("loadAll " + ALICE_KEY + "," + DEVICE_KEY);
    }

    @Test
    @DisplayName("a failed save serves the live result, and a later evaluation tries again")
    void failedSave() {
      storage.failing("saveIfAbsent");
      UserAssignments user = assignment.forUser(ALICE);
      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.EVALUATED);
      storage.failing();
      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.EVALUATED);
      assertThat(user.getExperiment("checkout_button").reason()).isEqualTo(Reason.PERSISTED);
    }
  }

  @Nested
  @DisplayName("decodes lazily")
  class DecodesLazily {
    @Test
    @DisplayName("a corrupt entry that is never asked for is never decoded, so never logged")
    void unaskedCorruptEntryIsNotDecoded() {
      storage.put(ALICE_KEY, "checkout_button", stored("checkout_button", "Control"));
      storage.putRaw(ALICE_KEY, "pricing", "{not json");
      try (CapturedLogs logs = CapturedLogs.capture()) {
        UserAssignments user = assignment.forUser(ALICE);
        assertThat(user.getExperiment("checkout_button").groupName()).isEqualTo("Control");
        assertThat(logs.at(Level.WARN)).isEmpty();

        assertThat(user.getExperiment("pricing").reason())
            .as("a corrupt entry counts as absent: a first assignment is made")
            .isEqualTo(Reason.EVALUATED);
        assertThat(user.getExperiment("pricing").reason()).isEqualTo(Reason.PERSISTED);
        assertThat(logs.at(Level.WARN)).hasSize(1);
        assertThat(logs.textAt(Level.WARN)).contains("unreadable stored entry", "'pricing'");
      }
    }
  }

  @Nested
  @DisplayName("rejects bad input")
  class BadInput {
    @Test
    @DisplayName("a null user, a blank name or id type, naming the argument")
    void arguments() {
      assertThatThrownBy(() -> assignment.forUser(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("user");
      UserAssignments user = assignment.forUser(ALICE);
      assertThatThrownBy(() -> user.getExperiment(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("experimentName");
      assertThatThrownBy(() -> user.getLayer(""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layerName");
      assertThatThrownBy(() -> user.optOut(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
      assertThatThrownBy(() -> user.preload("userID", " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("idType");
      assertThat(storage.calls()).isEmpty();
    }
  }

  @Test
  @DisplayName("a layer is stored under its name and served from the same load")
  void layer() {
    evaluator.layer("home_layer", "checkout_button");
    UserAssignments user = assignment.forUser(ALICE);

    assertThat(user.getLayer("home_layer").configDelegate()).isEqualTo("checkout_button");
    assertThat(user.getLayer("home_layer").reason()).isEqualTo(Reason.PERSISTED);
    assertThat(user.getExperiment("home_layer").reason())
        .as("a layer asked as an experiment")
        .isEqualTo(Reason.UNRECOGNIZED);
    assertThat(storage.calls())
        .containsExactly("load " + ALICE_KEY, "saveIfAbsent " + ALICE_KEY + " home_layer");
  }
}
