package io.github.persistentassignment.logcapture;

import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of core's tests (registered in {@code META-INF/services}): every logger is
 * enabled at every level and hands its events to the open {@link CapturedLogs}, and to nothing
 * else, so core's tests print no logs.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {
  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private final NOPMDCAdapter mdc = new NOPMDCAdapter();

  /** Created by SLF4J's service loader. */
  public CapturingServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return CapturingLogger::new;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** A logger with every level on, formatting as SLF4J does. */
  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String pattern,
        @Nullable Object[] arguments,
        @Nullable Throwable throwable) {
      CapturedLogs.record(
          name, level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
