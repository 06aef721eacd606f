package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples docs/experiment-catalog.md shows: each tagged region is copied onto the page
 * (storage-memory's {@code DocsSnippetsTest} fails when they differ) and runs here.
 */
@DisplayName("docs/experiment-catalog.md examples")
class CatalogDocsExample {
  @Test
  void readsACatalogFromJsonAndEvaluates(@TempDir Path folder) throws IOException {
    Path experimentsFile = folder.resolve("experiments.json");
    Files.writeString(
        experimentsFile,
        "{\"experiments\": [{\"name\": \"checkout_button\", \"groups\": ["
            + "{\"name\": \"Control\", \"weight\": 50, \"parameters\": {\"color\": \"blue\"}},"
            + "{\"name\": \"Test\", \"weight\": 50, \"parameters\": {\"color\": \"green\"}}]}]}",
        StandardCharsets.UTF_8);

    // tag::catalog-from-json[]
    ExperimentCatalog catalog = ExperimentCatalog.fromJson(experimentsFile);
    Optional<Evaluation> live = catalog.evaluate(User.of("user-1"), "checkout_button");
    // end::catalog-from-json[]

    assertThat(live).isPresent();
    assertThat(live.get().values().groupName()).isIn("Control", "Test");
  }

  /** The catalog the page builds in code; ExperimentCatalogTest runs its cases on it too. */
  static ExperimentCatalog catalogInCode() {
    // tag::catalog-in-code[]
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .configTime(1700000000000L)
            .configVersion(3)
            .experiment(
                Experiment.builder("checkout_button")
                    .defaultParameters(Map.of("color", "grey"))
                    .group("Control", 50, Map.of("color", "blue"))
                    .group("Test", 50, Map.of("color", "green"))
                    .targeting(Condition.of("country", Operator.IN, List.of("US", "CA")))
                    .override("vip-user", "Test")
                    .build())
            .layer(
                Layer.builder("checkout_layer")
                    .defaultParameters(Map.of("color", "grey", "size", 1))
                    .experiment("checkout_button", 50.0)
                    .build())
            .build();
    // end::catalog-in-code[]
    return catalog;
  }

  @Test
  void buildsTheCatalogInCode() {
    ExperimentCatalog catalog = catalogInCode();

    assertThat(catalog.evaluate(User.of("vip-user"), "checkout_button"))
        .hasValueSatisfying(
            evaluation -> assertThat(evaluation.values().groupName()).isEqualTo("Test"));
    assertThat(catalog.evaluate(User.of("someone"), "no_such_experiment")).isEmpty();
  }
}
