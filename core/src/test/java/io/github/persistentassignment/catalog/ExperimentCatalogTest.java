package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ExperimentCatalog")
class ExperimentCatalogTest {
  private static final int USERS = 10_000;

  /** The catalog of the design's example (docs/experiment-catalog.md builds it in code). */
  static ExperimentCatalog checkoutCatalog() {
    return CatalogDocsExample.catalogInCode();
  }

  static Experiment.Builder checkoutButton() {
    return Experiment.builder("checkout_button")
        .defaultParameters(Map.of("color", "grey"))
        .group("Control", 50, Map.of("color", "blue"))
        .group("Test", 50, Map.of("color", "green"))
        .targeting(Condition.of("country", Operator.IN, List.of("US", "CA")))
        .override("vip-user", "Test");
  }

  static User us(String userId) {
    return User.builder().userId(userId).attribute("country", "US").build();
  }

  static User adult(int age) {
    return User.builder().userId("a").attribute("country", "US").attribute("age", age).build();
  }

  private static Evaluation evaluate(ExperimentCatalog catalog, User user, String name) {
    return catalog.evaluate(user, name).orElseThrow();
  }

  @Nested
  @DisplayName("evaluating an experiment")
  class Experiments {
    private final ExperimentCatalog catalog = checkoutCatalog();

