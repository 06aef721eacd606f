package io.github.persistentassignment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.User;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The benchmarks' data is what the report says it is")
class SampleEntriesTest {

  @Test
  @DisplayName("the typical entry has 5 parameters and 2 secondary exposures, about 480 bytes")
  void typical() {
    assertThat(SampleEntries.TYPICAL.jsonValue()).hasSize(5);
    assertThat(SampleEntries.TYPICAL.secondaryExposures()).hasSize(2);
    assertThat(SampleEntries.TYPICAL_JSON.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(400, 560);
  }

  @Test
  @DisplayName("the large entry is about 10 KB of JSON")
  void large() {
    assertThat(SampleEntries.LARGE_JSON.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(9_700, 10_700);
  }

  @Test
  @DisplayName("every user is allocated to a group of the benchmarked experiment, so it is saved")
  void everyoneIsInTheExperiment() {
    for (int i = 0; i < 1_000; i++) {
      Evaluation evaluation =
          SampleEntries.catalog().evaluate(User.of("user-" + i), SampleEntries.EXPERIMENT).get();
      assertThat(evaluation.experimentGroup()).as("user-%d", i).isTrue();
    }
  }

  @Test
  @DisplayName("the configs the operations use are, or are not, among the seeded ones as named")
  void configs() {
    assertThat(SampleEntries.USER_CONFIGS)
        .hasSize(5)
        .contains(SampleEntries.EXPERIMENT, SampleEntries.SAVED_CONFIG, SampleEntries.STORED_CONFIG)
        .doesNotContain(SampleEntries.ABSENT_CONFIG);
  }
}
