package io.github.persistentassignment.storage.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that accepts every connection, reads the request's headers and resets it,
 * counting connections: each attempt a client makes there fails with a broken connection, which the
 * SDK retries, on a new connection.
 *
 * <p>It waits for the headers because the JDK's HttpURLConnection itself sends a request again,
 * once, on a new connection when writing its headers fails: a reset before them would count that
 * too.
 */
final class ResettingListener implements AutoCloseable {
  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

  private final ServerSocket listener;
  private final AtomicInteger accepted = new AtomicInteger();

  private ResettingListener(ServerSocket listener) {
    this.listener = listener;
  }

  static ResettingListener start() throws IOException {
    ResettingListener resetting =
        new ResettingListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread thread = new Thread(resetting::acceptLoop, "resetting-listener");
    thread.setDaemon(true);
    thread.start();
    return resetting;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted (and reset) so far. */
  int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        accepted.incrementAndGet();
        readHeaders(socket);
        socket.setSoLinger(true, 0); // close with a reset
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  /** Reads up to the blank line that ends a request's headers, or the end of the stream. */
  private static void readHeaders(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    InputStream in = socket.getInputStream();
    int matched = 0; // how much of CR LF CR LF has been read in a row
    for (int b = in.read(); b >= 0; b = in.read()) {
      matched = b == END_OF_HEADERS[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == END_OF_HEADERS.length) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
