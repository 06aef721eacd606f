package io.github.persistentassignment.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code persistent-assignment} command: the entry point of the executable jar.
 *
 * <p>Exit codes: 0 success, 1 a failure (store unreachable, bad file, failed check), 2 a usage
 * error. A failure prints one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "persistent-assignment",
    mixinStandardHelpOptions = true,
    versionProvider = PersistentAssignmentCli.Version.class,
    description = {
      "Keeps each user in the experiment group they were first given.",
      "",
      "Commands on one store take --store URL (default: the embedded SQLite file"
          + " sqlite:./persistent-assignments.db, so no server is needed; the demo keeps to its"
          + " own file). copy takes FROM and TO URLs; check and bench take the URL to test."
    },
    subcommands = {
      DemoCommand.class,
      AssignCommand.class,
      InspectCommand.class,
      DeleteCommand.class,
      CopyCommand.class,
      CheckCommand.class,
      BenchCommand.class,
      KeysCommand.class,
      StatsCommand.class,
      PurgeCommand.class,
      ForgetCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Store URLs:",
      "  sqlite:PATH",
      "  memory:",
      "  jdbc:postgresql://host/db?user=…",
      "  jdbc:mariadb://host/db?user=…",
      "  redis://[user:password@]host:port",
      "  rediss://…",
      "  redis-cluster://host:port,host:port",
      "  dynamodb://TABLE?region=eu-west-1[&endpoint=http://localhost:8000]"
    })
public final class PersistentAssignmentCli implements Runnable {
  /** Exit code of a failure that is not a usage error. */
  static final int FAILURE = 1;

  /** Exit code of a usage error: what was typed is wrong. */
  static final int USAGE = 2;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and library logs.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PersistentAssignmentCli() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs without exiting, printing to the given writers; what {@link #main} and tests call. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    if (verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    if (!verbose && Arrays.asList(args).contains("check")) {
      // The kit injects backend failures on purpose; the library's fail-open warnings about them
      // would bury the report.
      System.setProperty("org.slf4j.simpleLogger.log.io.github.persistentassignment", "off");
    }
    CommandLine commandLine = new CommandLine(new PersistentAssignmentCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setUsageHelpAutoWidth(true);
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      // What the shell says the terminal is wide; picocli asks the terminal itself otherwise.
      commandLine.setUsageHelpWidth(Math.max(55, Integer.parseInt(columns)));
    }
    HelpLayout.install(commandLine);
    // A usage error: the message and where to read more, not the whole usage of the command.
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          err.println(
              "persistent-assignment: "
                  + String.valueOf(exception.getMessage()).replace("option option '", "option '"));
          err.println(
              "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
          if (verbose) {
            exception.printStackTrace(err);
          }
          err.flush();
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          err.println("persistent-assignment: " + Errors.describe(exception));
          if (verbose) {
            exception.printStackTrace(err);
          }
          err.flush();
          return FAILURE;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** How to name this jar in a hint: relative to the working directory when inside it. */
  static String jarPath() {
    try {
      Path jar =
          Path.of(
              PersistentAssignmentCli.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      if (!jar.toString().endsWith(".jar")) {
        return "persistent-assignment.jar";
      }
      Path here = Path.of("").toAbsolutePath();
      return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "persistent-assignment.jar";
    }
  }

  /** The version from the jar's resources. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // fall through to "unknown"
      }
      return new String[] {
        "persistent-assignment " + properties.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
