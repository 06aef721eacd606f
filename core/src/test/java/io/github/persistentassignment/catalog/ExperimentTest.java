package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Experiment and Group")
class ExperimentTest {

  private static Experiment.Builder minimal() {
    return Experiment.builder("exp").group("A", 1, Map.of());
  }

  @Test
  @DisplayName("defaults to userID, salt = name, active and fully allocated")
  void defaults() {
    Experiment experiment = minimal().build();

    assertThat(experiment.idType()).isEqualTo("userID");
    assertThat(experiment.salt()).isEqualTo("exp");
    assertThat(experiment.active()).isTrue();
    assertThat(experiment.allocationPercent()).isEqualTo(100.0);
    assertThat(experiment.defaultParameters()).isEmpty();
    assertThat(experiment.targeting()).isEmpty();
    assertThat(experiment.overrides()).isEmpty();
    assertThat(experiment.groups()).containsExactly(new Group("A", 1, Map.of()));
  }

  @Test
  @DisplayName("round-trips through toBuilder and derives changed copies")
  void toBuilder() {
    Experiment experiment =
        minimal()
            .idType("companyID")
            .salt("s")
            .active(false)
            .allocationPercent(12.5)
            .defaultParameters(Map.of("k", 1))
            .group("B", 2, Map.of("k", 2))
            .targeting(Condition.of("plan", Operator.EQ, "pro"))
            .override("acme", "B")
            .build();

    assertThat(experiment.toBuilder().build()).isEqualTo(experiment);
    assertThat(experiment.toBuilder().allocationPercent(50).build().allocationPercent())
        .isEqualTo(50.0);
    assertThat(experiment.toBuilder().clearOverrides().clearTargeting().build())
        .satisfies(
            copy -> {
              assertThat(copy.overrides()).isEmpty();
              assertThat(copy.targeting()).isEmpty();
            });
  }

  @Test
  @DisplayName("finds groups by name and lists every parameter it controls, sorted")
  void lookups() {
    Experiment experiment =
        Experiment.builder("exp")
            .defaultParameters(Map.of("b", 1))
            .group("A", 1, Map.of("c", 1, "a", 2))
            .build();

    assertThat(experiment.group("A")).isPresent();
    assertThat(experiment.group("Z")).isEmpty();
    assertThat(experiment.controlledParameters()).containsExactly("a", "b", "c");
  }

  @Test
  @DisplayName("is immutable")
  void immutable() {
    Experiment experiment = minimal().build();

    assertThatThrownBy(() -> experiment.groups().add(new Group("X", 1, Map.of())))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> experiment.overrides().put("u", "A"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("rejects blank names")
  void blankNames() {
    assertThatThrownBy(() -> Experiment.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be blank");
    assertThatThrownBy(() -> minimal().group("", 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group name must not be blank");
    assertThatThrownBy(() -> minimal().idType(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idType");
  }

  @Test
  @DisplayName("rejects an id type with ':', which storage keys cannot tell apart (a layer too)")
  void idTypeWithColon() {
    assertThatThrownBy(() -> minimal().idType("org:team").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("idType of experiment exp must not contain ':', was 'org:team'");
    assertThatThrownBy(() -> Layer.builder("layer").idType("org:team").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("idType of layer layer must not contain ':'");
  }

  @Test
  @DisplayName("rejects negative weights and all-zero weights")
  void weights() {
    assertThatThrownBy(() -> minimal().group("B", -1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight of group B must be a finite number >= 0");
    assertThatThrownBy(() -> Experiment.builder("exp").group("A", 0, Map.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("experiment exp needs at least one group with a weight above 0");
    assertThatThrownBy(() -> Experiment.builder("exp").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one group");
  }

  @Test
  @DisplayName("rejects an allocation outside 0..100")
  void allocation() {
    for (double bad : List.of(-0.1, 100.5, Double.NaN)) {
      assertThatThrownBy(() -> minimal().allocationPercent(bad).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allocationPercent of experiment exp must be from 0 to 100");
    }
  }

  @Test
  @DisplayName("rejects an override naming an unknown group")
  void unknownOverrideGroup() {
    assertThatThrownBy(() -> minimal().override("vip", "Ghost").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("experiment exp overrides vip to unknown group Ghost")
        .hasMessageContaining("[A]");
  }

  @Test
  @DisplayName("rejects two groups with the same name")
  void duplicateGroups() {
    assertThatThrownBy(() -> minimal().group("A", 2, Map.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("experiment exp has two groups named A");
  }

  @Test
  @DisplayName("rejects parameters that are not JSON values")
  void nonJsonParameters() {
    assertThatThrownBy(() -> minimal().defaultParameters(Map.of("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultParameters.when");
  }
}
