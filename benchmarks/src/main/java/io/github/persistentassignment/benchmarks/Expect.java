package io.github.persistentassignment.benchmarks;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import java.util.List;
import java.util.Map;

/**
 * The checks each side of a read benchmark makes on what it read, so that a broken setup fails the
 * run rather than measures something else. Ours asks for the entries through {@code get}, which is
 * also what makes it decode them.
 */
final class Expect {
  private Expect() {}

  /** Ours: asks for the entries a request uses, so that they are decoded, and checks them. */
  static UserPersistedValues used(
      String backend, UserPersistedValues values, List<String> configs) {
    for (String config : configs) {
      if (values.get(config).isEmpty()) {
        throw new IllegalStateException("the seeded user has no " + config + " on " + backend);
      }
    }
    return values;
  }

  /** Either side's decoded entries: all the configs asked for, found and decoded. */
  static Map<String, StickyValues> decoded(
      String backend, Map<String, StickyValues> decoded, List<String> configs) {
    if (decoded.size() != configs.size()) {
      throw new IllegalStateException(
          "expected " + configs + " on " + backend + ", got " + decoded.keySet());
    }
    return decoded;
  }

  /** A bulk read's users: as many as were asked for. */
  static <V> Map<String, V> users(int expected, Map<String, V> users) {
    if (users.size() != expected) {
      throw new IllegalStateException("loadAll returned " + users.size() + " users");
    }
    return users;
  }
}
