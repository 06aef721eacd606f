package io.github.persistentassignment.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built jar as a separate JVM, the way a user does, and captures what it prints. */
final class CliProcess {
  private CliProcess() {}

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Path jar() {
    String configured = System.getProperty("pa.cli.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : Path.of("target", "persistent-assignment.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: these tests run after `package` (./mvnw verify -pl cli -am)");
    }
    return jar;
  }

  static Result run(Path workingDirectory, String... args) {
    return run(workingDirectory, Map.of(), args);
  }

  /** Runs with extra environment variables, such as {@code COLUMNS}. */
  static Result run(Path workingDirectory, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workingDirectory, "out", ".txt");
      Path err = Files.createTempFile(workingDirectory, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process =
          builder
              .directory(workingDirectory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
