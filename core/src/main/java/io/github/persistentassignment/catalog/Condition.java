package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.User;
import io.github.persistentassignment.internal.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * One targeting rule of an {@link Experiment}: a user attribute compared with a value.
 *
 * <p>The attribute {@code userID} reads {@link User#userId()}; any other name reads {@link
 * User#attributes()}. A missing (or null) attribute fails every operator, {@link Operator#NEQ} and
 * {@link Operator#NOT_IN} included, so an incomplete user is never targeted by accident. Numbers
 * compare numerically whatever their Java type, and a numeric string compares numerically with a
 * number ({@code "42"} equals {@code 42}); two strings compare exactly (case matters); booleans
 * compare by equality. The ordering operators hold only when both sides are numbers.
 *
 * @param attribute the attribute's name, such as {@code country} or {@code userID}
 * @param operator how to compare
 * @param value a string, number or boolean; for {@link Operator#IN} and {@link Operator#NOT_IN} a
 *     list of them; for the ordering operators a number or a numeric string
 */
public record Condition(String attribute, Operator operator, Object value) {

  /**
   * Validates that the value suits the operator and copies it.
   *
   * @param attribute the attribute's name, such as {@code country} or {@code userID}
   * @param operator how to compare
   * @param value a string, number or boolean; for {@link Operator#IN} and {@link Operator#NOT_IN} a
   *     list of them; for the ordering operators a number or a numeric string
   */
  public Condition {
    requireNonBlank(attribute, "attribute");
    requireNonNullArgument(operator, "operator");
    requireNonNullArgument(value, "value");
    Object copy = requireNonNullArgument(JsonValues.copy(value, "value"), "value");
    if (operator.takesList()) {
      if (!(copy instanceof List)) {
        throw new IllegalArgumentException(
            "operator " + operator.jsonName() + " needs a list of values, got " + value);
      }
      for (Object element : (List<?>) copy) {
        requireScalar(element, operator);
      }
    } else {
      requireScalar(copy, operator);
    }
    value = copy;
  }

  /**
   * A condition.
   *
   * @param attribute the attribute's name
   * @param operator how to compare
   * @param value a single value, or a list for {@link Operator#IN} and {@link Operator#NOT_IN}
   * @return the condition
   * @throws IllegalArgumentException if the value does not suit the operator
   */
  public static Condition of(String attribute, Operator operator, Object value) {
    return new Condition(attribute, operator, value);
  }

  /**
   * Whether the user passes this condition.
   *
   * @param user the user
   * @return true when the attribute is present and the comparison holds
   */
  public boolean matches(User user) {
    requireNonNullArgument(user, "user");
    Object actual = attributeOf(user);
    if (actual == null) {
      return false;
    }
    return switch (operator) {
      case EQ -> Comparisons.equal(actual, value);
      case NEQ -> !Comparisons.equal(actual, value);
      case IN -> anyEqual(actual);
      case NOT_IN -> !anyEqual(actual);
      case GT -> ordered(actual, sign -> sign > 0);
      case GTE -> ordered(actual, sign -> sign >= 0);
      case LT -> ordered(actual, sign -> sign < 0);
      case LTE -> ordered(actual, sign -> sign <= 0);
    };
  }

  private @Nullable Object attributeOf(User user) {
    if ("userID".equals(attribute)) {
      return user.userId();
    }
    Map<String, @Nullable Object> attributes = user.attributes();
    return attributes.get(attribute);
  }

  private boolean ordered(Object actual, IntPredicate signHolds) {
    return Comparisons.compareNumbers(actual, value).map(signHolds::test).orElse(false);
  }

  private boolean anyEqual(Object actual) {
    for (Object candidate : (List<?>) value) {
      if (Comparisons.equal(actual, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static void requireScalar(@Nullable Object value, Operator operator) {
    boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
    if (!scalar) {
      throw new IllegalArgumentException(
          "operator "
              + operator.jsonName()
              + " compares with strings, numbers or booleans, got "
              + (value == null ? "null" : value));
    }
    if (operator.isOrdering() && Comparisons.number(value).isEmpty()) {
      throw new IllegalArgumentException(
          "operator " + operator.jsonName() + " compares numbers, got " + value);
    }
  }
}