    @Test
    @DisplayName("puts a targeted, allocated user in the group their group bucket falls in")
    void group() {
      // user-1: group bucket 9576 is in Test's half [5000, 10000).
      Evaluation result = evaluate(catalog, us("user-1"), "checkout_button");

      assertThat(result.kind()).isEqualTo(Evaluation.Kind.EXPERIMENT);
      assertThat(result.name()).isEqualTo("checkout_button");
      assertThat(result.idType()).isEqualTo("userID");
      assertThat(result.active()).isTrue();
      assertThat(result.experimentGroup()).isTrue();
      assertThat(result.values().value()).isTrue();
      assertThat(result.values().groupName()).isEqualTo("Test");
      assertThat(result.values().ruleId()).isEqualTo("Test");
      assertThat(result.values().jsonValue()).containsExactly(Map.entry("color", "green"));
      assertThat(result.values().secondaryExposures()).isEmpty();
      assertThat(result.values().undelegatedSecondaryExposures()).isEmpty();
      assertThat(result.values().configDelegate()).isNull();
      assertThat(result.values().explicitParameters()).isNull();
      assertThat(result.values().time()).isEqualTo(1700000000000L);
      assertThat(result.values().configVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("puts a user whose group bucket is in the first half in Control")
    void control() {
      // user-5: group bucket 999.
      assertThat(evaluate(catalog, us("user-5"), "checkout_button").values().groupName())
          .isEqualTo("Control");
    }

    @Test
    @DisplayName("lays the group's parameters over the experiment's defaults")
    void parameterOverlay() {
      ExperimentCatalog withMore =
          catalog.toBuilder()
              .experiment(
                  checkoutButton()
                      .defaultParameters(Map.of("color", "grey", "size", 2, "label", "Buy"))
                      .build())
              .build();

      assertThat(evaluate(withMore, us("user-1"), "checkout_button").values().jsonValue())
          .containsOnly(
              Map.entry("color", "green"), Map.entry("size", 2L), Map.entry("label", "Buy"));
    }

    @Test
    @DisplayName("serves the defaults of an inactive experiment to everyone, overrides included")
    void inactive() {
      ExperimentCatalog stopped =
          catalog.toBuilder().experiment(checkoutButton().active(false).build()).build();

      for (User user : List.of(us("user-1"), us("vip-user"), User.builder().build())) {
        Evaluation result = evaluate(stopped, user, "checkout_button");
        assertThat(result.active()).isFalse();
        assertThat(result.experimentGroup()).isFalse();
        assertThat(result.values().value()).isFalse();
        assertThat(result.values().groupName()).isNull();
        assertThat(result.values().ruleId()).isEqualTo("inactive");
        assertThat(result.values().jsonValue()).containsExactly(Map.entry("color", "grey"));
      }
    }

    @Test
    @DisplayName("leaves a user without a unit ID unallocated")
    void noUnitId() {
      Evaluation result =
          evaluate(catalog, User.builder().attribute("country", "US").build(), "checkout_button");

      assertThat(result.values().ruleId()).isEqualTo("notAllocated");
      assertThat(result.active()).isTrue();
      assertThat(result.experimentGroup()).isFalse();
      assertThat(result.values().value()).isFalse();
      assertThat(result.values().groupName()).isNull();
      assertThat(result.values().jsonValue()).containsExactly(Map.entry("color", "grey"));
    }

    @Test
    @DisplayName(
        "gives an overridden unit its group, even when it fails targeting, and marks it"
            + " as not storable")
    void override() {
      Evaluation result = evaluate(catalog, User.of("vip-user"), "checkout_button");

      assertThat(result.values().ruleId()).isEqualTo("override");
      assertThat(result.values().groupName()).isEqualTo("Test");
      assertThat(result.values().value()).isTrue();
      assertThat(result.experimentGroup()).isFalse();
      assertThat(result.values().jsonValue()).containsExactly(Map.entry("color", "green"));
    }

    @Test
    @DisplayName("serves the defaults to a user who fails targeting")
    void targetingGate() {
      User canadian = User.builder().userId("user-1").attribute("country", "DE").build();

      Evaluation result = evaluate(catalog, canadian, "checkout_button");

      assertThat(result.values().ruleId()).isEqualTo("targetingGate");
      assertThat(result.experimentGroup()).isFalse();
      assertThat(result.values().value()).isFalse();
      assertThat(result.values().groupName()).isNull();
      assertThat(result.values().jsonValue()).containsExactly(Map.entry("color", "grey"));
      assertThat(evaluate(catalog, User.of("user-1"), "checkout_button").values().ruleId())
          .as("a missing attribute fails targeting")
          .isEqualTo("targetingGate");
    }

    @Test
    @DisplayName("leaves a user whose bucket is at or above the allocation unallocated")
    void notAllocated() {
      // user-3's allocation bucket is 9973, user-5's is 165.
      ExperimentCatalog half =
          catalog.toBuilder().experiment(checkoutButton().allocationPercent(50).build()).build();

      Evaluation outside = evaluate(half, us("user-3"), "checkout_button");
      assertThat(outside.values().ruleId()).isEqualTo("notAllocated");
      assertThat(outside.experimentGroup()).isFalse();
      assertThat(outside.values().value()).isFalse();
      assertThat(outside.values().groupName()).isNull();
      assertThat(outside.values().jsonValue()).containsExactly(Map.entry("color", "grey"));
      assertThat(evaluate(half, us("user-5"), "checkout_button").experimentGroup()).isTrue();
    }

    @Test
    @DisplayName("allocates nobody at 0% and everybody at 100%")
    void allocationBounds() {
      ExperimentCatalog none =
          catalog.toBuilder().experiment(checkoutButton().allocationPercent(0).build()).build();

      for (int i = 0; i < 1000; i++) {
        assertThat(evaluate(none, us("u" + i), "checkout_button").values().ruleId())
            .isEqualTo("notAllocated");
        assertThat(evaluate(catalog, us("u" + i), "checkout_button").experimentGroup()).isTrue();
      }
    }

    @Test
    @DisplayName("never picks a group of weight 0")
    void zeroWeight() {
      ExperimentCatalog withHoldout =
          catalog.toBuilder()
              .experiment(
                  checkoutButton()
                      .groups(
                          List.of(
                              new Group("Control", 1, Map.of()),
                              new Group("Empty", 0, Map.of()),
                              new Group("Test", 1, Map.of())))
                      .build())
              .build();

      for (int i = 0; i < 2000; i++) {
        assertThat(evaluate(withHoldout, us("u" + i), "checkout_button").values().groupName())
            .isNotEqualTo("Empty");
      }
    }

    @Test
    @DisplayName("buckets by a custom ID when the experiment's id type is not userID")
    void customIdType() {
      ExperimentCatalog byCompany =
          ExperimentCatalog.builder()
              .experiment(
                  Experiment.builder("pricing")
                      .idType("companyID")
                      .group("Only", 1, Map.of("discount", 10))
                      .override("acme", "Only")
                      .build())
              .build();

      Evaluation result =
          evaluate(byCompany, User.builder().customId("companyID", "globex").build(), "pricing");
      assertThat(result.idType()).isEqualTo("companyID");
      assertThat(result.values().groupName()).isEqualTo("Only");
      assertThat(result.experimentGroup()).isTrue();
      assertThat(evaluate(byCompany, User.of("globex"), "pricing").values().ruleId())
          .as("a user ID is not a company ID")
          .isEqualTo("notAllocated");
      assertThat(
              byCompany.matchesOverride(
                  User.builder().userId("x").customId("companyid", "acme").build(), "pricing"))
          .as("custom IDs are also looked up lower-cased")
          .isTrue();
    }

    @Test
    @DisplayName("returns nothing for an unknown name")
    void unknown() {
      assertThat(catalog.evaluate(us("user-1"), "no_such_thing")).isEmpty();
    }

    @Test
    @DisplayName("rejects a null user or a blank name")
    void badArguments() {
      assertThatThrownBy(() -> catalog.evaluate(null, "checkout_button"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("user");
      assertThatThrownBy(() -> catalog.evaluate(us("u"), " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
  }

  @Nested
  @DisplayName("evaluating a layer")
  class Layers {
    private final ExperimentCatalog catalog = checkoutCatalog();

    @Test
    @DisplayName("delegates a user in a segment to its experiment and reports what it controls")
    void delegated() {
      // user-2: layer bucket 2410 (< 5000), experiment group bucket 9232 → Test.
      Evaluation result = evaluate(catalog, us("user-2"), "checkout_layer");

      assertThat(result.kind()).isEqualTo(Evaluation.Kind.LAYER);
      assertThat(result.name()).isEqualTo("checkout_layer");
      assertThat(result.values().configDelegate()).isEqualTo("checkout_button");
      assertThat(result.values().groupName()).isEqualTo("Test");
      assertThat(result.values().ruleId()).isEqualTo("Test");
      assertThat(result.experimentGroup()).isTrue();
      assertThat(result.active()).isTrue();
      assertThat(result.values().value()).isTrue();
      assertThat(result.values().explicitParameters()).containsExactly("color");
      assertThat(result.values().jsonValue())
          .as("the layer's defaults under the experiment's parameters")
          .containsOnly(Map.entry("color", "green"), Map.entry("size", 1L));
      assertThat(result.values().undelegatedSecondaryExposures()).isEmpty();
      assertThat(result.values().time()).isEqualTo(1700000000000L);
      assertThat(result.values().configVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("sorts the explicit parameters of the delegated experiment")
    void explicitParametersSorted() {
      ExperimentCatalog wider =
          catalog.toBuilder()
              .experiment(
                  checkoutButton()
                      .defaultParameters(Map.of("zeta", 1, "color", "grey"))
                      .groups(
                          List.of(
                              new Group("Control", 1, Map.of("alpha", true)),
                              new Group("Test", 1, Map.of("color", "green", "mid", 2))))
                      .build())
              .build();

      assertThat(evaluate(wider, us("user-2"), "checkout_layer").values().explicitParameters())
          .containsExactly("alpha", "color", "mid", "zeta");
    }

    @Test
    @DisplayName("keeps the delegate when the experiment leaves the user out")
    void delegatedButOutside() {
      User german = User.builder().userId("user-2").attribute("country", "DE").build();

      Evaluation result = evaluate(catalog, german, "checkout_layer");

      assertThat(result.values().configDelegate()).isEqualTo("checkout_button");
      assertThat(result.values().ruleId()).isEqualTo("targetingGate");
      assertThat(result.experimentGroup()).isFalse();
      assertThat(result.values().jsonValue())
          .containsOnly(Map.entry("color", "grey"), Map.entry("size", 1L));
    }

    @Test
    @DisplayName("serves the layer's defaults to a user in no segment")
    void unallocated() {
      // user-1: layer bucket 9869 is past the 50% segment.
      Evaluation result = evaluate(catalog, us("user-1"), "checkout_layer");

      assertThat(result.kind()).isEqualTo(Evaluation.Kind.LAYER);
      assertThat(result.active()).isFalse();
      assertThat(result.experimentGroup()).isFalse();
      assertThat(result.values().value()).isFalse();
      assertThat(result.values().groupName()).isNull();
      assertThat(result.values().configDelegate()).isNull();
      assertThat(result.values().explicitParameters()).isNull();
      assertThat(result.values().ruleId()).isEqualTo("layerAssignment");
      assertThat(result.values().jsonValue())
          .containsOnly(Map.entry("color", "grey"), Map.entry("size", 1L));
    }

    @Test
    @DisplayName("serves the layer's defaults to a user without a unit ID")
    void noUnitId() {
      Evaluation result = evaluate(catalog, User.builder().build(), "checkout_layer");

      assertThat(result.values().ruleId()).isEqualTo("layerAssignment");
      assertThat(result.values().configDelegate()).isNull();
    }

    @Test
    @DisplayName("splits its traffic between segments in order")
    void segments() {
      ExperimentCatalog twoWay =
          catalog.toBuilder()
              .experiment(Experiment.builder("other").group("Only", 1, Map.of()).build())
              .layer(
                  catalog.layer("checkout_layer").orElseThrow().toBuilder()
                      .clearExperiments()
                      .experiment("checkout_button", 30)
                      .experiment("other", 70)
                      .build())
              .build();

      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < USERS; i++) {
        Evaluation result = evaluate(twoWay, us("u" + i), "checkout_layer");
        counts.merge(String.valueOf(result.values().configDelegate()), 1, Integer::sum);
        int bucket = Bucketing.bucket("checkout_layer", "u" + i);
        assertThat(result.values().configDelegate())
            .isEqualTo(bucket < 3000 ? "checkout_button" : "other");
      }
      assertThat(counts).containsOnlyKeys("checkout_button", "other");
    }
  }

  @Nested
  @DisplayName("the enforce checks")
  class EnforceChecks {
    private final ExperimentCatalog catalog = checkoutCatalog();

    @Test
    @DisplayName("passesTargeting is true only when every condition holds")
    void passesTargeting() {
      ExperimentCatalog twoConditions =
          catalog.toBuilder()
              .experiment(checkoutButton().targeting(Condition.of("age", Operator.GTE, 18)).build())
              .build();

      assertThat(twoConditions.passesTargeting(adult(20), "checkout_button")).isTrue();
      assertThat(twoConditions.passesTargeting(adult(12), "checkout_button")).isFalse();
      assertThat(twoConditions.passesTargeting(us("a"), "checkout_button")).isFalse();
    }

    @Test
    @DisplayName("passesTargeting is true for an experiment without targeting or an unknown name")
    void passesTargetingVacuously() {
      ExperimentCatalog untargeted =
          catalog.toBuilder().experiment(checkoutButton().clearTargeting().build()).build();

      assertThat(untargeted.passesTargeting(User.of("anyone"), "checkout_button")).isTrue();
      assertThat(catalog.passesTargeting(User.of("anyone"), "unknown")).isTrue();
    }

    @Test
    @DisplayName("matchesOverride is true only for an overridden unit ID")
    void matchesOverride() {
      assertThat(catalog.matchesOverride(User.of("vip-user"), "checkout_button")).isTrue();
      assertThat(catalog.matchesOverride(User.of("user-1"), "checkout_button")).isFalse();
      assertThat(catalog.matchesOverride(User.builder().build(), "checkout_button")).isFalse();
      assertThat(catalog.matchesOverride(User.of("vip-user"), "unknown")).isFalse();
    }
  }

  @Nested
  @DisplayName("bucketing across users and configurations")
  class Stability {

    @Test
    @DisplayName("splits 10 000 users close to 50/50")
    void evenSplit() {
      ExperimentCatalog catalog = checkoutCatalog();
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < USERS; i++) {
        counts.merge(
            String.valueOf(evaluate(catalog, us("u" + i), "checkout_button").values().groupName()),
            1,
            Integer::sum);
      }
      assertThat(counts).containsOnlyKeys("Control", "Test");
      assertThat(counts.get("Control")).isBetween(4700, 5300);
    }

    @Test
    @DisplayName("puts about 20% of users in an experiment allocated at 20%")
    void partialAllocation() {
      ExperimentCatalog catalog =
          checkoutCatalog().toBuilder()
              .experiment(checkoutButton().allocationPercent(20).build())
              .build();
      int inExperiment = 0;
      for (int i = 0; i < USERS; i++) {
        if (evaluate(catalog, us("u" + i), "checkout_button").experimentGroup()) {
          inExperiment++;
        }
      }
      assertThat(inExperiment).isBetween(1800, 2200);
    }

    @Test
    @DisplayName("gives a user the same result from every catalog with the same configuration")
    void deterministic() {
      ExperimentCatalog first = checkoutCatalog();
      ExperimentCatalog second = checkoutCatalog();
      ExperimentCatalog rebuilt = first.toBuilder().build();

      assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
      assertThat(movedUsers(first, second, "checkout_button")).isZero();
      assertThat(movedUsers(first, rebuilt, "checkout_button")).isZero();
      assertThat(movedUsers(first, rebuilt, "checkout_layer")).isZero();
    }

    @Test
    @DisplayName(
        "moves some users' live groups when the allocation changes — what persistence"
            + " protects against")
    void allocationChangeMovesUsers() {
      ExperimentCatalog before = checkoutCatalog();
      Experiment experiment = before.experiment("checkout_button").orElseThrow();
      ExperimentCatalog after =
          before.toBuilder()
              .experiment(experiment.toBuilder().allocationPercent(50).build())
              .build();

      assertThat(movedUsers(before, after, "checkout_button")).isBetween(4500, 5500);
    }

    @Test
    @DisplayName("moves some users' live groups when the weights change")
    void weightChangeMovesUsers() {
      ExperimentCatalog before = checkoutCatalog();
      Experiment experiment = before.experiment("checkout_button").orElseThrow();
      ExperimentCatalog after =
          before.toBuilder()
              .experiment(
                  experiment.toBuilder()
                      .groups(
                          List.of(
                              new Group("Control", 20, Map.of("color", "blue")),
                              new Group("Test", 80, Map.of("color", "green"))))
                      .build())
              .build();

      // Group buckets in [2000, 5000) move from Control to Test: about 30%.
      assertThat(movedUsers(before, after, "checkout_button")).isBetween(2700, 3300);
    }

    private int movedUsers(ExperimentCatalog before, ExperimentCatalog after, String name) {
      int moved = 0;
      for (int i = 0; i < USERS; i++) {
        User user = us("u" + i);
        if (!evaluate(before, user, name).equals(evaluate(after, user, name))) {
          moved++;
        }
      }
      return moved;
    }
  }

  @Nested
  @DisplayName("building")
  class Building {

    @Test
    @DisplayName("finds experiments and layers by name and lists them in order")
    void lookups() {
      ExperimentCatalog catalog = checkoutCatalog();

      assertThat(catalog.experiment("checkout_button"))
          .map(Experiment::salt)
          .contains("checkout_button");
      assertThat(catalog.layer("checkout_layer")).map(Layer::salt).contains("checkout_layer");
      assertThat(catalog.experiment("checkout_layer")).isEmpty();
      assertThat(catalog.layer("nope")).isEqualTo(Optional.empty());
      assertThat(catalog.experiments())
          .extracting(Experiment::name)
          .containsExactly("checkout_button");
      assertThat(catalog.layers()).extracting(Layer::name).containsExactly("checkout_layer");
      assertThat(catalog.configTime()).isEqualTo(1700000000000L);
      assertThat(catalog.configVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("defaults to config time 0 and no version")
    void defaults() {
      ExperimentCatalog empty = ExperimentCatalog.builder().build();

      assertThat(empty.configTime()).isZero();
      assertThat(empty.configVersion()).isNull();
      assertThat(empty.experiments()).isEmpty();
    }

    @Test
    @DisplayName("replaces an experiment or layer added again under the same name")
    void replaces() {
      ExperimentCatalog catalog = checkoutCatalog();
      ExperimentCatalog changed =
          catalog.toBuilder()
              .experiment(checkoutButton().allocationPercent(50).build())
              .configVersion(4)
              .build();

      assertThat(changed.experiments()).hasSize(1);
      assertThat(changed.experiment("checkout_button").orElseThrow().allocationPercent())
          .isEqualTo(50.0);
      assertThat(changed.configVersion()).isEqualTo(4);
      assertThat(catalog.experiment("checkout_button").orElseThrow().allocationPercent())
          .as("the original is untouched")
          .isEqualTo(100.0);
      assertThat(changed).isNotEqualTo(catalog);
    }

    @Test
    @DisplayName("rejects a layer naming an unknown experiment")
    void unknownExperimentInLayer() {
      assertThatThrownBy(
              () ->
                  ExperimentCatalog.builder()
                      .layer(Layer.builder("l").experiment("ghost", 10).build())
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer l names unknown experiment ghost");
    }

    @Test
    @DisplayName("rejects a layer whose experiment has another id type")
    void idTypeMismatch() {
      assertThatThrownBy(
              () ->
                  ExperimentCatalog.builder()
                      .experiment(
                          Experiment.builder("e")
                              .idType("companyID")
                              .group("A", 1, Map.of())
                              .build())
                      .layer(Layer.builder("l").experiment("e", 10).build())
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "layer l has idType userID but its experiment e has idType companyID");
    }

    @Test
    @DisplayName("rejects an experiment and a layer with the same name")
    void nameClash() {
      assertThatThrownBy(
              () ->
                  ExperimentCatalog.builder()
                      .experiment(Experiment.builder("same").group("A", 1, Map.of()).build())
                      .layer(Layer.builder("same").build())
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer same has the name of an experiment");
    }

    @Test
    @DisplayName("rejects null experiments and layers")
    void nulls() {
      assertThatThrownBy(() -> ExperimentCatalog.builder().experiment(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("experiment");
      assertThatThrownBy(() -> ExperimentCatalog.builder().layer(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer");
    }
  }
}
