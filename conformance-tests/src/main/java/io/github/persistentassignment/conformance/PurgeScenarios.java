package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code purge(configName)} of an {@link EnumerableStorage}: a stopped experiment's entries go for
 * every user, and nothing else does. Skipped for an adapter that is not enumerable. The config
 * names are unique to the test, since the backend's namespace may hold other tests' entries.
 */
abstract class PurgeScenarios extends ContractScenarios {

  PurgeScenarios(Kit kit) {
    super(kit);
  }

  /** A config name with wildcard characters of SQL LIKE, Redis patterns and regular expressions. */
  private String stopped() {
    return key("stop_ped*%.");
  }

  /** Config names a purge that matches loosely would take along. */
  private List<String> lookAlikesOf(String config) {
    return List.of(
        config + ":",
        config + "-2",
        config.substring(0, config.length() - 1),
        config.toUpperCase(Locale.ROOT),
        config.replace('_', 'X'),
        config.replace("%", "%tail"),
        config.replace('.', 'Y'));
  }

  @Test
  @DisplayName(
      "purge removes the config's entries for every key, returns how many, and leaves every other"
          + " config alone, look-alike names included")
  void removesOneConfigEverywhere() {
    EnumerableStorage storage = enumerable();
    String stopped = stopped();
    List<String> others = lookAlikesOf(stopped);
    for (String user : List.of("alice", "bob", "carol")) {
      storage.save(key(user), stopped, Samples.simple(user + " stopped"));
    }
    for (String user : List.of("alice", "dave")) {
      for (String other : others) {
        storage.save(key(user), other, Samples.simple(user + " " + other));
      }
    }

    assertThat(storage.purge(stopped)).as("purge(%s) on three keys", stopped).isEqualTo(3);

    for (String user : List.of("bob", "carol")) {
      assertEntries(storage.load(key(user)), Map.of(), user + " after purge");
    }
    for (String user : List.of("alice", "dave")) {
      Map<String, StickyValues> kept = new java.util.LinkedHashMap<>();
      others.forEach(other -> kept.put(other, Samples.simple(user + " " + other)));
      assertEntries(storage.load(key(user)), kept, user + " after purge");
      assertEntries(newStorage().load(key(user)), kept, user + " after purge, second instance");
    }
    assertThat(storage.purge(stopped)).as("purging the same config again").isZero();
  }

  @Test
  @DisplayName("purging a config that has no entries returns 0 and removes nothing")
  void purgeOfNothing() {
    EnumerableStorage storage = enumerable();
    storage.save(key("alice"), key("running"), Samples.simple("running"));
    assertThat(storage.purge(key("never-stored"))).isZero();
    assertEntries(
        storage.load(key("alice")), Map.of(key("running"), Samples.simple("running")), "alice");
  }
}
