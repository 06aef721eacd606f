package io.github.persistentassignment.conformance.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

/**
 * Redis servers this JVM starts itself, as child processes on free loopback ports: one standalone
 * server, or a Redis Cluster of three masters that covers every slot. For tests (and benchmarks)
 * that need a server of their own: a cluster, a server with non-default settings, or one whose
 * scripts and statistics they may reset because nothing else uses it.
 *
 * <pre>{@code
 * try (LocalRedisServers cluster = LocalRedisServers.cluster()) {
 *   RedisPersistentStorage storage =
 *       RedisPersistentStorage.clusterBuilder(cluster.nodes()).build();
 *   …
 * }
 * }</pre>
 *
 * <p>Needs {@code redis-server}, and for a cluster {@code redis-cli}, on the {@code PATH}; without
 * them the calling test is skipped with instructions, or fails when {@code
 * PA_REQUIRE_BACKENDS=true}. Servers keep no data on disk. They are stopped by {@link #close()},
 * and by a shutdown hook if the caller never gets there. Only ever binds to and connects to {@code
 * 127.0.0.1}. Needs no Redis client library: readiness is checked with plain RESP over a socket.
 */
public final class LocalRedisServers implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 15_000;
  private static final int SOCKET_TIMEOUT_MILLIS = 2_000;
  private static final String LOOPBACK = "127.0.0.1";

  private final Path directory;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "stop-local-redis");

  private LocalRedisServers() throws IOException {
    this.directory = Files.createTempDirectory("pa-redis-");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts one standalone server.
   *
   * @param extraArguments more {@code redis-server} arguments, such as {@code
   *     "--proto-max-bulk-len", "1mb"}
   * @return the running server
   */
  public static LocalRedisServers standalone(String... extraArguments) {
    String server = requireBinary("redis-server");
    LocalRedisServers redis = create();
    try {
      redis.startServer(server, false, extraArguments);
      return redis;
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
  }

  /**
   * Starts three masters and joins them into a cluster that covers every slot, with no replicas.
   * Returns once every node reports {@code cluster_state:ok}.
   *
   * @return the running cluster
   */
  public static LocalRedisServers cluster() {
    String server = requireBinary("redis-server");
    String cli = requireBinary("redis-cli");
    LocalRedisServers redis = create();
    try {
      for (int i = 0; i < 3; i++) {
        redis.startServer(server, true);
      }
      List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
      command.addAll(redis.nodes());
      command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      redis.run(command);
      redis.awaitClusterOk();
      return redis;
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
  }

  /**
   * The servers' addresses, in the order they were started.
   *
   * @return each server as {@code 127.0.0.1:port}
   */
  public List<String> nodes() {
    return ports.stream().map(port -> LOOPBACK + ":" + port).toList();
  }

  /**
   * The first server's URL, such as {@code redis://127.0.0.1:23456}.
   *
   * @return the URL
   */
  public String url() {
    return "redis://" + nodes().get(0);
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

  private static Optional<String> findBinary(String name) {
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

  private static LocalRedisServers create() {
    try {
      return new LocalRedisServers();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startServer(String server, boolean cluster, String... extraArguments) {
    IllegalStateException lastFailure = null;
    // A port found free can be taken by another process before the server binds it: try again.
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort(cluster);
      List<String> command =
          new ArrayList<>(
              List.of(
                  server,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  LOOPBACK,
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
      if (awaitPong(process, port)) {
        ports.add(port);
        return;
      }
      process.destroyForcibly();
      lastFailure =
          new IllegalStateException(
              "redis-server on port " + port + " did not start: " + read(log));
    }
    throw lastFailure;
  }

  private static boolean awaitPong(Process process, int port) {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try {
        if ("PONG".equals(command(port, "PING"))) {
          return true;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      pause(50);
    }
    return false;
  }

  private void awaitClusterOk() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    for (int port : ports) {
      while (true) {
        try {
          if (command(port, "CLUSTER INFO").contains("cluster_state:ok")) {
            break;
          }
        } catch (IOException e) {
          // Checked again below until the deadline.
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("The cluster did not reach cluster_state:ok: " + nodes());
        }
        pause(100);
      }
    }
  }

  /**
   * Sends one inline command on a new connection and returns the reply's text: a simple string
   * ({@code +PONG}) or a bulk string ({@code $n} and n bytes), the two forms the readiness checks
   * get.
   */
  private static String command(int port, String inline) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), SOCKET_TIMEOUT_MILLIS);
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String first = readLine(in);
      if (first.startsWith("$")) {
        int length = Integer.parseInt(first.substring(1));
        return length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
      return first.startsWith("+") ? first.substring(1) : first;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
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
      socket.bind(new InetSocketAddress(loopback(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
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
