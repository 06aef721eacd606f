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
import java.util.Map;
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
          // passes.json is an array too; only JMH's elements name a benchmark
          root.forEach(
              result -> {
                if (result.has("benchmark")) {
                  all.addAll(parse(result));
                }
              });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the results in " + folder, e);
    }
    return new Measurements(all);
  }

  /**
   * Parses one element of a JMH JSON result array.
   *
   * <p>A paired benchmark ({@code PairedTimes}: secondary results {@code oursNanos}, {@code
   * otherNanos}, {@code calls}, …) gives two measurements, {@code <method>_ours} and {@code
   * <method>_raw} (or {@code _naive} for the naive comparison): each side's time per call in each
   * iteration, and their median over the iterations, which a burst of load from another process
   * moves less than the mean. A parameter besides the backend goes into the method's name ({@code
   * load[entries=100]_ours}). Any other benchmark gives one measurement, the median of its
   * iterations ({@code rawData}), or JMH's score without them.
   *
   * @param result the element
   * @return the measurements, in microseconds per operation
   */
  static List<Measurement> parse(JsonNode result) {
    String[] parts = result.path("benchmark").asText().split("\\.");
    String benchmarkClass = parts[parts.length - 2];
    String method = parts[parts.length - 1] + sizeSuffix(result.path("params"));
    JsonNode backendNode = result.path("params").path("backend");
    String backend = backendNode.isMissingNode() ? null : backendNode.asText();
    int threads = result.path("threads").asInt(1);
    JsonNode secondary = result.path("secondaryMetrics");
    if (secondary.has("oursNanos")) {
      List<Double> calls = iterations(secondary.path("calls"));
      String other = benchmarkClass.equals("NaiveBaselineBenchmark") ? "naive" : "raw";
      return List.of(
          side(benchmarkClass, method + "_ours", backend, threads, secondary, "ours", calls),
          side(benchmarkClass, method + "_" + other, backend, threads, secondary, "other", calls));
    }
    JsonNode primary = result.path("primaryMetric");
    double toMicros = microsPer(primary.path("scoreUnit").asText());
    JsonNode allocated = secondary.path("gc.alloc.rate.norm").path("score");
    return List.of(
        new Measurement(
            benchmarkClass,
            method,
            backend,
            threads,
            median(iterations(primary.path("rawData"))).orElse(primary.path("score").asDouble())
                * toMicros,
            primary.path("scoreError").asDouble(Double.NaN) * toMicros,
            allocated.isMissingNode() ? null : allocated.asDouble()));
  }

  /**
   * The parameters besides the backend, such as {@code [entries=100]}, which the scaling benchmarks
   * vary: part of the method's name, so that each size is a measurement of its own.
   */
  private static String sizeSuffix(JsonNode params) {
    StringBuilder suffix = new StringBuilder();
    for (Map.Entry<String, JsonNode> field : params.properties()) {
      if (!field.getKey().equals("backend")) {
        suffix.append('[').append(field.getKey()).append('=');
        suffix.append(field.getValue().asText()).append(']');
      }
    }
    return suffix.toString();
  }

  /** One side of a paired benchmark: median over iterations of nanoseconds per call, in µs. */
  private static Measurement side(
      String benchmarkClass,
      String method,
      @Nullable String backend,
      int threads,
      JsonNode secondary,
      String prefix,
      List<Double> calls) {
    List<Double> nanos = iterations(secondary.path(prefix + "Nanos"));
    List<Double> bytes = iterations(secondary.path(prefix + "Bytes"));
    List<Double> perCall = new ArrayList<>();
    double totalCalls = 0;
    double totalBytes = 0;
    for (int i = 0; i < Math.min(nanos.size(), calls.size()); i++) {
      if (calls.get(i) > 0) {
        perCall.add(nanos.get(i) / calls.get(i) / 1_000);
        totalCalls += calls.get(i);
        totalBytes += i < bytes.size() ? bytes.get(i) : 0;
      }
    }
    return new Measurement(
        benchmarkClass,
        method,
        backend,
        threads,
        median(perCall).orElse(Double.NaN),
        Double.NaN,
        totalCalls > 0 ? totalBytes / totalCalls : null);
  }

  /** Every iteration's value of every fork, from a metric's {@code rawData}. */
  private static List<Double> iterations(JsonNode metric) {
    JsonNode rawData = metric.has("rawData") ? metric.path("rawData") : metric;
    List<Double> values = new ArrayList<>();
    rawData.forEach(fork -> fork.forEach(iteration -> values.add(iteration.asDouble())));
    return values;
  }

  private static OptionalDouble median(List<Double> unsorted) {
    if (unsorted.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> values = new ArrayList<>(unsorted);
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

  /**
   * Both sides of a paired benchmark.
   *
   * @param benchmarkClass the class's simple name
   * @param operation the method, without the side
   * @param backend the backend, or null
   * @param threads the thread count
   * @return the pair; either side may be missing
   */
  public Pair pair(String benchmarkClass, String operation, @Nullable String backend, int threads) {
    String other = benchmarkClass.equals("NaiveBaselineBenchmark") ? "_naive" : "_raw";
    return new Pair(
        find(benchmarkClass, operation + "_ours", backend, threads),
        find(benchmarkClass, operation + other, backend, threads));
  }

  /**
   * Ours and the other side of one paired measurement.
   *
   * @param ours our side
   * @param other the raw client, the naive adapter, or the uncached store
   */
  public record Pair(Optional<Measurement> ours, Optional<Measurement> other) {
    /**
     * ours / other, when both were measured.
     *
     * @return the ratio
     */
    public OptionalDouble ratio() {
      if (ours.isEmpty() || other.isEmpty() || other.get().micros() <= 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(ours.get().micros() / other.get().micros());
    }
  }
}
