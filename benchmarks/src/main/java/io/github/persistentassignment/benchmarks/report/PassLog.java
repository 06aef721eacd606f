package io.github.persistentassignment.benchmarks.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of every pass of a run, kept as {@code raw/passes.json} and rewritten after each
 * pass, so that a run stopped half-way still says which passes finished.
 */
public final class PassLog {
  /** The file's name in the raw folder. */
  public static final String FILE = "passes.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PassLog() {}

  /**
   * Writes the outcomes.
   *
   * @param raw the raw folder
   * @param outcomes the outcomes so far, in running order
   */
  public static void write(Path raw, List<PassOutcome> outcomes) {
    Path file = raw.resolve(FILE);
    try {
      Files.writeString(file, JSON.writeValueAsString(outcomes) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Reads the outcomes; none for a run from before this file existed.
   *
   * @param raw the raw folder
   * @return the outcomes, in running order
   */
  public static List<PassOutcome> read(Path raw) {
    Path file = raw.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<PassOutcome>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
