package io.github.persistentassignment.conformance.faults;

import io.github.persistentassignment.internal.Arguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a loopback port in front of a real server, which a test turns into a bad network:
 * it can pass traffic, refuse new connections, cut open ones, black-hole everything (accept, never
 * answer), add latency, and cut a connection part-way through a request or a response.
 *
 * <p>Point the storage under test at {@link #host()}:{@link #port()} instead of the server, then
 * break and heal the path while the storage keeps running:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", 6379)) {
 *   PersistentStorage storage = createStorage("redis://" + proxy.host() + ":" + proxy.port());
 *   proxy.blackHole();   // every call now waits for its timeout
 *   proxy.pass();        // the path is healthy again
 * }
 * }</pre>
 *
 * <p>Faults are switched, not scheduled: each method takes effect at once for every connection,
 * open or new, until {@link #pass()} heals the path. Only the JDK's own sockets are used (two
 * daemon threads per connection), so it needs no Docker and no privileges. It is safe to call from
 * any thread.
 */
public final class FaultProxy implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final InetSocketAddress target;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final Object lock = new Object();

  // Guarded by lock; waiting pumps are woken through it when a fault is lifted.
  private int port;
  private @Nullable ServerSocket listener;
  private @Nullable Thread acceptor;
  private boolean blackHoled;
  private Duration latency = Duration.ZERO;
  private @Nullable Cut armedCut;
  private boolean closed;

  private FaultProxy(InetSocketAddress target) {
    this.target = target;
  }

  /**
   * Starts a proxy on a free loopback port that forwards to {@code targetHost:targetPort}.
   *
   * @param targetHost the real server's host (a loopback address in tests)
   * @param targetPort the real server's port
   * @return the running proxy, passing traffic
   * @throws IOException if no loopback port could be bound
   * @throws IllegalArgumentException if the host is blank or the port is not a TCP port
   */
  public static FaultProxy start(String targetHost, int targetPort) throws IOException {
    Arguments.requireNonBlank(targetHost, "targetHost");
    if (targetPort < 1 || targetPort > 65_535) {
      throw new IllegalArgumentException("targetPort must be 1-65535, was " + targetPort);
    }
    FaultProxy proxy = new FaultProxy(InetSocketAddress.createUnresolved(targetHost, targetPort));
    proxy.listen();
    return proxy;
  }

  /**
   * The host to connect to instead of the server: the loopback address, as a literal.
   *
   * @return {@code 127.0.0.1} (or {@code ::1} on an IPv6-only loopback)
   */
  public String host() {
    return LOOPBACK.getHostAddress();
  }

  /**
   * The port to connect to instead of the server; it stays the same across {@link
   * #refuseConnections()} and {@link #pass()}.
   *
   * @return the proxy's loopback port
   */
  public int port() {
    synchronized (lock) {
      return port;
    }
  }

  /**
   * Heals the path: new connections are accepted and forwarded, held traffic flows again, added
   * latency and armed cuts are cleared. Connections cut earlier stay cut.
   *
   * @throws UncheckedIOException if the proxy's port was taken by someone else while it refused
   *     connections
   */
  public void pass() {
    synchronized (lock) {
      requireOpen();
      blackHoled = false;
      latency = Duration.ZERO;
      armedCut = null;
      lock.notifyAll();
      if (listener == null) {
        try {
          listen();
        } catch (IOException e) {
          throw new UncheckedIOException("could not listen again on port " + port, e);
        }
      }
    }
  }

  /**
   * Stops listening, so a new connection is refused at once, as when the server's host is up but
   * the server is not. Open connections keep working; {@link #cutConnections()} ends them too.
   */
  public void refuseConnections() {
    synchronized (lock) {
      requireOpen();
      closeListener();
    }
  }

  /**
   * Resets every open connection (both ends see a TCP reset). New connections are still accepted
   * unless {@link #refuseConnections()} is also in force.
   */
  public void cutConnections() {
    for (Link link : links) {
      link.cut();
    }
  }

  /** The server goes away: new connections are refused and open ones are reset. */
  public void cut() {
    refuseConnections();
    cutConnections();
  }

  /**
   * Holds every byte in both directions, on open connections and on new ones (which are still
   * accepted), as a network partition does: callers wait until their own timeouts end the wait.
   * {@link #pass()} releases what was held.
   */
  public void blackHole() {
    synchronized (lock) {
      requireOpen();
      blackHoled = true;
    }
  }

  /**
   * Delays every chunk the client sends by {@code delay}, so each request/response round trip takes
   * at least that much longer.
   *
   * @param delay the added delay; zero removes it
   * @throws IllegalArgumentException if {@code delay} is null or negative
   */
  public void addLatency(Duration delay) {
    Arguments.requireNonNullArgument(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    synchronized (lock) {
      requireOpen();
      latency = delay;
    }
  }

  /**
   * Arms a one-shot cut in the middle of a request: the next chunk any client sends is forwarded
   * only up to {@code bytes} bytes, then that connection is reset, so the server sees a partial
   * request.
   *
   * @param bytes how many bytes of the chunk reach the server (0 forwards none)
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public void cutNextRequestAfter(int bytes) {
    arm(new Cut(true, bytes));
  }

  /**
   * Arms a one-shot cut in the middle of a response: the next chunk any server sends is forwarded
   * only up to {@code bytes} bytes, then that connection is reset, so the server has done the work
   * but the client sees a partial answer.
   *
   * @param bytes how many bytes of the chunk reach the client (0 forwards none)
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public void cutNextResponseAfter(int bytes) {
    arm(new Cut(false, bytes));
  }

  /**
   * Whether an armed cut is still waiting for its chunk.
   *
   * @return true until a cut armed by {@link #cutNextRequestAfter} or {@link #cutNextResponseAfter}
   *     has happened, or {@link #pass()} cleared it
   */
  public boolean cutPending() {
    synchronized (lock) {
      return armedCut != null;
    }
  }

  /**
   * Connections accepted since the proxy started, including ones that were cut.
   *
   * @return the count
   */
  public long acceptedConnections() {
    return accepted.get();
  }

  /**
   * Connections open now.
   *
   * @return the count
   */
  public int openConnections() {
    return links.size();
  }

  /** Stops listening, resets every connection and releases every held thread. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeListener();
      lock.notifyAll();
    }
    cutConnections();
  }

  private void arm(Cut cut) {
    if (cut.bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, was " + cut.bytes);
    }
    synchronized (lock) {
      requireOpen();
      armedCut = cut;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the proxy is closed");
    }
  }

  private void listen() throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    port = socket.getLocalPort();
    listener = socket;
    acceptor = daemon("fault-proxy-" + port + "-accept", () -> acceptLoop(socket));
  }

  private void closeListener() {
    ServerSocket socket = listener;
    Thread thread = acceptor;
    listener = null;
    acceptor = null;
    if (socket != null) {
      closeQuietly(socket);
    }
    if (thread != null) {
      // The kernel keeps listening until the thread blocked in accept() has left it; wait for
      // that, so a connection attempted after this method returns is surely refused.
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // the listener was closed: refusing, or the proxy is closed
      }
      accepted.incrementAndGet();
      Socket server = new Socket();
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(
            new InetSocketAddress(target.getHostString(), target.getPort()), 10_000 /* ms */);
      } catch (IOException e) {
        // The real server is down: the client sees its connection reset, as it would directly.
        resetQuietly(client);
        closeQuietly(server);
        continue;
      }
      Link link = new Link(client, server);
      links.add(link);
      if (socket.isClosed()) {
        link.cut(); // refused while this one was being accepted: it belongs to the dead listener
        continue;
      }
      String name = "fault-proxy-" + port + "-" + client.getPort();
      daemon(name + "-request", () -> pump(link, true));
      daemon(name + "-response", () -> pump(link, false));
    }
  }

  /** Copies one direction of a connection chunk by chunk, applying whatever fault is in force. */
  private void pump(Link link, boolean request) {
    Socket from = request ? link.client : link.server;
    Socket to = request ? link.server : link.client;
    byte[] buffer = new byte[16 * 1024];
    try {
      var in = from.getInputStream();
      var out = to.getOutputStream();
      while (true) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        Cut cut = awaitPassage(request);
        if (cut != null) {
          out.write(buffer, 0, Math.min(read, cut.bytes));
          out.flush();
          link.cut();
          return;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The other direction cut the link, or a peer reset it: either way this link is over.
    }
    link.close();
  }

  /**
   * Waits while the path is black-holed, then sleeps the added latency for requests. Returns the
   * armed cut when this chunk is the one it was armed for (and disarms it), otherwise null.
   */
  private @Nullable Cut awaitPassage(boolean request) throws InterruptedException {
    Duration delay;
    synchronized (lock) {
      while (blackHoled && !closed) {
        lock.wait();
      }
      Cut cut = armedCut;
      if (cut != null && cut.request == request) {
        armedCut = null;
        return cut;
      }
      delay = request ? latency : Duration.ZERO;
    }
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    }
    return null;
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // close with a TCP reset rather than an orderly FIN
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing more to release
    }
  }

  /** A one-shot cut: which direction, and how much of the chunk gets through first. */
  private record Cut(boolean request, int bytes) {}

  /** One proxied connection: the client's socket and the proxy's socket to the server. */
  private final class Link {
    final Socket client;
    final Socket server;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void cut() {
      resetQuietly(client);
      resetQuietly(server);
      links.remove(this);
    }

    void close() {
      closeQuietly(client);
      closeQuietly(server);
      links.remove(this);
    }
  }
}
