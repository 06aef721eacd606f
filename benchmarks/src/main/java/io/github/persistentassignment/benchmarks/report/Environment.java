package io.github.persistentassignment.benchmarks.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a run happened: machine, JDK, servers, settings, start and end, load average. Kept
 * as {@code raw/environment.json} beside the JMH output, so the report can be written again from
 * the files alone.
 */
public final class Environment {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String BACKEND = "backend.";

  private final Map<String, String> values;

  private Environment(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Describes this machine and JVM now.
   *
   * @param command the command that reproduces the run
   * @param settings the run's settings, in words
   * @return the environment, without backends yet
   */
  public static Environment capture(String command, String settings) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    values.put("command", command);
    values.put("settings", settings);
    values.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    values.put("cpu", firstLineValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
    values.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    values.put(
        "jdk",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"));
    values.put("load.start", loadAverage());
    values.put("nice", niceness());
    return new Environment(values);
  }

  /**
   * Reads an environment written by {@link #write}.
   *
   * @param file the file
   * @return the environment
   */
  public static Environment read(Path file) {
    try {
      return new Environment(
          JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * Records a backend's versions.
   *
   * @param name the backend
   * @param description its server and client versions
   */
  public void addBackend(String name, String description) {
    values.put(BACKEND + name, description);
  }

  /**
   * Records any other fact, such as a library version.
   *
   * @param key its name
   * @param value its value
   */
  public void put(String key, String value) {
    values.put(key, value);
  }

  /** Records the end of the run and the load average then. */
  public void finish() {
    values.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    values.put("load.end", loadAverage());
  }

  /**
   * Writes the environment as JSON.
   *
   * @param file the file
   */
  public void write(Path file) {
    try {
      Files.writeString(file, JSON.writeValueAsString(values) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Whether a value was recorded.
   *
   * @param key its name
   * @return true when it was
   */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * One recorded value.
   *
   * @param key its name
   * @return the value, or {@code "?"}
   */
  public String get(String key) {
    return values.getOrDefault(key, "?");
  }

  /**
   * The backends' descriptions, in the order they were added.
   *
   * @return backend name → description
   */
  public Map<String, String> backends() {
    Map<String, String> backends = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(BACKEND)) {
            backends.put(key.substring(BACKEND.length()), value);
          }
        });
    return backends;
  }

  /**
   * The 1, 5 and 15 minute load averages now, showing how busy the machine was.
   *
   * @return such as {@code 1.20 0.95 0.80}, or {@code unknown} off Linux
   */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * This process's scheduling priority (Linux {@code nice}, 0 by default): a run started with
   * {@code nice -n -10} gets the CPU ahead of the machine's other work, which the report says.
   */
  private static String niceness() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return fields[16];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> firstLineValue(Path file, String name) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(name))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
