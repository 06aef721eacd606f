package io.github.persistentassignment.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the conformance kit against a live store and prints a pass/fail report. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Run the conformance kit's checks against a live store: round trips, key isolation,",
      "atomic first write under a real race, bulk loads, bad arguments, closing, a second",
      "instance, and the assignment scenarios. Verifies a new Redis, table or database before",
      "rollout. Writes test entries under keys starting with pa-kit- and deletes them afterwards.",
      "Exits with 1 if any check fails."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "STORE-URL",
      arity = "0..1",
      description = "The store to check (default: the --store URL).")
  @Nullable String storeUrl;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String url = storeUrl != null ? storeUrl : store.url;
    Map<String, String> options = store.options;
    if (PersistentStorages.scheme(url).equals("memory")) {
      // Each open of a memory: URL is a new, empty store, so the kit's second-instance checks
      // would fail against it for a reason that is not the store's.
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "check needs a store that outlives one connection; a memory: URL opens a new empty store"
              + " each time. Check a file instead, such as sqlite:./check.db");
    }
    // Fail fast, with the usual one-line error, when the store cannot even be opened.
    try (PersistentStorage probe = StoreOptions.open(spec.commandLine(), url, options)) {
      probe.load("pa-kit-probe:userID");
    }
    CheckedStore.Target target = new CheckedStore.Target(url, options);
    CheckedStore.target = target;
    Report report = new Report(out, Progress.forTerminal(out, 20));
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(CheckedStore.class))
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
              .build();
      Launcher launcher = LauncherFactory.create();
      out.println("Checking " + url + " with the conformance kit");
      launcher.execute(request, report);
    } finally {
      CheckedStore.target = null;
    }
    report.summary();
    cleanUp(target, out);
    return report.failed.get() == 0 ? 0 : PersistentAssignmentCli.FAILURE;
  }

  private static void cleanUp(CheckedStore.Target target, PrintWriter out) {
    try (PersistentStorage storage = PersistentStorages.open(target.url(), target.options())) {
      for (Map.Entry<String, String> entry : target.written()) {
        storage.delete(entry.getKey(), entry.getValue());
      }
      out.println("Removed the " + target.written().size() + " test entries the checks wrote.");
    } catch (RuntimeException e) {
      out.println(
          "Could not remove every test entry (keys start with pa-kit-): " + Errors.describe(e));
    }
  }

  /** Collects results, printing a line per failed or skipped check and a progress indicator. */
  private static final class Report implements TestExecutionListener {
    private final PrintWriter out;
    private final Progress progress;
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> skipReasons = new LinkedHashMap<>();
    private @Nullable TestPlan plan;

    Report(PrintWriter out, Progress progress) {
      this.out = out;
      this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      plan = testPlan;
      // Parameterized checks register themselves while running, so the total is not known.
      progress.start("checks run", 0);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      if (test.isTest()) {
        skipped.incrementAndGet();
        progress.step();
        skip(reason);
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
          failed.incrementAndGet();
          synchronized (problems) {
            problems.add(
                "  FAIL  "
                    + test.getDisplayName()
                    + " (could not run)\n        "
                    + result
                        .getThrowable()
                        .map(t -> String.valueOf(t.getMessage()).strip())
                        .orElse("failed"));
          }
        }
        return;
      }
      progress.step();
      Optional<Throwable> failure = result.getThrowable();
      switch (result.getStatus()) {
        case SUCCESSFUL -> passed.incrementAndGet();
        case ABORTED -> {
          skipped.incrementAndGet();
          skip(failure.map(Throwable::getMessage).orElse("aborted"));
        }
        case FAILED -> {
          failed.incrementAndGet();
          synchronized (problems) {
            problems.add(
                "  FAIL  "
                    + name(test)
                    + "\n        "
                    + firstLine(failure.map(Errors::describe).orElse("failed")));
          }
        }
      }
    }

    private void skip(@Nullable String reason) {
      String text = firstLine(reason).replaceFirst("^Assumption failed: ", "");
      synchronized (problems) {
        skipReasons.merge(text, 1, Integer::sum);
      }
    }

    void summary() {
      progress.finish();
      synchronized (problems) {
        problems.forEach(out::println);
        skipReasons.forEach(
            (reason, count) ->
                out.println(
                    "  SKIP  " + count + (count == 1 ? " check" : " checks") + ": " + reason));
      }
      out.println(
          (failed.get() == 0 ? "PASSED" : "FAILED")
              + ": "
              + (passed.get() + failed.get() + skipped.get())
              + " checks, "
              + passed.get()
              + " passed, "
              + failed.get()
              + " failed, "
              + skipped.get()
              + " skipped.");
    }

    private String name(TestIdentifier test) {
      List<String> parts = new ArrayList<>();
      TestPlan testPlan = plan;
      Optional<TestIdentifier> current = Optional.of(test);
      while (current.isPresent() && testPlan != null) {
        TestIdentifier identifier = current.get();
        if (identifier.getParentIdObject().isEmpty()
            || identifier.getDisplayName().equals(CheckedStore.class.getSimpleName())) {
          break;
        }
        parts.add(0, identifier.getDisplayName());
        current = testPlan.getParent(identifier);
      }
      return String.join(" > ", parts);
    }

    private static String firstLine(@Nullable String text) {
      if (text == null) {
        return "";
      }
      String line = text.strip();
      int newline = line.indexOf('\n');
      return newline < 0 ? line : line.substring(0, newline);
    }
  }
}
