package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

/**
 * A gate that was evaluated on the way to an assignment, recorded so exposures can be logged again
 * when the stored assignment is served.
 *
 * <p>In the stored JSON it is {@code {"gate":…,"gateValue":…,"ruleID":…}}.
 *
 * @param gate the gate's name
 * @param gateValue the gate's result as text, {@code "true"} or {@code "false"}
 * @param ruleId the id of the gate rule that matched
 */
public record SecondaryExposure(String gate, String gateValue, String ruleId) {
  /**
   * Checks that no component is null.
   *
   * @param gate the gate's name
   * @param gateValue the gate's result as text, {@code "true"} or {@code "false"}
   * @param ruleId the id of the gate rule that matched
   */
  public SecondaryExposure {
    requireNonNullArgument(gate, "gate");
    requireNonNullArgument(gateValue, "gateValue");
    requireNonNullArgument(ruleId, "ruleId");
  }
}
