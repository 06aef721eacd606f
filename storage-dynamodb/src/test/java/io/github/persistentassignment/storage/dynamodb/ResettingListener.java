package io.github.persistentassignment.storage.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that accepts every connection and resets it at once, counting them: each attempt
 * a client makes there fails with a broken connection, which the SDK retries, on a new connection.
 */
final class ResettingListener implements AutoCloseable {
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
        socket.setSoLinger(true, 0); // close with a reset
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
