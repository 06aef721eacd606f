package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists the stored keys, optionally matching a pattern, a page at a time. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "List the storage keys that hold entries, optionally only those matching PATTERN.",
      "PATTERN is a glob: * matches any text, ? one character (alice:* lists alice's id types)."
    })
final class KeysCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "A glob, such as alice:*.")
  String pattern = "*";

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "List at most N keys (default: ${DEFAULT-VALUE}).")
  int limit = 100;

  @Spec CommandSpec spec;

  /** Stops the enumeration once a page is full. */
  private static final class PageFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PageFull() {
      super(null, null, false, false);
    }
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1, was " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    Pattern glob = glob(pattern);
    Set<String> keys = new LinkedHashSet<>();
    boolean more = false;
    try (PersistentStorage storage = store.open()) {
      Enumerables.require(storage, store.url, "keys")
          .forEachEntry(
              entry -> {
                if (glob.matcher(entry.key()).matches() && keys.add(entry.key())) {
                  if (keys.size() > limit) {
                    throw new PageFull();
                  }
                }
              });
    } catch (PageFull full) {
      more = true;
    }
    keys.stream().limit(limit).forEach(out::println);
    int shown = Math.min(keys.size(), limit);
    out.println(
        "("
            + shown
            + (shown == 1 ? " key" : " keys")
            + (more ? "; more match: --limit " + (limit * 10) + " lists more" : "")
            + ")");
    return 0;
  }

  /** A glob as a regular expression: {@code *} any text, {@code ?} one character. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
