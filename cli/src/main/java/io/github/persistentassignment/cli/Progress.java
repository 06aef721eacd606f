package io.github.persistentassignment.cli;

import java.io.PrintWriter;

/**
 * Progress of a long command: a bar redrawn in place on an interactive terminal, plain lines at
 * every quarter otherwise (so logs and CI output stay readable).
 */
abstract class Progress {
  protected String what = "";
  protected long total;
  protected long done;
  private long startedNanos = System.nanoTime();

  /**
   * A bar on an interactive terminal, else lines.
   *
   * @param unknownTotalInterval how often to print a line when the total is not known
   */
  static Progress forTerminal(PrintWriter out, long unknownTotalInterval) {
    return System.console() != null ? new Bar(out) : new Lines(out, unknownTotalInterval);
  }

  /** Starts counting; {@code total} may be 0 when unknown. */
  synchronized void start(String what, long total) {
    this.what = what;
    this.total = total;
    this.done = 0;
    this.startedNanos = System.nanoTime();
    show();
  }

  synchronized void step() {
    done++;
    show();
  }

  synchronized void finish() {
    end();
  }

  protected abstract void show();

  /** The rate so far and, when the total is known, the time left: {@code "2,310/s, ~12 s left"}. */
  protected String pace() {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    if (done == 0 || seconds < 0.05) {
      return "";
    }
    double rate = done / seconds;
    String text = String.format(java.util.Locale.ROOT, ", %,.0f/s", rate);
    if (total > done) {
      text += ", ~" + duration(Math.round((total - done) / rate)) + " left";
    }
    return text;
  }

  private static String duration(long seconds) {
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
  }

  protected abstract void end();

  /** A bar redrawn with carriage returns. */
  private static final class Bar extends Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private long lastDrawn = -1;

    Bar(PrintWriter out) {
      this.out = out;
    }

    @Override
    protected void show() {
      long percent = total > 0 ? Math.min(100, done * 100 / total) : -1;
      if (percent == lastDrawn && total > 0) {
        return;
      }
      lastDrawn = percent;
      if (total > 0) {
        int filled = (int) (WIDTH * percent / 100);
        out.print(
            "\r  ["
                + "#".repeat(filled)
                + " ".repeat(WIDTH - filled)
                + "] "
                + done
                + "/"
                + total
                + " "
                + what
                + pace()
                + "   ");
      } else if (done % 500 == 0) {
        out.print("\r  " + done + " " + what + pace() + "   ");
      }
      out.flush();
    }

    @Override
    protected void end() {
      out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      out.flush();
    }
  }

  /** A line at every quarter of the total, or at a fixed interval when the total is unknown. */
  private static final class Lines extends Progress {
    private final PrintWriter out;
    private final long unknownTotalInterval;
    private long nextReport;

    Lines(PrintWriter out, long unknownTotalInterval) {
      this.out = out;
      this.unknownTotalInterval = unknownTotalInterval;
    }

    @Override
    protected void show() {
      if (done == 0) {
        nextReport = interval();
        return;
      }
      if (done >= nextReport) {
        out.println(
            "  "
                + done
                + (total > 0 ? "/" + total : "")
                + " "
                + what
                + (total > 0 ? " (" + done * 100 / total + "%)" : "")
                + pace());
        out.flush();
        nextReport = done + interval();
      }
    }

    private long interval() {
      return total > 0 ? Math.max(1, (total + 3) / 4) : unknownTotalInterval;
    }

    @Override
    protected void end() {
      out.flush();
    }
  }
}
