package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data every benchmark stores: a typical entry (5 parameters, 2 secondary exposures, about 480
 * bytes of JSON), a large one of about 10 KB, and the users they belong to: one with five
 * experiments, one of which the end-to-end benchmarks evaluate, and a returning user with twenty,
 * five of which one request evaluates.
 */
public final class SampleEntries {
  /** The experiment the end-to-end benchmarks evaluate; one of {@link #USER_CONFIGS}. */
  public static final String EXPERIMENT = "checkout_button";

  /** The five configs a seeded user has an entry for. */
  public static final List<String> USER_CONFIGS =
      List.of(EXPERIMENT, "pricing_page", "onboarding_flow", "search_ranking", "homepage_layout");

  /**
   * The entries of the five that a request uses, and so decodes: the load benchmarks read the user
   * and decode these on both sides (lazy decoding leaves the other three undecoded in ours).
   */
  public static final List<String> REQUEST_CONFIGS = List.of(EXPERIMENT, "pricing_page");

  /** The twenty experiments a returning user has an entry for, in the per-request benchmarks. */
  public static final List<String> RETURNING_CONFIGS = returningConfigs();

  /** The five of {@link #RETURNING_CONFIGS} one request evaluates. */
  public static final List<String> REQUEST_EXPERIMENTS =
      List.of(
          RETURNING_CONFIGS.get(0),
          RETURNING_CONFIGS.get(4),
          RETURNING_CONFIGS.get(9),
          RETURNING_CONFIGS.get(13),
          RETURNING_CONFIGS.get(18));

  /** The config that save overwrites (stored, so the upsert updates). */
  public static final String SAVED_CONFIG = "homepage_layout";

  /** The config that saveIfAbsent finds stored (the losing case). */
  public static final String STORED_CONFIG = "pricing_page";

  /** A config never stored: what delete removes, the common case of an inactive experiment. */
  public static final String ABSENT_CONFIG = "retired_experiment";

  /** The typical entry. */
  public static final StickyValues TYPICAL = typical();

  /** The typical entry's JSON, as the raw clients send it. */
  public static final String TYPICAL_JSON = StickyValuesCodec.encode(TYPICAL);

  /**
   * What another server offers for an entry the user already has: the typical entry evaluated a
   * millisecond later. A losing saveIfAbsent offers this, not the stored entry itself, since an
   * adapter may count an entry equal to the one offered as the caller's own write.
   */
  public static final StickyValues CHALLENGER =
      TYPICAL.toBuilder().time(TYPICAL.time() + 1).build();

  /** The challenger's JSON, as the raw clients send it. */
  public static final String CHALLENGER_JSON = StickyValuesCodec.encode(CHALLENGER);

  /** The large entry. */
  public static final StickyValues LARGE = large();

  /** The large entry's JSON. */
  public static final String LARGE_JSON = StickyValuesCodec.encode(LARGE);

  private SampleEntries() {}

  private static StickyValues typical() {
    return StickyValues.builder()
        .value(true)
        .jsonValue(parameters("green"))
        .ruleId("6Xq1lB2aSxxk3n8Tq2bT1x")
        .groupName("Test")
        .secondaryExposures(
            List.of(
                new SecondaryExposure("holdout_q3", "false", "holdout_rule_7a"),
                new SecondaryExposure("eu_users", "true", "3Fd8cQ0vWbLx1yZ9")))
        .time(1_700_000_000_000L)
        .configVersion(3)
        .build();
  }

  /** 96 parameters of mixed types, half of them strings of 120 characters: about 10 KB of JSON. */
  private static StickyValues large() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < 96; i++) {
      String name = "parameter_" + i;
      switch (i % 4) {
        case 0, 1 -> parameters.put(name, ("copy variant " + i + " ").repeat(8).substring(0, 120));
        case 2 -> parameters.put(name, List.of(i, i * 2L, i * 3.5, "tag-" + i));
        default -> parameters.put(name, Map.of("enabled", i % 3 == 0, "weight", i / 7.0));
      }
    }
    List<SecondaryExposure> exposures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      exposures.add(new SecondaryExposure("gate_" + i, i % 2 == 0 ? "true" : "false", "rule_" + i));
    }
    return TYPICAL.toBuilder().jsonValue(parameters).secondaryExposures(exposures).build();
  }

  /**
   * The catalog the end-to-end benchmarks evaluate: {@link #EXPERIMENT}, active, every user
   * allocated, two groups of five parameters each, so a first evaluation is always saved.
   *
   * @return the catalog
   */
  public static ExperimentCatalog catalog() {
    return ExperimentCatalog.builder()
        .configTime(1_700_000_000_000L)
        .configVersion(3)
        .experiment(
            Experiment.builder(EXPERIMENT)
                .salt("checkout_button_2024")
                .allocationPercent(100)
                .group("Control", 50, parameters("grey"))
                .group("Test", 50, parameters("green"))
                .build())
        .build();
  }

  /**
   * The catalog of the per-request benchmarks: the twenty {@link #RETURNING_CONFIGS}, each like
   * {@link #catalog()}'s experiment (active, every user allocated, two groups of five parameters),
   * with a salt of its own. Evaluating one is deterministic and takes well under a microsecond.
   *
   * @return the catalog
   */
  public static ExperimentCatalog requestCatalog() {
    ExperimentCatalog.Builder catalog =
        ExperimentCatalog.builder().configTime(1_700_000_000_000L).configVersion(3);
    for (String name : RETURNING_CONFIGS) {
      catalog.experiment(
          Experiment.builder(name)
              .salt(name + "_2024")
              .allocationPercent(100)
              .group("Control", 50, parameters("grey"))
              .group("Test", 50, parameters("green"))
              .build());
    }
    return catalog.build();
  }

  private static List<String> returningConfigs() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add(String.format("experiment_%02d", i));
    }
    return List.copyOf(names);
  }

  /** Five parameters of the usual kinds: strings, a double, an integer, a boolean. */
  private static Map<String, Object> parameters(String color) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("button_color", color);
    parameters.put("button_text", "Start your free trial");
    parameters.put("price", 9.99);
    parameters.put("quantity", 3L);
    parameters.put("show_banner", true);
    return parameters;
  }
}
