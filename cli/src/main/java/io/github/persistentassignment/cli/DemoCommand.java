package io.github.persistentassignment.cli;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.catalog.Group;
import io.github.persistentassignment.conformance.CountingStorage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The product's story, told on a real store, printing what happens and why. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walk through what persistent assignment does, on a store of its own (by default the"
          + " embedded SQLite file ./persistent-assignments-demo.db, never the other commands'"
          + " default store). Run it twice: the second run loads the first run's assignment from"
          + " storage."
    })
final class DemoCommand implements Callable<Integer> {
  static final String EXPERIMENT = "checkout_button";
  static final String ID_TYPE = "userID";

  /**
   * The demo's first user. Chosen because live bucketing moves her out of her first group when the
   * experiment changes, which is exactly what persistence protects against.
   */
  static final String FIRST_USER = "alice";

  static final String NEW_USER = "bob";
  static final String OTHER_USER = "carol";
  static final int COHORT = 200;
  static final int NEW_USERS = 1_000;

  /** The demo's own store: its entries must never show up in another command's default store. */
  static final String DEMO_STORE = "sqlite:./persistent-assignments-demo.db";

  @Option(
      names = "--store",
      paramLabel = "URL",
      defaultValue = DEMO_STORE,
      description = "Where the demo stores its assignments (default: ${DEFAULT-VALUE}).")
  String url = DEMO_STORE;

  @Option(
      names = {"-o", "--store-option"},
      paramLabel = "NAME=VALUE",
      description = "A backend setting of the store, as for the other commands.")
  Map<String, String> options = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  private PrintWriter out;
  private PersistentStorage storage;
  private final Table summary = new Table("step", "user", "group served", "reason", "storage");

  static Experiment original() {
    return Experiment.builder(EXPERIMENT)
        .defaultParameters(Map.of("color", "grey"))
        .group("Control", 50, Map.of("color", "blue"))
        .group("Test", 50, Map.of("color", "green"))
        .build();
  }

  static Experiment changed() {
    return original().toBuilder()
        .allocationPercent(60)
        .groups(
            List.of(
                new Group("Control", 10, Map.of("color", "blue")),
                new Group("Test", 90, Map.of("color", "green"))))
        .build();
  }

  private static ExperimentCatalog catalog(Experiment experiment, int version) {
    return ExperimentCatalog.builder()
        .configTime(1_700_000_000_000L + version)
        .configVersion(version)
        .experiment(experiment)
        .build();
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    try (PersistentStorage opened = StoreOptions.open(spec.commandLine(), url, options)) {
      storage = opened;
      tell();
    }
    return 0;
  }

