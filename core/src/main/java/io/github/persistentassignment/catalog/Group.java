package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.internal.JsonValues;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One group (variant) of an {@link Experiment}.
 *
 * @param name the group's name, unique within its experiment, such as {@code Control}
 * @param weight the group's share of the experiment's traffic, relative to the other groups'
 *     weights; zero keeps the group (for overrides) but gives it no traffic
 * @param parameters the parameter values the group's users get, laid over the experiment's defaults
 */
public record Group(String name, double weight, Map<String, @Nullable Object> parameters) {

  /**
   * Validates the name and weight and copies the parameters.
   *
   * @param name the group's name, unique within its experiment, such as {@code Control}
   * @param weight the group's share of the experiment's traffic, relative to the other groups'
   *     weights; zero keeps the group (for overrides) but gives it no traffic
   * @param parameters the parameter values the group's users get, laid over the experiment's
   *     defaults
   */
  public Group {
    requireNonBlank(name, "group name");
    if (!Double.isFinite(weight) || weight < 0) {
      throw new IllegalArgumentException(
          "weight of group " + name + " must be a finite number >= 0, got " + weight);
    }
    parameters =
        JsonValues.copyObject(
            requireNonNullArgument(parameters, "parameters"), "parameters of group " + name);
  }
}
