package io.github.persistentassignment.integration.statsig;

import com.statsig.sdk.DataSource;
import com.statsig.sdk.StatsigOptions;
import com.statsig.sdk.StatsigServer;
import com.statsig.sdk.persistent_storage.IUserPersistentStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The real Statsig server SDK, started offline from a config-specs fixture: bootstrap is the only
 * source, config sync is off, logging and diagnostics are off, and every API URL points at a closed
 * loopback port, so nothing leaves the machine.
 */
final class OfflineStatsig implements AutoCloseable {
  /** Nothing listens on port 1; the one ID-list fetch at start fails at once. */
  private static final String CLOSED_PORT = "http://127.0.0.1:1";

  static final String V1_SPLIT = "v1-split.json";
  static final String V2_SPLIT_CHANGED = "v2-split-changed.json";
  static final String V3_INACTIVE = "v3-inactive.json";
  static final String V4_TARGETING = "v4-targeting.json";

  /** The {@code time} of each fixture, which the SDK saves as the sticky value's time. */
  static final long V1_TIME = 1_700_000_000_000L;

  private static final ExecutorService SHUTDOWN_EXECUTOR =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "statsig-test-shutdown");
            thread.setDaemon(true);
            return thread;
          });
  private static final Queue<CompletableFuture<?>> SHUTDOWNS = new ConcurrentLinkedQueue<>();

  private final StatsigServer server;

  private OfflineStatsig(StatsigServer server) {
    this.server = server;
  }

  static OfflineStatsig start(String fixture, @Nullable IUserPersistentStorage storage) {
    StatsigOptions options = offlineOptions(fixture);
    if (storage != null) {
      options.setUserPersistentStorage(storage);
    }
    return start(options);
  }

  /** Options that keep the SDK offline and bootstrap it from a fixture. */
  static StatsigOptions offlineOptions(String fixture) {
    StatsigOptions options = new StatsigOptions();
    options.setLocalMode(false);
    options.setBootstrapValues(read(fixture));
    options.setInitializeSources(List.of(DataSource.BOOTSTRAP));
    options.setConfigSyncSources(List.of());
    options.setDisableAllLogging(true);
    options.setDisableDiagnostics(true);
    options.setApi(CLOSED_PORT);
    options.setApiForDownloadConfigSpecs(CLOSED_PORT);
    options.setApiForGetIdlists(CLOSED_PORT);
    return options;
  }

  static OfflineStatsig start(StatsigOptions options) {
    StatsigServer server = StatsigServer.create();
    try {
      server.initializeAsync("secret-offline-test", options).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdown();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      server.shutdown();
      throw new IllegalStateException("Statsig did not initialize", e);
    }
    return new OfflineStatsig(server);
  }

  StatsigServer server() {
    return server;
  }

  /**
   * Shuts the SDK down. Its {@code shutdown()} always takes about a second (it waits for its
   * background work), so it runs on another thread and {@link #awaitShutdowns()} waits for all of
   * them at the end of a test class; the next SDK starts meanwhile, independent of this one.
   */
  @Override
  public void close() {
    SHUTDOWNS.add(CompletableFuture.runAsync(server::shutdown, SHUTDOWN_EXECUTOR));
  }

  /** Waits until every SDK closed so far has shut down. */
  static void awaitShutdowns() {
    CompletableFuture<?> pending;
    while ((pending = SHUTDOWNS.poll()) != null) {
      pending.join();
    }
  }

  private static String read(String fixture) {
    try (InputStream in =
        Objects.requireNonNull(
            OfflineStatsig.class.getResourceAsStream("/statsig/" + fixture), fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