  private void tell() {
    ExperimentCatalog before = catalog(original(), 1);
    ExperimentCatalog after = catalog(changed(), 2);
    ExperimentCatalog stopped = catalog(changed().toBuilder().active(false).build(), 3);
    User alice = User.of(FIRST_USER);

    out.println("Persistent assignment demo, on " + url);
    out.println();
    out.println(
        "Experiment "
            + EXPERIMENT
            + ": 100% of users allocated, Control 50 (color blue) / Test 50 (color green).");
    out.println();

    // 1. First evaluation: saved; or, on a later run, loaded.
    out.println("1. " + FIRST_USER + " opens the checkout page.");
    boolean earlierRun = stored(alice).isPresent();
    Assignment first = sticky(before, alice);
    if (earlierRun) {
      out.println(
          "   "
              + describe(first)
              + ": loaded from storage. An earlier run saved this assignment under "
              + key(alice)
              + ", and it is served instead of this process's live result.");
      summary.row("1 second run", FIRST_USER, first.groupName(), first.reason(), "loaded");
    } else {
      out.println(
          "   "
              + describe(first)
              + ": nothing was stored for "
              + key(alice)
              + ", so she was evaluated live and the result was saved.");
      summary.row("1 first evaluation", FIRST_USER, first.groupName(), first.reason(), "saved");
    }
    Assignment again = sticky(before, alice);
    out.println("   Evaluated again: " + describe(again) + ", served from storage.");
    int cohortMovedLive = 0;
    int cohortMovedServed = 0;
    String[] cohortGroups = new String[COHORT];
    for (int i = 0; i < COHORT; i++) {
      cohortGroups[i] = sticky(before, cohortUser(i)).groupName();
    }
    out.println(
        "   "
            + COHORT
            + " more users (cohort-0 … cohort-"
            + (COHORT - 1)
            + (earlierRun
                ? ") are served their stored groups the same way."
                : ") are assigned, and saved, the same way."));
    out.println();

    // 2. The experiment changes.
    out.println("2. The experiment changes: allocation 100% -> 60%, weights 50/50 -> 10/90.");
    Evaluation live = after.evaluate(alice, EXPERIMENT).orElseThrow();
    Assignment kept = sticky(after, alice);
    out.println(
        "   Live bucketing alone would now give "
            + FIRST_USER
            + " "
            + (live.values().groupName() == null
                ? "no group (not allocated)"
                : live.values().groupName())
            + ".");
    out.println(
        "   "
            + describe(kept)
            + ": her stored group is served, so her experience does not change.");
    summary.row("2 after the change", FIRST_USER, kept.groupName(), kept.reason(), "unchanged");
    for (int i = 0; i < COHORT; i++) {
      User user = cohortUser(i);
      String liveGroup = after.evaluate(user, EXPERIMENT).orElseThrow().values().groupName();
      if (!cohortGroups[i].equals(liveGroup)) {
        cohortMovedLive++;
      }
      if (!cohortGroups[i].equals(sticky(after, user).groupName())) {
        cohortMovedServed++;
      }
    }
    out.println(
        "   Of the "
            + COHORT
            + " earlier users, "
            + cohortMovedLive
            + " would move under live bucketing; "
            + cohortMovedServed
            + " moved.");
    User bob = User.of(NEW_USER);
    Assignment newcomer = sticky(after, bob);
    out.println(
        "   "
            + NEW_USER
            + " arrives after the change: "
            + describe(newcomer)
            + ", from the new split"
            + (stored(bob).isPresent() ? ", and saved." : "."));
    summary.row(
        "2 new user",
        NEW_USER,
        newcomer.groupName(),
        newcomer.reason(),
        stored(bob).isPresent() ? "saved" : "nothing to save");
    int control = 0;
    int test = 0;
    for (int i = 0; i < NEW_USERS; i++) {
      String group =
          after.evaluate(User.of("new-" + i), EXPERIMENT).orElseThrow().values().groupName();
      if ("Control".equals(group)) {
        control++;
      } else if ("Test".equals(group)) {
        test++;
      }
    }
    out.println(
        "   "
            + NEW_USERS
            + " more new users, evaluated live: "
            + (control + test)
            + " allocated, "
            + control
            + " Control / "
            + test
            + " Test (the new 10/90 split).");
    out.println();

    // 3. One request, several evaluations.
    out.println(
        "3. "
            + OTHER_USER
            + "'s page evaluates "
            + EXPERIMENT
            + " three times, through one forUser request.");
    User carol = User.of(OTHER_USER);
    CountingStorage counted = new CountingStorage(storage);
    UserAssignments request =
        PersistentAssignment.builder().storage(counted).evaluator(after).build().forUser(carol);
    Assignment firstOfThree = served(request.getExperiment(EXPERIMENT));
    Assignment secondOfThree = served(request.getExperiment(EXPERIMENT));
    Assignment thirdOfThree = served(request.getExperiment(EXPERIMENT));
    String roundTrips =
        times(counted.loads() + counted.loadAlls(), "read")
            + ", "
            + times(counted.saves() + counted.deletes(), "write");
    out.println(
        "   "
            + OTHER_USER
            + " gets "
            + describe(firstOfThree)
            + ", then "
            + describe(secondOfThree)
            + " and "
            + describe(thirdOfThree)
            + ": "
            + roundTrips
            + " of the store for the three. The request loaded her entries at the first"
            + " evaluation and kept them"
            + (counted.saves() + counted.deletes() > 0 ? ", with its own save," : "")
            + " for the next two.");
    summary.row(
        "3 one request, 3 evaluations",
        OTHER_USER,
        thirdOfThree.groupName(),
        thirdOfThree.reason(),
        roundTrips);
    out.println();

    // 4. The experiment stops.
    out.println("4. The experiment is made inactive, and " + NEW_USER + " comes back.");
    Assignment ended = sticky(stopped, bob);
    out.println(
        "   "
            + NEW_USER
            + " gets the defaults "
            + Json.compact(ended.parameters())
            + " ("
            + ended.reason()
            + "), and his stored entry is "
            + (stored(bob).isPresent() ? "still there." : "deleted."));
    summary.row(
        "4 experiment stopped",
        NEW_USER,
        ended.groupName() == null ? "(defaults)" : ended.groupName(),
        ended.reason(),
        stored(bob).isPresent() ? "kept" : "deleted");
    out.println(
        "   (" + FIRST_USER + "'s entry is left in place, so that the next run can load it.)");
    out.println();

    out.println("Summary");
    summary.print(out);
    out.println();
    if (earlierRun) {
      out.println(
          FIRST_USER
              + "'s group came from storage: an earlier process saved it, this one loaded it.");
    } else {
      out.println(
          "Run the demo again: this time " + FIRST_USER + "'s group will be loaded from storage.");
    }
    out.println(
        "Inspect what is stored:  java -jar "
            + PersistentAssignmentCli.jarPath()
            + " inspect "
            + key(alice)
            + " --store "
            + url);
  }

  private PersistentAssignment persistent(ExperimentCatalog catalog) {
    return PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
  }

  /** One request for the user, evaluating the experiment once. */
  private Assignment sticky(ExperimentCatalog catalog, User user) {
    return served(persistent(catalog).forUser(user).getExperiment(EXPERIMENT));
  }

  /**
   * The assignment, unless the store could not be read: the library then serves the live result
   * (and logs a warning), which would make every sentence of the demo wrong.
   */
  private Assignment served(Assignment assignment) {
    if (assignment.reason() == Assignment.Reason.STORAGE_UNAVAILABLE) {
      throw new IllegalStateException("could not read from " + url + "; see the warning above");
    }
    return assignment;
  }

  private Optional<StickyValues> stored(User user) {
    return storage.load(key(user)).get(EXPERIMENT);
  }

  private static String times(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String key(User user) {
    return user.userId() + ":" + ID_TYPE;
  }

  private static User cohortUser(int i) {
    return User.of("cohort-" + i);
  }

  private static String describe(Assignment assignment) {
    @Nullable String group = assignment.groupName();
    return (group == null ? "no group" : group)
        + " (color "
        + assignment.stringParameter("color", "?")
        + ", "
        + assignment.reason()
        + ")";
  }
}
