package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.conformance.TestBackends;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Redis servers this JVM starts itself, as child processes on free loopback ports: a standalone
 * server, or a Redis Cluster of three masters. Stopped by {@link #close()}, and by a shutdown hook
 * if a test run never gets there. Needs {@code redis-server} and {@code redis-cli} on the {@code
 * PATH}; without them the calling test is skipped, or fails when {@code PA_REQUIRE_BACKENDS=true}.
 */
final class LocalRedis implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 15_000;

  private final Path directory;
  private final List<Process> processes = new ArrayList<>();
  private final List<HostAndPort> nodes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "stop-local-redis");

  private LocalRedis() throws IOException {
    this.directory = Files.createTempDirectory("pa-redis-");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts one standalone server.
   *
   * @param extraArguments more {@code redis-server} arguments, such as {@code
   *     "--proto-max-bulk-len", "1mb"}
   */
  static LocalRedis standalone(String... extraArguments) {
    String server = requireBinary("redis-server");
    LocalRedis redis = create();
    try {
      redis.startServer(server, false, extraArguments);
      return redis;
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
  }

  /** Starts three masters and joins them into a cluster that covers every slot. */
  static LocalRedis cluster() {
    String server = requireBinary("redis-server");
    String cli = requireBinary("redis-cli");
    LocalRedis redis = create();
    try {
      for (int i = 0; i < 3; i++) {
        redis.startServer(server, true);
      }
      List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
      redis.nodes.forEach(node -> command.add(node.toString()));
      command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      redis.run(command);
      redis.awaitClusterOk();
      return redis;
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
  }

  /** The servers' addresses. */
  List<HostAndPort> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes as {@code host:port} strings. */
  List<String> nodeStrings() {
    return nodes.stream().map(HostAndPort::toString).toList();
  }

  /** The first server's URL. */
  String url() {
    return "redis://" + nodes.get(0);
  }

  /** Stops every server and deletes their files. Idempotent. */
  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the same work.
    }
    deleteDirectory();
  }

  /** Whether a binary is on the PATH. */
  static Optional<String> findBinary(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }

  private static String requireBinary(String name) {
    Optional<String> binary = findBinary(name);
    if (binary.isEmpty()) {
      String message =
          name
              + " is not on the PATH, so no local Redis can be started. Install Redis (e.g. apt-get"
              + " install redis-server redis-tools), or set PA_TEST_REDIS_CLUSTER=host:port,… to"
              + " use a running cluster.";
      if (TestBackends.backendsRequired()) {
        Assertions.fail(message + " (PA_REQUIRE_BACKENDS=true)");
      }
      Assumptions.abort(message);
    }
    return binary.get();
  }

  private static LocalRedis create() {
    try {
      return new LocalRedis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startServer(String server, boolean cluster, String... extraArguments) {
    IllegalStateException lastFailure = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort(cluster);
      List<String> command =
          new ArrayList<>(
              List.of(
                  server,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  directory.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--daemonize",
                  "no"));
      if (cluster) {
        command.addAll(
            List.of(
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf"));
      }
      command.addAll(List.of(extraArguments));
      Path log = directory.resolve("redis-" + port + ".log");
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start " + command, e);
      }
      processes.add(process);
      HostAndPort node = new HostAndPort("127.0.0.1", port);
      if (awaitPing(process, node)) {
        nodes.add(node);
        return;
      }
      process.destroyForcibly();
      lastFailure =
          new IllegalStateException(
              "redis-server on port " + port + " did not start: " + read(log));
    }
    throw lastFailure;
  }

  private static boolean awaitPing(Process process, HostAndPort node) {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try (Jedis jedis = new Jedis(node, clientConfig())) {
        if ("PONG".equals(jedis.ping())) {
          return true;
        }
      } catch (RuntimeException e) {
        pause(50);
      }
    }
    return false;
  }

  private void awaitClusterOk() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    for (HostAndPort node : nodes) {
      while (true) {
        try (Jedis jedis = new Jedis(node, clientConfig())) {
          if (jedis.clusterInfo().contains("cluster_state:ok")) {
            break;
          }
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("The cluster did not reach cluster_state:ok: " + nodes);
        }
        pause(100);
      }
    }
  }

  private void run(List<String> command) {
    Path log = directory.resolve("redis-cli.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Failed (exit " + process.exitValue() + "): " + command + "\n" + read(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + command, e);
    }
  }

  private synchronized void stopProcesses() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
  }

  private void deleteDirectory() {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp directory left behind is harmless.
    }
  }

  /** A loopback port that is free, and for a cluster node so is its bus port (port + 10000). */
  private static int freePort(boolean cluster) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (isFree(port) && (!cluster || isFree(port + 10_000))) {
        return port;
      }
    }
    throw new IllegalStateException("No free loopback port found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static redis.clients.jedis.JedisClientConfig clientConfig() {
    return redis.clients.jedis.DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(1_000)
        .socketTimeoutMillis(5_000)
        .build();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Redis", e);
    }
  }
}
