package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The values of the contract")
class ValuesTest {

  @Nested
  @DisplayName("StorageKeys")
  class StorageKeysTest {
    @Test
    @DisplayName("uses the user ID for userID, whatever its case, keeping the id type as spelled")
    void userId() {
      User user = User.of("test-123");
      assertThat(StorageKeys.of(user, "userID")).contains("test-123:userID");
      assertThat(StorageKeys.of(user, "userid")).contains("test-123:userid");
      assertThat(StorageKeys.of(user, "USERID")).contains("test-123:USERID");
    }

    @Test
    @DisplayName("uses the custom ID of the type, then of the type lower-cased")
    void customId() {
      User user =
          User.builder()
              .userId("u")
              .customId("companyID", "acme")
              .customId("stableid", "s-1")
              .build();
      assertThat(StorageKeys.of(user, "companyID")).contains("acme:companyID");
      assertThat(StorageKeys.of(user, "stableID")).contains("s-1:stableID");
      assertThat(StorageKeys.of(user, "deviceID")).isEmpty();
    }

    @Test
    @DisplayName("has no key for a user without a unit ID, or with an empty one")
    void noUnitId() {
      assertThat(StorageKeys.of(User.builder().build(), "userID")).isEmpty();
      assertThat(StorageKeys.of(User.of(""), "userID")).isEmpty();
      assertThat(StorageKeys.of(User.builder().customId("companyID", "").build(), "companyID"))
          .isEmpty();
    }

