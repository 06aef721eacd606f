package io.github.persistentassignment.spi;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.internal.Quoting;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a store URL ({@code PersistentStorages.open(url, options)}, the CLI's {@code -o
 * name=value}, Spring's {@code persistent-assignment.store.options.*}), read the same way by every
 * provider: each builder setting is an option of the same name; a provider takes the ones it knows
 * and {@link #rejectUnknown()} names the rest.
 *
 * <pre>{@code
 * StoreOptions options = StoreOptions.of("Redis", optionMap);
 * options.string("keyPrefix").ifPresent(builder::keyPrefix);
 * options.duration("operationTimeout").ifPresent(builder::operationTimeout);
 * options.rejectUnknown();
 * }</pre>
 *
 * <p>Durations are written {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d} or in
 * ISO-8601 ({@code PT2S}); counts as decimal integers; booleans as {@code true} or {@code false}. A
 * malformed value is an {@link IllegalArgumentException} naming the option and what it expects. Not
 * thread-safe: one instance per {@code open}.
 *
 * @since 0.2.0
 */
public final class StoreOptions {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private final String storeKind;
  private final Map<String, String> options;
  private final Set<String> known = new TreeSet<>();

  private StoreOptions(String storeKind, Map<String, String> options) {
    this.storeKind = storeKind;
    this.options = new TreeMap<>(options);
  }

  /**
   * Wraps a provider's options.
   *
   * @param storeKind the kind of store in messages, such as {@code "Redis"}
   * @param options option name → value
   * @return the options to read
   */
  public static StoreOptions of(String storeKind, Map<String, String> options) {
    requireNonBlank(storeKind, "storeKind");
    requireNonNullArgument(options, "options");
    options.forEach(
        (name, value) -> {
          requireNonBlank(name, "option name");
          requireNonNullArgument(value, "option " + name);
        });
    return new StoreOptions(storeKind, options);
  }

  /**
   * A text option.
   *
   * @param name the option
   * @return its value, if given
   */
  public Optional<String> string(String name) {
    known.add(name);
    return Optional.ofNullable(options.get(name));
  }

  /**
   * A duration option: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d} or ISO-8601.
   *
   * @param name the option
   * @return its value, if given
   * @throws IllegalArgumentException if the value is not a duration
   */
  public Optional<Duration> duration(String name) {
    return string(name).map(value -> parseDuration(name, value));
  }

  /**
   * A count option, a decimal integer.
   *
   * @param name the option
   * @return its value, if given
   * @throws IllegalArgumentException if the value is not an integer
   */
  public Optional<Integer> count(String name) {
    return string(name)
        .map(
            value -> {
              try {
                return Integer.parseInt(value.strip());
              } catch (NumberFormatException e) {
                throw invalid(name, value, "a whole number such as 10");
              }
            });
  }

  /**
   * A boolean option, {@code true} or {@code false}.
   *
   * @param name the option
   * @return its value, if given
   * @throws IllegalArgumentException if the value is neither
   */
  public Optional<Boolean> bool(String name) {
    return string(name)
        .map(
            value ->
                switch (value.strip().toLowerCase(Locale.ROOT)) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw invalid(name, value, "true or false");
                });
  }

  /**
   * Fails on every option that no getter asked for.
   *
   * @throws IllegalArgumentException naming the unknown options and listing the known ones
   */
  public void rejectUnknown() {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option(s) "
              + unknown.stream().map(Quoting::quote).toList()
              + " for a "
              + storeKind
              + " store; known: "
              + known);
    }
  }

  private IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(
        "option "
            + name
            + " of a "
            + storeKind
            + " store must be "
            + expected
            + ", was "
            + Quoting.quote(value));
  }

  private Duration parseDuration(String name, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE_DURATION.matcher(text);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw invalid(name, value, "a duration such as 500ms, 2s, 5m, 1h, 30d or PT2S");
    }
  }
}
