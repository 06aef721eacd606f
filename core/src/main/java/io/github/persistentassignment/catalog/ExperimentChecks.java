package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.StorageKeys;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks an {@link Experiment} passes when it is built, each naming the experiment. */
final class ExperimentChecks {
  private ExperimentChecks() {}

  static void requireUsableGroups(String name, List<Group> groups) {
    if (groups.stream().noneMatch(group -> group.weight() > 0)) {
      throw new IllegalArgumentException(
          "experiment " + name + " needs at least one group with a weight above 0");
    }
    Set<String> seen = new HashSet<>();
    for (Group group : groups) {
      if (!seen.add(group.name())) {
        throw new IllegalArgumentException(
            "experiment " + name + " has two groups named " + group.name());
      }
    }
  }

  static Map<String, String> copyOverrides(
      String name, Map<String, String> overrides, List<Group> groups) {
    Map<String, String> copy = new LinkedHashMap<>();
    overrides.forEach(
        (unitId, groupName) -> {
          requireNonBlank(unitId, "override unit ID of experiment " + name);
          requireNonNullArgument(groupName, "override group of " + unitId);
          if (groups.stream().noneMatch(group -> group.name().equals(groupName))) {
            throw new IllegalArgumentException(
                "experiment "
                    + name
                    + " overrides "
                    + unitId
                    + " to unknown group "
                    + groupName
                    + "; its groups are "
                    + groups.stream().map(Group::name).toList());
          }
          copy.put(unitId, groupName);
        });
    return Collections.unmodifiableMap(copy);
  }

  static void requireUsableLifecycle(
      String name,
      String idType,
      @Nullable String fallbackIdType,
      @Nullable Integer version,
      int reassignBelowVersion,
      int excludeBelowVersion) {
    if (fallbackIdType != null) {
      StorageKeys.requireValidIdType(fallbackIdType, "fallbackIdType of experiment " + name);
      if (fallbackIdType.equals(idType)) {
        throw new IllegalArgumentException(
            "fallbackIdType of experiment "
                + name
                + " must differ from its idType ("
                + idType
                + ")");
      }
    }
    if (version != null && version < 0) {
      throw new IllegalArgumentException(
          "version of experiment " + name + " must be 0 or more, got " + version);
    }
    int own = version == null ? 0 : version;
    requireVersionRule(name, "reassignBelowVersion", reassignBelowVersion, own);
    requireVersionRule(name, "excludeBelowVersion", excludeBelowVersion, own);
  }

  private static void requireVersionRule(String name, String rule, int below, int own) {
    if (below < 0 || below > own) {
      throw new IllegalArgumentException(
          rule
              + " of experiment "
              + name
              + " must be from 0 to the experiment's own version ("
              + own
              + "), got "
              + below);
    }
  }
}
