package io.github.persistentassignment.logcapture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * What core's code logs while a test holds one of these open, every level included: core's tests
 * run on {@link CapturingServiceProvider}, the SLF4J binding of this module's tests, so they can
 * check what reaches a log and at which level.
 */
public final class CapturedLogs implements AutoCloseable {
  private static final List<CapturedLogs> OPEN = new CopyOnWriteArrayList<>();

  private final List<Event> events = new CopyOnWriteArrayList<>();

  /** One logged line: its level, its formatted message and its exception rendered with causes. */
  public record Event(String logger, Level level, String message, String exception) {
    /** The line as an appender would write it, exception and stack trace included. */
    public String text() {
      return level + " " + logger + " - " + message + (exception.isEmpty() ? "" : "\n" + exception);
    }
  }

  private CapturedLogs() {}

  /**
   * Starts capturing.
   *
   * @return the capture; close it when done
   */
  public static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    OPEN.add(logs);
    return logs;
  }

  /** The events at exactly this level, in order. */
  public List<Event> at(Level level) {
    return events.stream().filter(event -> event.level() == level).toList();
  }

  /** Everything logged at this level, as text. */
  public String textAt(Level level) {
    return String.join("\n", at(level).stream().map(Event::text).toList());
  }

  @Override
  public void close() {
    OPEN.remove(this);
  }

  static void record(String logger, Level level, String message, @Nullable Throwable exception) {
    if (OPEN.isEmpty()) {
      return;
    }
    String rendered = "";
    if (exception != null) {
      StringWriter trace = new StringWriter();
      exception.printStackTrace(new PrintWriter(trace));
      rendered = trace.toString();
    }
    Event event = new Event(logger, level, message, rendered);
    OPEN.forEach(logs -> logs.events.add(event));
  }
}
