package io.github.persistentassignment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An evaluator whose live answers the test sets directly, so each step of the decision can be
 * exercised without depending on bucketing.
 */
final class ScriptedEvaluator implements Evaluator {
  private final Map<String, Function<User, Evaluation>> configs = new ConcurrentHashMap<>();
  private final Set<String> failingTargeting = ConcurrentHashMap.newKeySet();
  private final Set<String> overridden = ConcurrentHashMap.newKeySet();
  final List<String> checks = new CopyOnWriteArrayList<>();

  /** An active experiment that puts every user in {@code group}. */
  ScriptedEvaluator experiment(String name, String group) {
    return experiment(name, user -> evaluation(name, group, true, true));
  }

  ScriptedEvaluator experiment(String name, Function<User, Evaluation> live) {
    configs.put(name, live);
    return this;
  }

  /** A layer that delegates every user to {@code experiment}'s result. */
  ScriptedEvaluator layer(String name, String experiment) {
    configs.put(
        name,
        user -> {
          Evaluation inner = configs.get(experiment).apply(user);
          StickyValues values = inner.values();
          return inner.toBuilder()
              .name(name)
              .kind(Evaluation.Kind.LAYER)
              .values(
                  values.toBuilder()
                      .configDelegate(experiment)
                      .explicitParameters(List.copyOf(values.jsonValue().keySet()))
                      .build())
              .build();
        });
    return this;
  }

  ScriptedEvaluator failTargeting(String userId) {
    failingTargeting.add(userId);
    return this;
  }

  ScriptedEvaluator override(String userId) {
    overridden.add(userId);
    return this;
  }

  static Evaluation evaluation(
      String name, @Nullable String group, boolean active, boolean experimentGroup) {
    return evaluation(name, "userID", group, active, experimentGroup);
  }

  static Evaluation evaluation(
      String name, String idType, @Nullable String group, boolean active, boolean inGroup) {
    return Evaluation.builder(name, Evaluation.Kind.EXPERIMENT, idType)
        .active(active)
        .experimentGroup(inGroup)
        .values(
            StickyValues.builder()
                .value(inGroup)
                .groupName(group)
                .ruleId(group == null ? "default" : "rule-" + group)
                .jsonValue(
                    group == null
                        ? Map.of("color", "grey")
                        : Map.of("color", group.toLowerCase(Locale.ROOT)))
                .time(1_700_000_000_000L)
                .configVersion(1)
                .build())
        .build();
  }

  @Override
  public Optional<Evaluation> evaluate(User user, String name) {
    Function<User, Evaluation> live = configs.get(name);
    return live == null ? Optional.empty() : Optional.of(live.apply(user));
  }

  @Override
  public boolean passesTargeting(User user, String experimentName) {
    checks.add("targeting " + experimentName);
    return !failingTargeting.contains(user.userId());
  }

  @Override
  public boolean matchesOverride(User user, String experimentName) {
    checks.add("override " + experimentName);
    return overridden.contains(user.userId());
  }
}
