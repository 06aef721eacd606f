package io.github.persistentassignment.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * How a {@link Condition} compares a user's attribute with its value. In JSON each operator is
 * spelled in lower case, such as {@code "not_in"}.
 */
public enum Operator {
  /** The attribute equals the value. */
  EQ,
  /** The attribute is present and does not equal the value. */
  NEQ,
  /** The attribute equals one of the values in a list. */
  IN,
  /** The attribute is present and equals none of the values in a list. */
  NOT_IN,
  /** The attribute is a number greater than the value. */
  GT,
  /** The attribute is a number greater than or equal to the value. */
  GTE,
  /** The attribute is a number less than the value. */
  LT,
  /** The attribute is a number less than or equal to the value. */
  LTE;

  /**
   * The operator's spelling in the JSON format.
   *
   * @return the name in lower case, such as {@code "not_in"}
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the operator compares with a list of values rather than one value.
   *
   * @return true for {@link #IN} and {@link #NOT_IN}
   */
  public boolean takesList() {
    return this == IN || this == NOT_IN;
  }

  /**
   * Whether the operator orders numbers rather than testing equality.
   *
   * @return true for {@link #GT}, {@link #GTE}, {@link #LT} and {@link #LTE}
   */
  public boolean isOrdering() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }

  /**
   * The operator with a JSON spelling.
   *
   * @param jsonName the spelling, such as {@code "gte"}; case matters
   * @return the operator, or empty when no operator is spelled so
   */
  public static Optional<Operator> fromJsonName(String jsonName) {
    for (Operator operator : values()) {
      if (operator.jsonName().equals(jsonName)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }
}
