package io.github.persistentassignment;

import static io.github.persistentassignment.ScriptedEvaluator.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import io.github.persistentassignment.internal.LogSafe;
import io.github.persistentassignment.logcapture.CapturedLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * What core writes to logs, captured at every level: storage keys (user IDs) only at DEBUG, stored
 * values at no level, warnings that still say what failed.
 */
@DisplayName("Logs")
class LogSafetyTest {
  static final String USER_ID = "user-7f3a9c";
  static final String KEY = USER_ID + ":userID";
  static final String GROUP = "Treatment-9d2b41";

  final RecordingStorage storage = new RecordingStorage();
  final PersistentAssignment assignment =
      PersistentAssignment.builder()
          .storage(storage)
          .evaluator(
              new ScriptedEvaluator()
                  .experiment("checkout", user -> evaluation("checkout", GROUP, true, true)))
          .build();

  @Nested
  @DisplayName("of a storage outage")
  class Outage {
    @Test
    @DisplayName(
        "warn once, naming the operation and exception types but not the key or the message;"
            + " the key and the exception are at DEBUG; the value to save is at no level")
    void keyOnlyAtDebug() {
      User user = User.of(USER_ID);
      try (CapturedLogs logs = CapturedLogs.capture()) {
        storage.failing("load", "saveIfAbsent", "delete");
        assignment.getUserPersistedValues(user, "userID");
        assignment.getExperiment(
            user, "checkout", ExperimentOptions.persisted(UserPersistedValues.empty()));
        assignment.getExperiment(user, "checkout", ExperimentOptions.optOut());
        storage.failing();
        assignment.getUserPersistedValues(user, "userID");

        assertThat(logs.at(Level.WARN)).hasSize(1);
        assertThat(logs.textAt(Level.WARN))
            .contains("Storage load failed (StorageException)")
            .contains("serving live results")
            .doesNotContain(USER_ID)
            .doesNotContain("injected outage");
        assertThat(logs.textAt(Level.INFO)).contains("Storage is answering again");
        assertThat(logs.textAt(Level.INFO) + logs.textAt(Level.ERROR)).doesNotContain(USER_ID);
        assertThat(logs.textAt(Level.DEBUG))
            .contains("Storage load failed for key '" + KEY + "'")
            .contains("Storage saveIfAbsent failed for key '" + KEY + "'")
            .contains("Storage delete failed for key '" + KEY + "'")
            .contains("injected outage");
        for (Level level : Level.values()) {
          assertThat(logs.textAt(level)).as("%s lines", level).doesNotContain(GROUP);
        }
      }
    }
  }

  @Nested
  @DisplayName("of an unreadable stored entry")
  class UnreadableEntry {
    @Test
    @DisplayName(
        "name the config and where the document is wrong, never its text; the key only at DEBUG")
    void noStoredText() {
      Map<String, String> raw = new LinkedHashMap<>();
      raw.put("wrong_type", "{\"group_name\":[\"secret-9e1f\"]}");
      raw.put("not_json", "{secret-9e1f");
      try (CapturedLogs logs = CapturedLogs.capture()) {
        assertThat(UserPersistedValues.ofEncoded(KEY, raw).asMap()).isEmpty();

        assertThat(logs.at(Level.WARN)).hasSize(2);
        assertThat(logs.textAt(Level.WARN))
            .contains(
                "Skipping an unreadable stored entry for config 'wrong_type': Stored entry at"
                    + " /group_name (line 1, column 15): expected a string or null, found"
                    + " START_ARRAY")
            .contains("config 'not_json': Stored entry (line 1, column 2): not valid JSON")
            .doesNotContain(USER_ID)
            .doesNotContain("secret-9e1f");
        assertThat(logs.textAt(Level.DEBUG)).contains(KEY).doesNotContain("secret-9e1f");
      }
    }

    @Test
    @DisplayName("while the exception a caller gets still quotes what was found")
    void callersSeeTheText() {
      assertThatThrownBy(() -> StickyValuesCodec.decode("{\"group_name\":42424242}"))
          .isInstanceOf(StickyValuesFormatException.class)
          .hasMessageContaining("42424242")
          .extracting(e -> ((StickyValuesFormatException) e).contentFreeMessage())
          .asString()
          .isEqualTo(
              "Stored entry at /group_name (line 1, column 15): expected a string or null, found"
                  + " VALUE_NUMBER_INT");
    }
  }

  @Test
  @DisplayName("name an exception by its type and its causes' types, without their messages")
  void exceptionTypes() {
    Exception failure =
        new StorageException(
            "load failed for key '" + KEY + "'",
            new UncheckedIOException(new IOException(new ConnectException("refused " + KEY))));
    assertThat(LogSafe.exceptionTypes(failure))
        .isEqualTo(
            "StorageException, caused by UncheckedIOException, caused by IOException, caused by"
                + " ConnectException");
  }
}
