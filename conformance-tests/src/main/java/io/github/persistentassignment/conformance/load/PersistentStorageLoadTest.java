package io.github.persistentassignment.conformance.load;

import static io.github.persistentassignment.internal.Arguments.requirePositive;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kit's sustained load test: a subclass implements {@link #createStorage()} (a new adapter
 * instance over the same backend namespace on every call, as for {@link
 * PersistentStorageConformanceTest}) and gets one test that runs a {@link SustainedLoad} against
 * it, prints the summary line, writes the Markdown report to {@code
 * target/load-report/<backendName()>.md} and fails unless the run passed.
 *
 * <p>The test is tagged {@value #TAG}, so a build can keep it out of the ordinary test run and run
 * it on its own (with Surefire, {@code <excludedGroups>load</excludedGroups>} and {@code
 * -Dgroups=load}). Its duration comes from the system property {@value #DURATION_PROPERTY}, an
 * ISO-8601 duration such as {@code PT30S}, by default {@link #DEFAULT_DURATION}.
 *
 * <pre>{@code
 * class MyRedisStorageLoadTest extends PersistentStorageLoadTest {
 *   private static final String PREFIX = "load-" + UUID.randomUUID() + ":";
 *   private static RedisClient client;
 *
 *   @BeforeAll
 *   static void connect() {
 *     client = RedisClient.create(TestBackends.redisUrl());
 *   }
 *
 *   @AfterAll
 *   static void cleanUp() {
 *     client.keys(PREFIX + "*").forEach(client::del); // the run leaves what it wrote
 *     client.close();
 *   }
 *
 *   @Override
 *   protected PersistentStorage createStorage() {
 *     return MyRedisStorage.builder(client).keyPrefix(PREFIX).build();
 *   }
 *
 *   @Override
 *   protected String backendName() {
 *     return "my-redis";
 *   }
 * }
 * }</pre>
 */
@Tag(PersistentStorageLoadTest.TAG)
public abstract class PersistentStorageLoadTest {
  /** The JUnit tag of the load test. */
  public static final String TAG = "load";

  /** The system property that sets the run's duration, such as {@code PT15S}. */
  public static final String DURATION_PROPERTY = "pa.load.duration";

  /** The duration when {@value #DURATION_PROPERTY} is not set: 10 seconds. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

  /** For subclasses. */
  protected PersistentStorageLoadTest() {}

  /**
   * Creates a new adapter instance over the backend namespace the run uses. Called twice: once for
   * the load, once for the read back. The run closes both.
   *
   * @return a new, open adapter
   */
  protected abstract PersistentStorage createStorage();

  /**
   * The backend's name in the report and its file name, such as {@code "redis-cluster"}. The
   * default is the test class's simple name.
   *
   * @return a short name, safe in a file name
   */
  protected String backendName() {
    return getClass().getSimpleName();
  }

  /**
   * Adjusts the run, for a backend that needs other settings than the defaults (8 threads, 500
   * keys, values up to about 16 K characters). The duration and name are already set. The default
   * changes nothing.
   *
   * @param load the builder
   * @return the builder to build the run from
   */
  protected SustainedLoad.Builder configure(SustainedLoad.Builder load) {
    return load;
  }

  /**
   * The folder the Markdown report is written to. The default is {@code target/load-report} under
   * the working directory, which Maven sets to the module's folder.
   *
   * @return the folder; created if missing
   */
  protected Path reportDirectory() {
    return Path.of("target", "load-report");
  }

  /**
   * The run's duration: {@value #DURATION_PROPERTY} if set, else {@link #DEFAULT_DURATION}.
   *
   * @return the duration
   * @throws IllegalArgumentException if the property is not a positive ISO-8601 duration
   */
  public static Duration configuredDuration() {
    String configured = System.getProperty(DURATION_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return DEFAULT_DURATION;
    }
    Duration duration;
    try {
      duration = Duration.parse(configured.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          DURATION_PROPERTY
              + " must be an ISO-8601 duration such as PT15S, was '"
              + configured
              + "'",
          e);
    }
    return requirePositive(duration, DURATION_PROPERTY);
  }

  @Test
  @DisplayName(
      "threads running mixed operations lose nothing, corrupt nothing, never disagree and keep the"
          + " heap stable")
  void sustainedLoad() {
    SustainedLoad load =
        configure(
                SustainedLoad.builder(this::createStorage)
                    .name(backendName())
                    .duration(configuredDuration()))
            .build();
    LoadReport report = load.run();
    System.out.println(report.summaryLine());
    writeReport(report);
    report.assertPassed();
  }

  private void writeReport(LoadReport report) {
    try {
      Path folder = Files.createDirectories(reportDirectory());
      Files.writeString(
          folder.resolve(backendName() + ".md"), report.toMarkdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the load report of " + backendName(), e);
    }
  }
}
