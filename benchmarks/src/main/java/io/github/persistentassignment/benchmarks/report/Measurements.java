package io.github.persistentassignment.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** All results of a run, read from the JMH JSON files of its {@code raw/} folder. */
public final class Measurements {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Measurement> all;

  /**
   * Wraps measurements.
   *
   * @param all the measurements
   */
  public Measurements(List<Measurement> all) {
    this.all = List.copyOf(all);
  }

  /**
   * Reads every {@code *.json} JMH result file in a folder (other JSON files are skipped).
   *
   * @param folder the folder
   * @return the measurements
   */
  public static Measurements readFolder(Path folder) {
    List<Measurement> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        if (root.isArray()) {
          root.forEach(result -> all.add(parse(result)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the results in " + folder, e);
    }
    return new Measurements(all);
  }

  /**
   * Parses one element of a JMH JSON result array. The time is the median of the measured
   * iterations ({@code rawData}), which a burst of load from another process moves less than the
   * mean JMH reports; without raw data it is JMH's score.
   *
   * @param result the element
   * @return the measurement, converted to microseconds per operation
   */
  static Measurement parse(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    String[] parts = benchmark.split("\\.");
    JsonNode primary = result.path("primaryMetric");
    double toMicros = microsPer(primary.path("scoreUnit").asText());
    JsonNode backend = result.path("params").path("backend");
    JsonNode allocated = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
    return new Measurement(
        parts[parts.length - 2],
        parts[parts.length - 1],
        backend.isMissingNode() ? null : backend.asText(),
        result.path("threads").asInt(1),
        median(primary.path("rawData")).orElse(primary.path("score").asDouble()) * toMicros,
        primary.path("scoreError").asDouble(Double.NaN) * toMicros,
        allocated.isMissingNode() ? null : allocated.asDouble());
  }

  /** The median of every iteration of every fork. */
  private static OptionalDouble median(JsonNode rawData) {
    List<Double> values = new ArrayList<>();
    rawData.forEach(fork -> fork.forEach(iteration -> values.add(iteration.asDouble())));
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    Collections.sort(values);
    int middle = values.size() / 2;
    return OptionalDouble.of(
        values.size() % 2 == 1
            ? values.get(middle)
            : (values.get(middle - 1) + values.get(middle)) / 2);
  }

  private static double microsPer(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
    };
  }

  /**
   * Finds one result.
   *
   * @param benchmarkClass the class's simple name
   * @param method the method
   * @param backend the backend, or null for a class without one
   * @param threads the thread count
   * @return the result, if the run has it
   */
  public Optional<Measurement> find(
      String benchmarkClass, String method, @Nullable String backend, int threads) {
    return all.stream()
        .filter(m -> m.benchmarkClass().equals(benchmarkClass))
        .filter(m -> m.method().equals(method))
        .filter(m -> Objects.equals(m.backend(), backend))
        .filter(m -> m.threads() == threads)
        .findFirst();
  }

  /**
   * The thread counts the run measured, ascending.
   *
   * @return the counts
   */
  public List<Integer> threadCounts() {
    return all.stream()
        .filter(m -> m.backend() != null)
        .map(Measurement::threads)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The backends the run measured, in the order of the given list.
   *
   * @param order every backend, in report order
   * @return those with results
   */
  public List<String> backends(List<String> order) {
    return order.stream()
        .filter(name -> all.stream().anyMatch(m -> name.equals(m.backend())))
        .toList();
  }
}
