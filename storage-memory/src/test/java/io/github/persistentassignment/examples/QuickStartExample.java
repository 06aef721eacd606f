package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.catalog.Group;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's quick example. The region between the tags is copied into README.md, and {@code
 * DocsSnippetsTest} fails when the two differ, so the README's code always compiles and runs.
 */
@DisplayName("The README quick example")
class QuickStartExample {

  /** Runs the example, returning the lines it printed. */
  static List<String> run() {
    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example();
    } finally {
      System.setOut(console);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    console.print(output);
    return output.lines().toList();
  }

  static void example() {
    // tag::quickstart[]
    Experiment checkout =
        Experiment.builder("checkout_button")
            .group("Control", 50, Map.of("color", "blue"))
            .group("Test", 50, Map.of("color", "green"))
            .build();
    ExperimentCatalog catalog = ExperimentCatalog.builder().experiment(checkout).build();

    try (PersistentStorage storage = InMemoryPersistentStorage.create()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();

      // Once per request: the user's assignments, loaded from storage at the first evaluation.
      UserAssignments user = assignment.forUser(User.of("test-123"));
      Assignment first = user.getExperiment("checkout_button"); // saved: a first assignment
      System.out.println(first.groupName() + " " + first.reason()); // "Test EVALUATED"

      // The experiment's split changes while it runs: nearly everyone would now get Control...
      ExperimentCatalog changed =
          catalog.toBuilder()
              .experiment(
                  checkout.toBuilder()
                      .groups(
                          List.of(
                              new Group("Control", 99, Map.of("color", "blue")),
                              new Group("Test", 1, Map.of("color", "green"))))
                      .build())
              .build();
      PersistentAssignment later =
          PersistentAssignment.builder().storage(storage).evaluator(changed).build();

      // ...but test-123 keeps the group it was first given, in every later request.
      UserAssignments nextRequest = later.forUser(User.of("test-123"));
      Assignment again = nextRequest.getExperiment("checkout_button");
      System.out.println(again.groupName() + " " + again.reason()); // "Test PERSISTED"
    }
    // end::quickstart[]
  }

  @Test
  @DisplayName("keeps test-123 in its first group after the split changes")
  void keepsTheFirstGroup() {
    assertThat(run()).containsExactly("Test EVALUATED", "Test PERSISTED");
  }
}
