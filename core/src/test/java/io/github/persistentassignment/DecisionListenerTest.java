package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.logcapture.CapturedLogs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

@DisplayName("A decision listener")
class DecisionListenerTest {
  final RecordingStorage storage = new RecordingStorage();
  final ScriptedEvaluator evaluator = new ScriptedEvaluator().experiment("checkout_button", "Test");

  @Test
  @DisplayName("hears every decision of both APIs, opt-outs and unknown names included")
  void hearsEveryDecision() {
    List<Assignment> heard = new CopyOnWriteArrayList<>();
    PersistentAssignment assignment =
        PersistentAssignment.builder()
            .storage(storage)
            .evaluator(evaluator)
            .decisionListener(heard::add)
            .build();
    UserAssignments user = assignment.forUser(User.of("alice"));
    Assignment first = user.getExperiment("checkout_button");
    Assignment second = user.getExperiment("checkout_button");
    Assignment unknown = user.getExperiment("nope");
    Assignment optedOut = user.optOut("checkout_button");
    Assignment twoStep =
        assignment.getExperiment(
            User.of("bob"),
            "checkout_button",
            ExperimentOptions.persisted(
                assignment.getUserPersistedValues(User.of("bob"), "userID")));
    assertThat(heard).containsExactly(first, second, unknown, optedOut, twoStep);
    assertThat(heard)
        .extracting(Assignment::reason)
        .containsExactly(
            Reason.EVALUATED,
            Reason.PERSISTED,
            Reason.UNRECOGNIZED,
            Reason.EVALUATED,
            Reason.EVALUATED);
  }

  @Test
  @DisplayName("that throws changes nothing for the caller and is logged")
  void failingListener() {
    PersistentAssignment assignment =
        PersistentAssignment.builder()
            .storage(storage)
            .evaluator(evaluator)
            .decisionListener(
                result -> {
                  throw new IllegalStateException("metrics down");
                })
            .build();
    try (CapturedLogs logs = CapturedLogs.capture()) {
      Assignment result = assignment.forUser(User.of("alice")).getExperiment("checkout_button");
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(logs.textAt(Level.WARN))
          .contains("decision listener failed (IllegalStateException)");
    }
  }
}
