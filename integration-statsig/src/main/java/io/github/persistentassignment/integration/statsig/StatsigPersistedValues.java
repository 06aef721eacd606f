package io.github.persistentassignment.integration.statsig;

import com.statsig.sdk.StatsigUser;
import io.github.persistentassignment.UserPersistedValues;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shapes Statsig's SDK gives persisted values: storage keys of its users, and the two-level map
 * that {@code GetExperimentOptions} and {@code GetLayerOptions} take.
 *
 * <p>The map is keyed first by storage key, then by experiment or layer name. The SDK looks the
 * values up under the key of the user being evaluated, so values loaded for one user are not
 * applied to another.
 */
public final class StatsigPersistedValues {
  private StatsigPersistedValues() {}

  /**
   * The key Statsig's SDK stores a user's entries under for an id type: {@code
   * "<unitID>:<idType>"}, the same key {@link io.github.persistentassignment.StorageKeys} gives our
   * users.
   *
   * <p>The unit ID is the user ID when {@code idType} equals {@code userID} ignoring case,
   * otherwise the custom ID of that type, then of that type lower-cased.
   *
   * @param user the SDK's user
   * @param idType the experiment's id type, as spelled in the experiment
   * @return the key, or empty when the user has no (or a blank) unit ID of that type
   * @throws NullPointerException if an argument is null
   */
  public static Optional<String> storageKey(StatsigUser user, String idType) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idType, "idType");
    String unitId;
    if (idType.toLowerCase(Locale.ROOT).equals("userid")) {
      unitId = user.getUserID();
    } else {
      Map<String, String> customIds = user.getCustomIDs();
      unitId = customIds == null ? null : customIds.get(idType);
      if (unitId == null && customIds != null) {
        unitId = customIds.get(idType.toLowerCase(Locale.ROOT));
      }
    }
    if (unitId == null || unitId.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(unitId + ":" + idType);
  }

  /**
   * Our entries of one user as the SDK's inner map: config name to Statsig's value.
   *
   * @param values the user's entries
   * @return a new mutable map
   * @throws NullPointerException if {@code values} is null
   */
  public static Map<String, com.statsig.sdk.persistent_storage.StickyValues> toStatsig(
      UserPersistedValues values) {
    Objects.requireNonNull(values, "values");
    Map<String, com.statsig.sdk.persistent_storage.StickyValues> result = new HashMap<>();
    values.asMap().forEach((name, value) -> result.put(name, StatsigStickyValues.toStatsig(value)));
    return result;
  }

  /**
   * The SDK's persisted-values map for {@code GetExperimentOptions} or {@code GetLayerOptions}.
   *
   * @param valuesByKey each storage key's entries, as loaded with {@link
   *     io.github.persistentassignment.PersistentStorage#load} or {@code loadAll}
   * @return a new mutable map: storage key, then config name, to Statsig's value
   * @throws NullPointerException if {@code valuesByKey} or one of its keys or values is null
   */
  public static Map<String, Map<String, com.statsig.sdk.persistent_storage.StickyValues>> of(
      Map<String, UserPersistedValues> valuesByKey) {
    Objects.requireNonNull(valuesByKey, "valuesByKey");
    Map<String, Map<String, com.statsig.sdk.persistent_storage.StickyValues>> result =
        new HashMap<>();
    valuesByKey.forEach(
        (key, values) -> result.put(Objects.requireNonNull(key, "key"), toStatsig(values)));
    return result;
  }
}
