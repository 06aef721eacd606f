package io.github.persistentassignment.conformance.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link SustainedLoad} run: calls and latencies per operation, everything that
 * went wrong, what reading every key back found, and the heap. {@link #assertPassed()} fails a test
 * with the reasons; {@link #summaryLine()} and {@link #toMarkdown()} report the numbers.
 *
 * <p>A run passes when no operation threw, every read during the run returned what the reading
 * thread knew to be stored, every caller racing for an entry was told the same winner, the read
 * back found every entry intact and nothing else, and the heap grew less than allowed.
 */
public final class LoadReport {
  private final LoadSettings settings;
  private final Duration elapsed;
  private final Map<LoadOperation, OperationStats> operations;
  private final long inconsistentReads;
  private final long disagreements;
  private final long errors;
  private final int contendedEntries;
  private final long contendedAnswers;
  private final ReadBackResult readBack;
  private final HeapUsage heap;
  private final List<String> problems;
  private final @Nullable Throwable firstError;

  LoadReport(
      LoadSettings settings,
      Duration elapsed,
      Map<LoadOperation, OperationStats> operations,
      LoadProblems problems,
      ContendedSlots contended,
      ReadBackResult readBack,
      HeapUsage heap) {
    this.settings = settings;
    this.elapsed = elapsed;
    this.operations = Collections.unmodifiableMap(new EnumMap<>(operations));
    this.inconsistentReads = problems.inconsistentReads();
    this.disagreements = problems.disagreements();
    this.errors = problems.errors();
    this.contendedEntries = contended.settledSlots();
    this.contendedAnswers = contended.answers();
    this.readBack = readBack;
    this.heap = heap;
    this.problems = problems.descriptions();
    this.firstError = problems.firstError();
  }

  /**
   * The name the run was given, such as the backend's.
   *
   * @return the name
   */
  public String name() {
    return settings.name();
  }

  /**
   * The number of threads that ran operations.
   *
   * @return the thread count
   */
  public int threads() {
    return settings.threads();
  }

  /**
   * The number of keys the operations were spread over.
   *
   * @return the key count
   */
  public int keys() {
    return settings.keys();
  }

  /**
   * The seed of the run's random choices.
   *
   * @return the seed
   */
  public long seed() {
    return settings.seed();
  }

  /**
   * How long the threads ran, from start until the last one stopped.
   *
   * @return the measured duration
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * The warm-up, after which the heap baseline was taken.
   *
   * @return the warm-up duration
   */
  public Duration warmUp() {
    return settings.warmUp();
  }

  /**
   * Calls, errors and latencies of every operation, in {@link LoadOperation} order.
   *
   * @return an unmodifiable map with an entry for every operation
   */
  public Map<LoadOperation, OperationStats> operations() {
    return operations;
  }

  /**
   * Calls of every operation together.
   *
   * @return the total number of calls
   */
  public long totalCalls() {
    return operations.values().stream().mapToLong(OperationStats::calls).sum();
  }

  /**
   * Calls per second over the run.
   *
   * @return {@link #totalCalls()} divided by {@link #elapsed()}
   */
  public double callsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds == 0 ? 0 : totalCalls() / seconds;
  }

  /**
   * Storage calls that threw, during the run and while reading back.
   *
   * @return the number of errors
   */
  public long errors() {
    return errors;
  }

  /**
   * Reads during the run that did not return what the reading thread knew was stored: a missing or
   * stale entry of its own, a contended entry other than its winner, a value written for another
   * key or config, or a {@code saveIfAbsent} that wrote over (or answered other than) the entry.
   *
   * @return the number of inconsistent reads
   */
  public long inconsistentReads() {
    return inconsistentReads;
  }

  /**
   * Contended entries whose callers were not all told the same winner, or that more than one call
   * reports writing.
   *
   * @return the number of disagreements
   */
  public long disagreements() {
    return disagreements;
  }

  /**
   * Contended entries that were decided (written by one racing {@code saveIfAbsent}) during the
   * run.
   *
   * @return the number of decided contended entries
   */
  public int contendedEntries() {
    return contendedEntries;
  }

  /**
   * Contended {@code saveIfAbsent} calls that did not write because the entry was already there:
   * the calls that lost a race, or came after it. Every one of them was checked against the winner.
   *
   * @return the number of contended calls that were told of an existing entry
   */
  public long contendedAnswers() {
    return contendedAnswers;
  }

  /**
   * What reading every key back through a fresh storage instance found.
   *
   * @return the read-back counts
   */
  public ReadBackResult readBack() {
    return readBack;
  }

  /**
   * The used heap after garbage collection at the start, after the warm-up and at the end.
   *
   * @return the heap readings
   */
  public HeapUsage heap() {
    return heap;
  }

  /**
   * The first few problems, described: up to five distinct ones of each kind (errors, inconsistent
   * reads, disagreements, read-back findings), each starting with its kind.
   *
   * @return an unmodifiable list, empty when nothing went wrong
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * Why the run failed, one reason per kind of failure.
   *
   * @return an unmodifiable list, empty when the run passed
   */
  public List<String> failures() {
    List<String> failures = new ArrayList<>();
    if (totalCalls() == 0) {
      failures.add("no operation was called");
    }
    if (errors > 0) {
      failures.add(errors + " storage calls threw");
    }
    if (inconsistentReads > 0) {
      failures.add(inconsistentReads + " reads during the run did not return what was stored");
    }
    if (disagreements > 0) {
      failures.add(disagreements + " contended entries had more than one winner");
    }
    if (readBack.lostEntries() > 0) {
      failures.add(readBack.lostEntries() + " entries were lost");
    }
    if (readBack.corruptEntries() > 0) {
      failures.add(readBack.corruptEntries() + " entries were corrupt");
    }
    if (readBack.unexpectedEntries() > 0) {
      failures.add(
          readBack.unexpectedEntries() + " entries exist that were deleted or never written");
    }
    if (readBack.unreadableKeys() > 0) {
      failures.add(readBack.unreadableKeys() + " keys could not be read back");
    }
    if (!heap.isStable()) {
      failures.add(
          String.format(
              Locale.ROOT,
              "the heap grew by %s after the warm-up, more than the %s allowed",
              LoadReportMarkdown.mebibytes(heap.growthBytes()),
              LoadReportMarkdown.mebibytes(heap.allowedGrowthBytes())));
    }
    return List.copyOf(failures);
  }

  /**
   * Whether the run passed.
   *
   * @return true when {@link #failures()} is empty
   */
  public boolean passed() {
    return failures().isEmpty();
  }

  /**
   * Fails the calling test unless the run passed, with every reason, the first problems found, and
   * the first exception an operation threw as the cause.
   *
   * @throws AssertionError if the run did not pass
   */
  public void assertPassed() {
    List<String> failures = failures();
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(name())
            .append(" failed the sustained load run: ")
            .append(String.join("; ", failures))
            .append('.');
    if (!problems.isEmpty()) {
      message.append("\nFirst problems found:");
      problems.forEach(problem -> message.append("\n  - ").append(problem));
    }
    message.append('\n').append(summaryLine());
    throw new AssertionError(message.toString(), firstError);
  }

  /**
   * One line with the run's main numbers, to print in a test log.
   *
   * @return the summary
   */
  public String summaryLine() {
    return LoadReportMarkdown.summaryLine(this);
  }

  /**
   * The whole report as Markdown: settings, a table of operations, the read back, the heap and the
   * problems found.
   *
   * @return the report
   */
  public String toMarkdown() {
    return LoadReportMarkdown.render(this, settings);
  }

  @Override
  public String toString() {
    return summaryLine();
  }
}