    @Test
    @DisplayName("rejects a null user or a blank id type, naming it")
    void badArguments() {
      assertThatThrownBy(() -> StorageKeys.of(null, "userID"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("user");
      assertThatThrownBy(() -> StorageKeys.of(User.of("u"), " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("idType");
    }

    @Test
    @DisplayName("rejects an id type with ':', which would key 'a' of 'b:c' and 'a:b' of 'c' alike")
    void idTypeWithColon() {
      User user = User.builder().userId("a").customId("b:c", "a").build();
      assertThatThrownBy(() -> StorageKeys.of(user, "b:c"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "idType must not contain ':', was 'b:c': keys are \"<unitID>:<idType>\", and two"
                  + " users could then share one key");
      assertThat(StorageKeys.of(User.builder().customId("c", "a:b").build(), "c"))
          .contains("a:b:c");
    }
  }

  @Nested
  @DisplayName("UserPersistedValues")
  class UserPersistedValuesTest {
    @Test
    @DisplayName("empty() is available and holds nothing; unavailable() is not available")
    void states() {
      assertThat(UserPersistedValues.empty().isAvailable()).isTrue();
      assertThat(UserPersistedValues.empty().isEmpty()).isTrue();
      assertThat(UserPersistedValues.unavailable().isAvailable()).isFalse();
      assertThat(UserPersistedValues.unavailable().asMap()).isEmpty();
      assertThat(UserPersistedValues.unavailable()).isNotEqualTo(UserPersistedValues.empty());
      assertThat(UserPersistedValues.of(Map.of())).isEqualTo(UserPersistedValues.empty());
    }

    @Test
    @DisplayName("of(Map) copies the map, and its view cannot be changed")
    void copies() {
      Map<String, StickyValues> source = new HashMap<>();
      StickyValues values = StickyValues.builder().groupName("A").build();
      source.put("exp", values);
      UserPersistedValues persisted = UserPersistedValues.of(source);
      source.clear();
      assertThat(persisted.get("exp")).contains(values);
      assertThat(persisted.get("other")).isEmpty();
      assertThatThrownBy(() -> persisted.asMap().put("x", values))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("rejects a blank config name or a null value")
    void rejects() {
      Map<String, StickyValues> blank = new HashMap<>();
      blank.put(" ", StickyValues.builder().build());
      assertThatThrownBy(() -> UserPersistedValues.of(blank)).hasMessageContaining("configName");
      Map<String, StickyValues> nullValue = new HashMap<>();
      nullValue.put("exp", null);
      assertThatThrownBy(() -> UserPersistedValues.of(nullValue))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("ExperimentOptions: nothing deletes unless the caller says optOut")
  class ExperimentOptionsTest {
    @Test
    @DisplayName("persisted(null) is refused, naming the argument and the way to opt out")
    void persistedNull() {
      assertThatThrownBy(() -> ExperimentOptions.persisted(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("userPersistedValues");
      assertThatThrownBy(() -> ExperimentOptions.builder().userPersistedValues(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("userPersistedValues");
    }

    @Test
    @DisplayName(
        "a builder given neither values nor optOut() refuses to build, saying what to call")
    void bareBuilder() {
      assertThatThrownBy(() -> ExperimentOptions.builder().enforceTargeting(true).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("userPersistedValues(")
          .hasMessageContaining("optOut()");
      assertThatThrownBy(
              () ->
                  ExperimentOptions.builder()
                      .userPersistedValues(UserPersistedValues.empty())
                      .optOut()
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("both");
    }

    @Test
    @DisplayName("optOut() is the only form that opts out")
    void optOut() {
      assertThat(ExperimentOptions.optOut().optsOut()).isTrue();
      assertThat(ExperimentOptions.optOut().userPersistedValues()).isNull();
      assertThat(ExperimentOptions.builder().optOut().enforceTargeting(true).build().optsOut())
          .isTrue();
      ExperimentOptions persisted = ExperimentOptions.persisted(UserPersistedValues.empty());
      assertThat(persisted.optsOut()).isFalse();
      assertThat(persisted.enforceTargeting()).isFalse();
      assertThat(persisted)
          .isEqualTo(
              ExperimentOptions.builder().userPersistedValues(UserPersistedValues.empty()).build())
          .isNotEqualTo(ExperimentOptions.optOut());
    }
  }

  @Nested
  @DisplayName("StickyValues")
  class StickyValuesTest {
    @Test
    @DisplayName("deep-copies json_value so later changes to the source do not leak in")
    void deepCopy() {
      List<Object> list = new ArrayList<>(List.of(1, 2));
      Map<String, Object> json = new HashMap<>(Map.of("list", list));
      StickyValues values = StickyValues.builder().jsonValue(json).build();
      list.add(3);
      json.put("extra", true);
      assertThat(values.jsonValue()).isEqualTo(Map.of("list", List.of(1L, 2L)));
      assertThatThrownBy(() -> values.jsonValue().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("normalizes numbers the way the codec reads them back")
    void normalizesNumbers() {
      StickyValues values =
          StickyValues.builder()
              .jsonValue(
                  Map.of(
                      "int",
                      1,
                      "float",
                      1.5f,
                      "small",
                      BigInteger.TEN,
                      "exact",
                      new BigDecimal("2.25"),
                      "precise",
                      new BigDecimal("0.100000000000000000001")))
              .build();
      assertThat(values.jsonValue())
          .containsEntry("int", 1L)
          .containsEntry("float", 1.5)
          .containsEntry("small", 10L)
          .containsEntry("exact", 2.25)
          .containsEntry("precise", new BigDecimal("0.100000000000000000001"));
    }

    @Test
    @DisplayName("rejects values JSON cannot hold, naming where they are")
    void rejectsNonJson() {
      assertThatThrownBy(
              () -> StickyValues.builder().jsonValue(Map.of("when", new Object())).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jsonValue.when");
      assertThatThrownBy(() -> StickyValues.builder().jsonValue(Map.of("nan", Double.NaN)).build())
          .hasMessageContaining("NaN");
      List<SecondaryExposure> withNull = new ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> StickyValues.builder().secondaryExposures(withNull))
          .hasMessageContaining("secondaryExposures[0]");
    }

    @Test
    @DisplayName("toBuilder() derives an equal copy that can be changed")
    void toBuilder() {
      StickyValues values =
          StickyValues.builder()
              .value(true)
              .groupName("A")
              .ruleId("r")
              .configDelegate("exp")
              .explicitParameters(List.of("p"))
              .time(5)
              .configVersion(2)
              .build();
      assertThat(values.toBuilder().build()).isEqualTo(values);
      assertThat(values.toBuilder().groupName("B").build().groupName()).isEqualTo("B");
    }
  }

  @Nested
  @DisplayName("Evaluation")
  class EvaluationTest {
    @Test
    @DisplayName("a builder starts empty and toBuilder() round-trips every component")
    void builder() {
      Evaluation empty = Evaluation.builder("exp", Evaluation.Kind.EXPERIMENT, "userID").build();
      assertThat(empty.active()).isFalse();
      assertThat(empty.experimentGroup()).isFalse();
      assertThat(empty.values()).isEqualTo(StickyValues.builder().build());

      Evaluation full =
          Evaluation.builder("layer", Evaluation.Kind.LAYER, "companyID")
              .active(true)
              .experimentGroup(true)
              .values(
                  StickyValues.builder()
                      .value(true)
                      .groupName("Test")
                      .ruleId("rule")
                      .jsonValue(Map.of("color", "green"))
                      .secondaryExposures(List.of(new SecondaryExposure("g", "true", "r")))
                      .configDelegate("exp")
                      .explicitParameters(List.of("color"))
                      .time(7)
                      .configVersion(3)
                      .build())
              .build();
      assertThat(full.toBuilder().build()).isEqualTo(full);
      assertThat(full.toBuilder().active(false).build().values()).isEqualTo(full.values());
    }

    @Test
    @DisplayName("rejects null values")
    void rejectsNullValues() {
      assertThatThrownBy(
              () ->
                  new Evaluation(
                      "exp",
                      Evaluation.Kind.EXPERIMENT,
                      "userID",
                      true,
                      true,
                      null,
                      null,
                      0,
                      0,
                      StickyValues.builder().build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("values");
    }

    @Test
    @DisplayName("rejects a fallback id type equal to the id type, and negative version rules")
    void rejectsBadLifecycle() {
      assertThatThrownBy(
              () ->
                  Evaluation.builder("exp", Evaluation.Kind.EXPERIMENT, "userID")
                      .fallbackIdType("userID")
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fallbackIdType of exp must differ from its idType");
      assertThatThrownBy(
              () ->
                  Evaluation.builder("exp", Evaluation.Kind.EXPERIMENT, "userID")
                      .excludeBelowVersion(-1)
                      .build())
          .hasMessageContaining("0 or more");
    }

    @Test
    @DisplayName("rejects a blank name or id type")
    void rejects() {
      assertThatThrownBy(
              () -> Evaluation.builder(" ", Evaluation.Kind.EXPERIMENT, "userID").build())
          .hasMessageContaining("name");
      assertThatThrownBy(() -> Evaluation.builder("exp", Evaluation.Kind.EXPERIMENT, "").build())
          .hasMessageContaining("idType");
    }
  }

  @Nested
  @DisplayName("Assignment")
  class AssignmentTest {
    @Test
    @DisplayName(
        "typed getters return the parameter, or the fallback for a missing or mistyped one")
    void typedGetters() {
      Evaluation live =
          Evaluation.builder("exp", Evaluation.Kind.EXPERIMENT, "userID")
              .values(
                  StickyValues.builder()
                      .jsonValue(
                          Map.of(
                              "s",
                              "text",
                              "b",
                              true,
                              "n",
                              42,
                              "d",
                              2.5,
                              "l",
                              List.of(1, 2),
                              "m",
                              Map.of("k", "v")))
                      .build())
              .build();
      Assignment assignment = Assignment.live(live, Assignment.Reason.EVALUATED);
      assertThat(assignment.stringParameter("s", "x")).isEqualTo("text");
      assertThat(assignment.stringParameter("n", "x")).isEqualTo("x");
      assertThat(assignment.booleanParameter("b", false)).isTrue();
      assertThat(assignment.booleanParameter("missing", true)).isTrue();
      assertThat(assignment.longParameter("n", 0)).isEqualTo(42);
      assertThat(assignment.longParameter("d", 0)).isEqualTo(2);
      assertThat(assignment.doubleParameter("d", 0)).isEqualTo(2.5);
      assertThat(assignment.doubleParameter("s", -1)).isEqualTo(-1);
      assertThat(assignment.listParameter("l", null)).containsExactly(1L, 2L);
      assertThat(assignment.mapParameter("m", null)).containsEntry("k", "v");
      assertThat(assignment.mapParameter("l", Map.of())).isEmpty();
    }
  }

  @Test
  @DisplayName("User copies its maps and rejects blank custom id types")
  void user() {
    Map<String, Object> attributes = new HashMap<>(Map.of("country", "US"));
    User user = User.builder().userId("u").attributes(attributes).build();
    attributes.put("country", "CA");
    assertThat(user.attributes()).containsEntry("country", "US");
    assertThat(user.customId("companyID")).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> User.builder().customId(" ", "x")).hasMessageContaining("idType");
  }
}
