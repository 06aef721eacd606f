package io.github.persistentassignment.benchmarks.report;

import static io.github.persistentassignment.benchmarks.report.Format.row;

import java.util.List;

/** Where the run happened, how busy the machine was, and how each pass ended. */
final class MachineSection {
  private MachineSection() {}

  static void append(StringBuilder out, Environment environment) {
    out.append("## Machine\n\n| | |\n|---|---|\n");
    row(out, "CPU", environment.get("cpu") + " — " + environment.get("cores") + " cores");
    row(out, "OS", environment.get("os"));
    row(out, "JDK", environment.get("jdk"));
    row(out, "JMH", environment.get("jmh") + "; " + environment.get("settings"));
    row(
        out,
        "Load average",
        environment.get("load.start")
            + " at the start, "
            + environment.get("load.end")
            + " at the end (1, 5, 15 min; beside each pass below)");
    if (environment.has("rerun")) {
      row(out, "Passes run again", environment.get("rerun"));
    }
    row(
        out,
        "CPU priority",
        "nice "
            + environment.get("nice")
            + " (0 is the default; below 0 runs ahead of other work)");
    environment.backends().forEach((name, description) -> row(out, name, description));
    out.append(
        "\nThe machine is shared: other builds and tests ran during the run, so absolute"
            + " times are noisy (and differ 2–2.5× between hosts of one machine kind). The ratios"
            + " are the figures to read: each one's two sides were measured interleaved.\n\n");
  }

  /** Every pass with the load around it; a failed one with its error. */
  static void passes(StringBuilder out, List<PassOutcome> outcomes) {
    out.append("## Passes\n\n");
    if (outcomes.isEmpty()) {
      out.append("This run's raw folder has no pass log (`passes.json`).\n\n");
      return;
    }
    long failed = outcomes.stream().filter(PassOutcome::failed).count();
    out.append(
            failed == 0
                ? "Every pass finished."
                : failed
                    + " of "
                    + outcomes.size()
                    + " passes failed; their figures are missing from the tables (shown as –),"
                    + " and every other pass still reports.")
        .append(" Load average: 1, 5 and 15 minutes, before and after the pass.\n\n")
        .append("| pass | outcome | load before | load after | seconds |\n")
        .append("|---|---|---|---|---:|\n");
    for (PassOutcome outcome : outcomes) {
      out.append("| ")
          .append(outcome.name())
          .append(" | ")
          .append(
              outcome.failed()
                  ? "**failed**: " + String.valueOf(outcome.error()).replace("|", "\\|")
                  : "ok")
          .append(" | ")
          .append(outcome.loadBefore())
          .append(" | ")
          .append(outcome.loadAfter())
          .append(" | ")
          .append(outcome.seconds())
          .append(" |\n");
    }
    out.append('\n');
  }
}
