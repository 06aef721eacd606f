package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.User;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Condition")
class ConditionTest {

  private static User with(String attribute, Object value) {
    return User.builder().userId("u1").attribute(attribute, value).build();
  }

  private static boolean holds(Object attribute, Operator operator, Object value) {
    return Condition.of("a", operator, value).matches(with("a", attribute));
  }

  @Nested
  @DisplayName("each operator")
  class Operators {
    @Test
    @DisplayName("eq compares strings exactly, numbers numerically and booleans by equality")
    void eq() {
      assertThat(holds("US", Operator.EQ, "US")).isTrue();
      assertThat(holds("us", Operator.EQ, "US")).isFalse();
      assertThat(holds(3, Operator.EQ, 3.0)).isTrue();
      assertThat(holds(3L, Operator.EQ, new BigDecimal("3.00"))).isTrue();
      assertThat(holds(0.1, Operator.EQ, "0.1")).isTrue();
      assertThat(holds("42", Operator.EQ, 42)).isTrue();
      assertThat(holds("42", Operator.EQ, "42.0")).as("two strings compare exactly").isFalse();
      assertThat(holds("forty-two", Operator.EQ, 42)).isFalse();
      assertThat(holds(true, Operator.EQ, true)).isTrue();
      assertThat(holds(true, Operator.EQ, "true")).isFalse();
      assertThat(holds(List.of("US"), Operator.EQ, "US")).as("lists equal nothing").isFalse();
    }

    @Test
    @DisplayName("neq is the opposite of eq for a present attribute")
    void neq() {
      assertThat(holds("free", Operator.NEQ, "pro")).isTrue();
      assertThat(holds("pro", Operator.NEQ, "pro")).isFalse();
      assertThat(holds(5, Operator.NEQ, "5")).isFalse();
    }

    @Test
    @DisplayName("in and not_in test membership of a list")
    void in() {
      List<Object> values = List.of("US", "CA", 7);
      assertThat(holds("CA", Operator.IN, values)).isTrue();
      assertThat(holds("7", Operator.IN, values)).isTrue();
      assertThat(holds("DE", Operator.IN, values)).isFalse();
      assertThat(holds("DE", Operator.NOT_IN, values)).isTrue();
      assertThat(holds("US", Operator.NOT_IN, values)).isFalse();
      assertThat(holds("US", Operator.IN, List.of())).isFalse();
    }

    @Test
    @DisplayName("gt, gte, lt and lte order numbers, numeric strings included")
    void ordering() {
      assertThat(holds(11, Operator.GT, 10)).isTrue();
      assertThat(holds(10, Operator.GT, 10)).isFalse();
      assertThat(holds(10, Operator.GTE, 10)).isTrue();
      assertThat(holds(9.5, Operator.GTE, 10)).isFalse();
      assertThat(holds("9", Operator.LT, 10)).as("9 < 10, not \"9\" > \"10\"").isTrue();
      assertThat(holds(10, Operator.LT, 10)).isFalse();
      assertThat(holds(10, Operator.LTE, "10")).isTrue();
      assertThat(holds(10.01, Operator.LTE, 10)).isFalse();
    }

    @Test
    @DisplayName("the ordering operators fail for a value that is not a number")
    void orderingNonNumbers() {
      assertThat(holds("abc", Operator.GT, 1)).isFalse();
      assertThat(holds(true, Operator.LT, 1)).isFalse();
      assertThat(holds(Map.of("n", 1), Operator.GTE, 1)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    @DisplayName("a missing attribute fails every operator")
    void missing(Operator operator) {
      Object value = operator.takesList() ? List.of("x") : 1;
      Condition condition = Condition.of("absent", operator, value);

      assertThat(condition.matches(User.of("u1"))).isFalse();
      assertThat(condition.matches(with("absent", null))).as("null counts as missing").isFalse();
    }
  }

  @Test
  @DisplayName("reads userID from the user ID and other attributes from the attributes")
  void userIdAttribute() {
    assertThat(Condition.of("userID", Operator.EQ, "u1").matches(User.of("u1"))).isTrue();
    assertThat(Condition.of("userID", Operator.EQ, "u1").matches(with("userID", "u2"))).isTrue();
    assertThat(Condition.of("userID", Operator.EQ, "u1").matches(User.builder().build())).isFalse();
  }

  @Test
  @DisplayName("has lower-case JSON spellings")
  void jsonNames() {
    assertThat(Arrays.stream(Operator.values()).map(Operator::jsonName))
        .containsExactly("eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte");
    assertThat(Operator.fromJsonName("not_in")).contains(Operator.NOT_IN);
    assertThat(Operator.fromJsonName("NOT_IN")).isEmpty();
  }

  @Test
  @DisplayName("copies its value so equal conditions are equal records")
  void copies() {
    assertThat(Condition.of("n", Operator.IN, Arrays.asList(1, "b")))
        .isEqualTo(Condition.of("n", Operator.IN, List.of(1L, "b")));
  }

  @Nested
  @DisplayName("rejects")
  class Rejects {
    @Test
    @DisplayName("a single value for in and not_in")
    void listNeeded() {
      assertThatThrownBy(() -> Condition.of("a", Operator.IN, "US"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("in needs a list");
    }

    @Test
    @DisplayName("a list, map or null for a single-value operator")
    void scalarNeeded() {
      assertThatThrownBy(() -> Condition.of("a", Operator.EQ, List.of("US")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("compares with strings, numbers or booleans");
      assertThatThrownBy(() -> Condition.of("a", Operator.IN, List.of(Map.of())))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Condition.of("a", Operator.EQ, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("value");
    }

    @Test
    @DisplayName("a non-numeric value for an ordering operator")
    void numberNeeded() {
      assertThatThrownBy(() -> Condition.of("a", Operator.GT, "ten"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gt compares numbers");
    }

    @Test
    @DisplayName("a blank attribute or a null operator")
    void blanks() {
      assertThatThrownBy(() -> Condition.of(" ", Operator.EQ, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("attribute");
      assertThatThrownBy(() -> Condition.of("a", null, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("operator");
    }
  }
}
