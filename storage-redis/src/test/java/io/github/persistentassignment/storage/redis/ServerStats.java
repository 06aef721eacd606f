package io.github.persistentassignment.storage.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What a set of Redis servers executed between two moments, from their own statistics ({@code INFO
 * commandstats} and {@code INFO stats}), as deltas, so it works on a shared server without
 * resetting anything. The INFO calls that take the snapshots are left out of the counts.
 */
final class ServerStats implements AutoCloseable {
  private final List<Jedis> connections = new ArrayList<>();

  ServerStats(List<HostAndPort> nodes) {
    nodes.forEach(node -> connections.add(new Jedis(node, LocalRedis.clientConfig())));
  }

  /** Runs the action and returns, per node, what that node executed meanwhile. */
  List<Delta> measure(Runnable action) {
    List<Snapshot> before = snapshot();
    action.run();
    List<Snapshot> after = snapshot();
    List<Delta> deltas = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      deltas.add(after.get(i).minus(before.get(i)));
    }
    return deltas;
  }

  /** The counts summed over all nodes. */
  static Delta total(List<Delta> deltas) {
    Map<String, Long> calls = new TreeMap<>();
    long reads = 0;
    for (Delta delta : deltas) {
      delta.calls().forEach((command, count) -> calls.merge(command, count, Long::sum));
      reads += delta.reads();
    }
    return new Delta(calls, reads);
  }

  private List<Snapshot> snapshot() {
    return connections.stream().map(ServerStats::snapshot).toList();
  }

  private static Snapshot snapshot(Jedis jedis) {
    Map<String, Long> calls = new TreeMap<>();
    long reads = 0;
    for (String line : jedis.info("all").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String command = line.substring("cmdstat_".length(), line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
        calls.put(command, Long.parseLong(count));
      } else if (line.startsWith("total_reads_processed:")) {
        reads = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return new Snapshot(calls, reads);
  }

  @Override
  public void close() {
    connections.forEach(Jedis::close);
  }

  private record Snapshot(Map<String, Long> calls, long reads) {
    Delta minus(Snapshot earlier) {
      Map<String, Long> delta = new TreeMap<>();
      calls.forEach(
          (command, count) -> {
            long difference = count - earlier.calls.getOrDefault(command, 0L);
            if (difference != 0 && !command.equals("info")) {
              delta.put(command, difference);
            }
          });
      // The second snapshot's INFO was itself one read from the client.
      return new Delta(delta, reads - earlier.reads - 1);
    }
  }

  /**
   * What one node (or all, {@link #total}) executed.
   *
   * @param calls command name → times executed, including commands a Lua script ran
   * @param reads requests read from clients: one per round trip, however many commands it carried
   */
  record Delta(Map<String, Long> calls, long reads) {
    long calls(String command) {
      return calls.getOrDefault(command, 0L);
    }

    @Override
    public String toString() {
      return calls + " in " + reads + " request read(s)";
    }
  }
}
