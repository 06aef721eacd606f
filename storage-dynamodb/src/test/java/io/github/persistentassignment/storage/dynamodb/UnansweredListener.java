package io.github.persistentassignment.storage.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A loopback port where a TCP connect neither succeeds nor fails: a listener that never accepts,
 * whose accept queue is filled first, so the kernel drops further SYNs as a partitioned network
 * does (the proxy's black hole accepts connections and then holds their bytes, which is another
 * fault). Linux drops them unless {@code net.ipv4.tcp_abort_on_overflow} is set; where a connect is
 * refused instead, the test using this is skipped.
 */
final class UnansweredListener implements AutoCloseable {
  private static final int MAX_FILLERS = 64;

  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  private UnansweredListener(ServerSocket listener) {
    this.listener = listener;
  }

  static UnansweredListener start() throws IOException {
    UnansweredListener unanswered =
        new UnansweredListener(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    try {
      unanswered.fill();
    } catch (IOException | RuntimeException e) {
      unanswered.close();
      throw e;
    }
    return unanswered;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connects until a connect times out: from then on, the queue is full and SYNs are dropped. */
  private void fill() throws IOException {
    for (int i = 0; i < MAX_FILLERS; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(listener.getLocalSocketAddress(), 200);
        fillers.add(socket);
      } catch (SocketTimeoutException e) {
        socket.close();
        return;
      } catch (IOException e) {
        socket.close();
        Assumptions.abort("this kernel refuses connections to a full listener (" + e + ")");
      }
    }
    Assumptions.abort("the listener's accept queue never filled after " + MAX_FILLERS);
  }

  @Override
  public void close() throws IOException {
    for (Socket socket : fillers) {
      socket.close();
    }
    listener.close();
  }
}
