package io.github.persistentassignment.cli;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Enforce;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageKeys;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Condition;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.catalog.Layer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One evaluation with persistence, explained. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description = {
      "Assign a user to experiments from an experiments file, with persistence: the first",
      "assignment is stored, later ones are served from storage. Prints group, parameters and",
      "why. Without NAME, every experiment and layer of the file is evaluated."
    })
final class AssignCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(
      names = "--experiments",
      required = true,
      paramLabel = "FILE",
      description = "The experiments file (JSON, see docs/experiment-catalog.md).")
  Path experimentsFile;

  @Option(names = "--user", paramLabel = "ID", description = "The unit ID.")
  @Nullable String unitId;

  @Option(
      names = "--id",
      paramLabel = "TYPE=ID",
      description =
          "Another ID of the same user, such as stableID=device-42 (a visitor's device before"
              + " login); repeatable.")
  Map<String, String> otherIds = new LinkedHashMap<>();

  @Option(
      names = "--id-type",
      paramLabel = "TYPE",
      defaultValue = "userID",
      description = "What the ID is: userID (default) or a custom ID type such as companyID.")
  String idType = "userID";

  @Option(
      names = "--attr",
      paramLabel = "NAME=VALUE",
      description = "A user attribute for targeting, such as country=US; repeatable.")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(
      names = "--enforce-targeting",
      description = "Serve the live result to a user who now fails targeting (storage untouched).")
  boolean enforceTargeting;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Experiments or layers to evaluate (default: all in the file).")
  List<String> names = new ArrayList<>();

  @Spec CommandSpec spec;

  /** Set by {@link #call()}: the catalog and user being evaluated, for the explanations. */
  private ExperimentCatalog catalog;

  private User user;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    catalog = ExperimentCatalog.fromJson(experimentsFile);
    List<String> targets = new ArrayList<>(names);
    if (targets.isEmpty()) {
      catalog.experiments().forEach(e -> targets.add(e.name()));
      catalog.layers().forEach(l -> targets.add(l.name()));
    }
    for (String name : targets) {
      if (catalog.experiment(name).isEmpty() && catalog.layer(name).isEmpty()) {
        throw new IllegalArgumentException(
            "no experiment or layer named '" + name + "' in " + experimentsFile);
      }
    }
    if (unitId == null && otherIds.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give the user's ID with --user ID (or other IDs with --id TYPE=ID)");
    }
    User.Builder builder = User.builder().attributes(attributes);
    otherIds.forEach(
        (type, id) -> {
          if (type.equalsIgnoreCase("userID")) {
            builder.userId(id);
          } else {
            builder.customId(type, id);
          }
        });
    if (unitId != null && idType.equalsIgnoreCase("userID")) {
      builder.userId(unitId);
    } else if (unitId != null) {
      builder.customId(idType, unitId);
    }
    user = builder.build();
    Enforce[] enforce = enforceTargeting ? new Enforce[] {Enforce.TARGETING} : new Enforce[0];
    try (PersistentStorage storage = store.open()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
      // One request for every name, as an application evaluates a page: the user's entries of an
      // id type are loaded once, at the first evaluation of that type, and each evaluation sees
      // what the ones before it saved.
      UserAssignments request = assignment.forUser(user);
      out.println("User " + describe(user) + ", store " + store.url);
      for (String name : targets) {
        boolean layer = catalog.layer(name).isPresent();
        String unitType =
            layer
                ? catalog.layer(name).map(Layer::idType).orElseThrow()
                : catalog.experiment(name).map(Experiment::idType).orElseThrow();
        Optional<String> key = StorageKeys.of(user, unitType);
        String fallback = layer ? null : catalog.experiment(name).orElseThrow().fallbackIdType();
        if (key.isEmpty() && fallback != null) {
          // An anonymous visitor is stored under the fallback id type's key.
          key = StorageKeys.of(user, fallback);
          unitType = fallback;
        }
        // The store is read directly before and after each evaluation, to explain what it did.
        // A read that fails here is this command's error (exit 1), rather than the silent live
        // evaluation the library falls back to.
        Optional<StickyValues> before = key.flatMap(k -> storage.load(k).get(name));
        Assignment result =
            layer ? request.getLayer(name, enforce) : request.getExperiment(name, enforce);
        Optional<StickyValues> after = key.flatMap(k -> storage.load(k).get(name));
        out.println();
        out.println((layer ? "layer " : "experiment ") + name);
        out.println(
            "  group       " + (result.groupName() == null ? "(none)" : result.groupName()));
        if (result.configDelegate() != null) {
          out.println("  experiment  " + result.configDelegate());
        }
        out.println("  parameters  " + Json.compact(result.parameters()));
        out.println(
            "  reason      " + result.reason() + ": " + why(result, key, before, after, unitType));
      }
    }
    return 0;
  }

  private String why(
      Assignment result,
      Optional<String> key,
      Optional<StickyValues> before,
      Optional<StickyValues> after,
      String unitType) {
    if (key.isEmpty()) {
      return "evaluated live; the user has no " + unitType + " ID, so nothing is stored";
    }
    String where = key.get();
    return switch (result.reason()) {
      case PERSISTED ->
          before.isEmpty()
              ? "served from the entry stored under the experiment's fallback id type (before"
                  + " login); now also stored under "
                  + where
              : "served from the assignment stored under " + where;
      case STORAGE_UNAVAILABLE ->
          "loading the user's entries failed; the live result is served and nothing written";
      case UNRECOGNIZED -> "not in the experiments file";
      case EXCLUDED ->
          "the entry stored under "
              + where
              + " is from a version the experiment excludes; the defaults are served";
      case EVALUATED -> evaluatedLive(result, where, before, after);
    };
  }

  /** The user's IDs, as the header shows them: {@code alice (userID), device-42 (stableID)}. */
  private static String describe(User user) {
    List<String> ids = new ArrayList<>();
    user.unitId("userID").ifPresent(id -> ids.add(id + " (userID)"));
    user.customIds().forEach((type, id) -> ids.add(id + " (" + type + ")"));
    return String.join(", ", ids);
  }

  /** Why a live result was served, told from what the store held before and after. */
  private String evaluatedLive(
      Assignment result,
      String where,
      Optional<StickyValues> before,
      Optional<StickyValues> after) {
    if (before.isEmpty() && after.isPresent()) {
      return "evaluated live; this first assignment is now stored under " + where;
    }
    if (before.isPresent() && after.isPresent() && !before.equals(after)) {
      return "evaluated live; the entry stored under "
          + where
          + " was from version "
          + Optional.ofNullable(before.get().configVersion()).orElse(0)
          + ", which the experiment re-randomizes (reassignBelowVersion): replaced by this one";
    }
    if (before.isPresent() && after.isEmpty()) {
      return result.experimentActive()
          ? "evaluated live; the stored entry was from a version the experiment re-randomizes,"
              + " and the user is now in no group, so it was deleted"
          : "evaluated live; the experiment is not active, so its stored entry was deleted";
    }
    if (before.isPresent()) {
      if (!result.experimentActive()) {
        return "evaluated live; the experiment is not active, but deleting its stored entry"
            + " failed (see the warning above), so it is still stored";
      }
      return enforceTargeting
          ? "evaluated live (--enforce-targeting: the user now fails targeting);"
              + " the stored entry is kept"
          : "evaluated live; the stored entry is kept";
    }
    if (!result.experimentActive()) {
      return "evaluated live; the experiment is not active, so nothing is stored";
    }
    if (result.userInExperiment()) {
      return "evaluated live; saving this first assignment failed (see the warning above),"
          + " so nothing is stored";
    }
    String ruleId = result.ruleId();
    if (ExperimentCatalog.RULE_TARGETING_GATE.equals(ruleId)) {
      return "evaluated live; the user fails the experiment's targeting ("
          + failingConditions(result.name())
          + "), so nothing is stored";
    }
    if (ExperimentCatalog.RULE_NOT_ALLOCATED.equals(ruleId)) {
      return "evaluated live; the user falls outside the experiment's allocation, so nothing is"
          + " stored";
    }
    if (ExperimentCatalog.RULE_OVERRIDE.equals(ruleId)) {
      return "evaluated live; an override decides this user's group, and overrides are never"
          + " stored";
    }
    return "evaluated live; not in an experiment group, so nothing is stored";
  }

  /** The experiment's conditions this user fails, each with what the user has. */
  private String failingConditions(String experimentName) {
    List<String> failing = new ArrayList<>();
    catalog
        .experiment(experimentName)
        .ifPresent(
            experiment ->
                experiment.targeting().stream()
                    .filter(condition -> !condition.matches(user))
                    .forEach(condition -> failing.add(describe(condition))));
    return failing.isEmpty() ? "a condition" : String.join("; ", failing);
  }

  private String describe(Condition condition) {
    String attribute = condition.attribute();
    Object has = attribute.equals("userID") ? user.userId() : user.attributes().get(attribute);
    return attribute
        + " "
        + condition.operator().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + condition.value()
        + (has == null
            ? ": the user has no " + attribute + " (give it with --attr " + attribute + "=…)"
            : ": the user's is " + has);
  }
}
