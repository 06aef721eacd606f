package io.github.persistentassignment.integration.statsig;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Statsig's {@link com.statsig.sdk.persistent_storage.StickyValues} and ours,
 * field by field.
 *
 * <p>What cannot be carried across:
 *
 * <ul>
 *   <li>Statsig's object has no configuration version, so {@link #toStatsig} drops {@link
 *       StickyValues#configVersion()} and {@link #fromStatsig} yields null there. {@link
 *       StatsigPersistentStorage} never overwrites a stored entry, so a version written by our own
 *       core stays in storage.
 *   <li>Statsig's rule id is not nullable: a null {@link StickyValues#ruleId()} becomes {@code ""}.
 * </ul>
 *
 * <p>Parameter numbers: Statsig's SDK parses JSON with Gson, so every number it saves is a {@link
 * Double}; ours keeps integers as {@link Long}. Both SDKs read either kind through their typed
 * getters.
 */
public final class StatsigStickyValues {
  private static final String GATE = "gate";
  private static final String GATE_VALUE = "gateValue";
  private static final String RULE_ID = "ruleID";

  private StatsigStickyValues() {}

  /**
   * Our value as Statsig's SDK holds it.
   *
   * @param values our value
   * @return a new Statsig value with every field but the configuration version
   * @throws NullPointerException if {@code values} is null
   */
  public static com.statsig.sdk.persistent_storage.StickyValues toStatsig(StickyValues values) {
    Objects.requireNonNull(values, "values");
    List<String> explicit = values.explicitParameters();
    Map<String, @Nullable Object> json = values.jsonValue();
    return new com.statsig.sdk.persistent_storage.StickyValues(
        values.value(),
        json == null ? null : new LinkedHashMap<>(json),
        values.ruleId() == null ? "" : values.ruleId(),
        values.groupName(),
        toStatsigExposures(values.secondaryExposures()),
        explicit == null ? null : explicit.toArray(new String[0]),
        values.configDelegate(),
        toStatsigExposures(values.undelegatedSecondaryExposures()),
        values.time());
  }

  /**
   * Statsig's value as ours, with no configuration version.
   *
   * @param values Statsig's value
   * @return our immutable value
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if its {@code jsonValue} is neither null nor a map with string
   *     keys, or a secondary exposure lacks {@code gate}, {@code gateValue} or {@code ruleID}
   */
  public static StickyValues fromStatsig(com.statsig.sdk.persistent_storage.StickyValues values) {
    Objects.requireNonNull(values, "values");
    String[] explicit = values.getExplicitParameters();
    return StickyValues.builder()
        .value(values.getValue())
        .jsonValue(toParameters(values.getJsonValue()))
        .ruleId(values.getRuleID())
        .groupName(values.getGroupName())
        .secondaryExposures(fromStatsigExposures(values.getSecondaryExposures(), "secondary"))
        .undelegatedSecondaryExposures(
            fromStatsigExposures(values.getUndelegatedSecondaryExposures(), "undelegated"))
        .configDelegate(values.getConfigDelegate())
        .explicitParameters(explicit == null ? null : List.of(explicit))
        .time(values.getTime())
        .build();
  }

  private static ArrayList<Map<String, String>> toStatsigExposures(
      List<SecondaryExposure> exposures) {
    ArrayList<Map<String, String>> result = new ArrayList<>(exposures.size());
    for (SecondaryExposure exposure : exposures) {
      Map<String, String> map = new LinkedHashMap<>();
      map.put(GATE, exposure.gate());
      map.put(GATE_VALUE, exposure.gateValue());
      map.put(RULE_ID, exposure.ruleId());
      result.add(map);
    }
    return result;
  }

  private static List<SecondaryExposure> fromStatsigExposures(
      @Nullable List<? extends @Nullable Map<String, String>> exposures, String kind) {
    if (exposures == null) {
      return List.of();
    }
    List<SecondaryExposure> result = new ArrayList<>(exposures.size());
    for (int i = 0; i < exposures.size(); i++) {
      Map<String, String> exposure = exposures.get(i);
      if (exposure == null) {
        throw new IllegalArgumentException(kind + " exposure " + i + " is null");
      }
      result.add(
          new SecondaryExposure(
              required(exposure, GATE, kind, i),
              required(exposure, GATE_VALUE, kind, i),
              required(exposure, RULE_ID, kind, i)));
    }
    return result;
  }

  private static String required(Map<String, String> exposure, String name, String kind, int i) {
    String value = exposure.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          kind + " exposure " + i + " has no '" + name + "': " + exposure);
    }
    return value;
  }

  private static @Nullable Map<String, @Nullable Object> toParameters(@Nullable Object jsonValue) {
    if (jsonValue == null) {
      return null;
    }
    if (!(jsonValue instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "jsonValue is a " + jsonValue.getClass().getName() + ", not a map of parameters");
    }
    Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String name)) {
        throw new IllegalArgumentException("jsonValue has a key that is not a string: " + entry);
      }
      parameters.put(name, entry.getValue());
    }
    return parameters;
  }
}
