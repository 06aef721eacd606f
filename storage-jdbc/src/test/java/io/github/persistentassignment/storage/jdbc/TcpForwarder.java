package io.github.persistentassignment.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP forwarder in front of a real server, so a test can cut the network path (every
 * open connection and the listening port) and restore it on the same port, without touching the
 * server itself.
 */
final class TcpForwarder implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new ArrayList<>();
  private int port;
  private ServerSocket server;

  TcpForwarder(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  int port() {
    return port;
  }

  /** Listens (on a free port the first time, on the same port afterwards) and forwards. */
  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = socket.getLocalPort();
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "forwarder-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        synchronized (this) {
          sockets.add(client);
          sockets.add(upstream);
        }
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // closed by stop(), or the target refused: the client sees its connection drop
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "forwarder-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops listening and cuts every forwarded connection. */
  synchronized void stop() {
    closeQuietly(server);
    sockets.forEach(TcpForwarder::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // already closed
    }
  }
}
