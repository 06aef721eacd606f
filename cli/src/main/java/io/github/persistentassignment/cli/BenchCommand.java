package io.github.persistentassignment.cli;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Latency percentiles and throughput of each storage operation against a live store. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure each storage operation against a live store: p50, p99, p99.9 and maximum latency",
      "and throughput, after a warm-up. Uses its own keys (pa-bench-…) and deletes them after."
    })
final class BenchCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "STORE-URL",
      arity = "0..1",
      description = "The store to measure (default: the --store URL).")
  @Nullable String storeUrl;

  @Mixin StoreOptions store;

  @Option(
      names = "--calls",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Measured calls per operation (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Unmeasured calls per operation first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent callers (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--keys",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Distinct user keys (default ${DEFAULT-VALUE}).")
  int keys;

  @Spec CommandSpec spec;

  /** One operation: the call for index i (0 ≤ i < warm-up + calls). */
  private record Operation(String name, IntConsumer call) {}

  @Override
  public Integer call() throws Exception {
    if (calls < 1 || warmup < 0 || threads < 1 || keys < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--calls, --threads and --keys must be at least 1, --warmup at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    String url = storeUrl != null ? storeUrl : store.url;
    Map<String, String> options = store.options;
    String run = "pa-bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    StickyValues values =
        StickyValues.builder()
            .value(true)
            .ruleId("rule-test")
            .groupName("Test")
            .jsonValue(Map.of("color", "green", "size", 3, "ratio", 0.25))
            .time(System.currentTimeMillis())
            .configVersion(1)
            .build();
    Table table =
        new Table("operation", "calls", "calls/s", "p50 µs", "p99 µs", "p99.9 µs", "max µs");
    try (PersistentStorage storage = StoreOptions.open(spec.commandLine(), url, options)) {
      List<Operation> operations =
          List.of(
              new Operation("save", i -> storage.save(key(run, i), "bench", values)),
              new Operation("load", i -> storage.load(key(run, i))),
              new Operation(
                  "saveIfAbsent (stored)", i -> storage.saveIfAbsent(key(run, i), "bench", values)),
              new Operation(
                  "loadAll (10 keys)",
                  i -> {
                    List<String> batch = new ArrayList<>(10);
                    for (int k = 0; k < 10; k++) {
                      batch.add(key(run, i * 10 + k));
                    }
                    storage.loadAll(batch);
                  }),
              new Operation(
                  "saveIfAbsent (new)",
                  i -> storage.saveIfAbsent(key(run, i), "fresh-" + i, values)),
              new Operation("delete", i -> storage.delete(key(run, i), "fresh-" + i)));
      out.println(
          "Benchmarking "
              + url
              + ": "
              + threads
              + (threads == 1 ? " thread, " : " threads, ")
              + warmup
              + " warm-up and "
              + calls
              + " measured calls per operation, "
              + keys
              + " keys");
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (Operation operation : operations) {
          Progress progress = Progress.forTerminal(out, 0);
          progress.start(operation.name(), warmup + calls);
          measure(pool, operation, 0, warmup, null, progress);
          long[] nanos = new long[calls];
          long started = System.nanoTime();
          measure(pool, operation, warmup, calls, nanos, progress);
          double seconds = (System.nanoTime() - started) / 1e9;
          progress.finish();
          Arrays.sort(nanos);
          table.row(
              operation.name(),
              calls,
              String.format(Locale.ROOT, "%.0f", calls / seconds),
              micros(percentile(nanos, 0.50)),
              micros(percentile(nanos, 0.99)),
              micros(percentile(nanos, 0.999)),
              micros(nanos[nanos.length - 1]));
        }
      } finally {
        pool.shutdownNow();
        for (int i = 0; i < keys; i++) {
          storage.delete(key(run, i), "bench");
        }
      }
    }
    out.println();
    table.print(out);
    out.println();
    out.println(
        "Latency is per call as the caller sees it, "
            + threads
            + " callers at once; the keys written were deleted.");
    return 0;
  }

  private String key(String run, int i) {
    return run + Math.floorMod(i, keys) + ":userID";
  }

  /** Runs calls [from, from + count) spread over the pool; records each latency if asked. */
  private void measure(
      ExecutorService pool,
      Operation operation,
      int from,
      int count,
      long @Nullable [] nanos,
      Progress progress)
      throws InterruptedException, ExecutionException {
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int n = thread; n < count; n += threads) {
                  long start = System.nanoTime();
                  operation.call().accept(from + n);
                  long elapsed = System.nanoTime() - start;
                  if (nanos != null) {
                    nanos[n] = elapsed;
                  }
                  progress.step();
                }
              }));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw e;
      }
    }
  }

  private static long percentile(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1_000.0);
  }
}
