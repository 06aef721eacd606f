package io.github.persistentassignment.conformance.faults;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FaultProxy in front of an echo server")
class FaultProxyTest {
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start("127.0.0.1", echo.port());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  @DisplayName("passes traffic both ways")
  void passes() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "hello");
      assertThat(read(socket, 5)).isEqualTo("hello");
    }
    assertThat(proxy.acceptedConnections()).isEqualTo(1);
  }

  @Test
  @DisplayName("refuses new connections, keeps open ones, and listens on the same port after pass")
  void refuses() throws IOException {
    int port = proxy.port();
    try (Socket open = connect()) {
      proxy.refuseConnections();
      assertThatThrownBy(this::connectOnly).isInstanceOf(ConnectException.class);
      send(open, "still");
      assertThat(read(open, 5)).isEqualTo("still");

      proxy.pass();
      assertThat(proxy.port()).isEqualTo(port);
      try (Socket again = connect()) {
        send(again, "back");
        assertThat(read(again, 4)).isEqualTo("back");
      }
    }
  }

  @Test
  @DisplayName("cuts open connections with a reset while new ones still work")
  void cutsConnections() throws IOException {
    try (Socket open = connect()) {
      send(open, "a");
      assertThat(read(open, 1)).isEqualTo("a");
      proxy.cutConnections();
      assertThat(endOfStreamOrReset(open)).isTrue();
      assertThat(proxy.openConnections()).isZero();
      try (Socket fresh = connect()) {
        send(fresh, "b");
        assertThat(read(fresh, 1)).isEqualTo("b");
      }
    }
  }

  @Test
  @DisplayName("cut() refuses new connections and resets open ones")
  void cutsEverything() throws IOException {
    try (Socket open = connect()) {
      proxy.cut();
      assertThat(endOfStreamOrReset(open)).isTrue();
      assertThatThrownBy(this::connectOnly).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  @DisplayName("black-holes open and new connections, then delivers what it held after pass")
  void blackHoles() throws IOException {
    try (Socket open = connect()) {
      proxy.blackHole();
      send(open, "held");
      open.setSoTimeout(300);
      assertThatThrownBy(() -> open.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      try (Socket fresh = connectOnly()) { // accepted, never answered
        send(fresh, "x");
        fresh.setSoTimeout(300);
        assertThatThrownBy(() -> fresh.getInputStream().read())
            .isInstanceOf(SocketTimeoutException.class);
        proxy.pass();
        assertThat(read(fresh, 1)).isEqualTo("x");
      }
      assertThat(read(open, 4)).isEqualTo("held");
    }
  }

  @Test
  @DisplayName("adds latency to each round trip, and pass removes it")
  void addsLatency() throws IOException {
    try (Socket socket = connect()) {
      proxy.addLatency(Duration.ofMillis(200));
      long start = System.nanoTime();
      send(socket, "slow");
      assertThat(read(socket, 4)).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ms(200));

      proxy.pass();
      start = System.nanoTime();
      send(socket, "fast");
      assertThat(read(socket, 4)).isEqualTo("fast");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ms(200));
    }
  }

  @Test
  @DisplayName("cuts a request part-way: the server gets only its first bytes")
  void cutsRequest() throws Exception {
    try (Socket socket = connect()) {
      echo.received.clear();
      proxy.cutNextRequestAfter(3);
      assertThat(proxy.cutPending()).isTrue();
      send(socket, "abcdef");
      assertThat(echo.received.poll(5, TimeUnit.SECONDS)).isEqualTo("abc");
      assertThat(endOfStreamOrReset(socket, 3)).isTrue();
      assertThat(proxy.cutPending()).isFalse();
    }
  }

  @Test
  @DisplayName("cuts a response part-way: the client gets only its first bytes")
  void cutsResponse() throws Exception {
    try (Socket socket = connect()) {
      echo.received.clear();
      proxy.cutNextResponseAfter(2);
      send(socket, "abcdef");
      assertThat(echo.received.poll(5, TimeUnit.SECONDS)).isEqualTo("abcdef");
      assertThat(read(socket, 2)).isEqualTo("ab");
      assertThat(endOfStreamOrReset(socket)).isTrue();
    }
  }

  @Test
  @DisplayName("resets the client when the real server is down")
  void serverDown() throws IOException {
    echo.close();
    boolean ended;
    try (Socket socket = connectOnly()) {
      ended = endOfStreamOrReset(socket);
    } catch (SocketException e) {
      ended = true; // reset before the handshake was even seen
    }
    assertThat(ended).isTrue();
  }

  @Test
  @DisplayName("rejects bad arguments, and calls after close")
  void badArguments() {
    assertThatThrownBy(() -> FaultProxy.start(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetHost");
    assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetPort");
    assertThatThrownBy(() -> proxy.addLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay");
    assertThatThrownBy(() -> proxy.cutNextResponseAfter(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes");
    proxy.close();
    assertThatThrownBy(proxy::pass).isInstanceOf(IllegalStateException.class);
  }

  /** Connects and makes one round trip, so the proxy has surely accepted the connection. */
  private Socket connect() throws IOException {
    Socket socket = connectOnly();
    send(socket, "!");
    assertThat(read(socket, 1)).isEqualTo("!");
    return socket;
  }

  private Socket connectOnly() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), 2_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String read(Socket socket, int length) throws IOException {
    socket.setSoTimeout(5_000);
    return new String(socket.getInputStream().readNBytes(length), US_ASCII);
  }

  private static boolean endOfStreamOrReset(Socket socket) throws IOException {
    return endOfStreamOrReset(socket, 0);
  }

  /** Reads until the connection ends, allowing {@code echoed} bytes that got through first. */
  private static boolean endOfStreamOrReset(Socket socket, int echoed) throws IOException {
    socket.setSoTimeout(5_000);
    InputStream in = socket.getInputStream();
    try {
      for (int i = 0; i <= echoed; i++) {
        if (in.read() < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketException e) {
      return true; // connection reset
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** Echoes every chunk back and records what it received, one accepted connection at a time. */
  private static final class EchoServer implements AutoCloseable {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ServerSocket server;
    private final Thread acceptor;

    EchoServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::serve, "echo-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread thread = new Thread(() -> echo(socket), "echo-connection");
          thread.setDaemon(true);
          thread.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void echo(Socket socket) {
      try (socket) {
        byte[] buffer = new byte[1024];
        int read;
        while ((read = socket.getInputStream().read(buffer)) >= 0) {
          received.add(new String(buffer, 0, read, US_ASCII));
          socket.getOutputStream().write(buffer, 0, read);
        }
      } catch (IOException e) {
        // the proxy cut the connection
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      // The kernel keeps listening until the thread blocked in accept() has left it, and a
      // connection made meanwhile is neither served nor refused: wait, so "down" means refused.
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
