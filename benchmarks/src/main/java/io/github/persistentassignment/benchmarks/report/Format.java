package io.github.persistentassignment.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** How the report writes numbers and repeated table cells. */
final class Format {
  private Format() {}

  /** Microseconds with three significant figures or so. */
  static String micros(double value) {
    if (value < 1) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    if (value < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (value < 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }

  static String ratio(OptionalDouble value) {
    return value.isPresent() ? ratio(value.getAsDouble()) : "–";
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String time(Optional<Measurement> m) {
    return m.map(x -> micros(x.micros())).orElse("–");
  }

  static String bytes(Optional<Measurement> m) {
    return m.map(Measurement::allocatedBytes)
        .map(b -> String.format(Locale.ROOT, "%,.0f", b))
        .orElse("–");
  }

  static OptionalDouble micros(Optional<Measurement> m) {
    return m.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(m.get().micros());
  }

  static String threads(int threads) {
    return threads == 1 ? "1 thread" : threads + " threads";
  }

  /** Header cells: each of the names, once per thread count, such as "ours, 8 threads". */
  static void columnsPerThreadCount(StringBuilder out, List<Integer> threads, String... names) {
    for (int t : threads) {
      for (String name : names) {
        out.append(' ').append(name).append(", ").append(threads(t)).append(" |");
      }
    }
  }

  /** One table row: each cell's text between pipes. */
  static void row(StringBuilder out, Object... cells) {
    out.append('|');
    for (Object cell : cells) {
      out.append(' ').append(cell).append(" |");
    }
    out.append('\n');
  }

  /** A table header row and its alignment row: the first column left, the others right. */
  static void header(StringBuilder out, String... names) {
    out.append('|');
    for (String name : names) {
      out.append(' ').append(name).append(" |");
    }
    out.append("\n|---|").append("---:|".repeat(names.length - 1)).append('\n');
  }
}
