package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Entries stop being returned after their time to live, measured from their last save. */
abstract class ExpiryScenarios extends ContractScenarios {

  ExpiryScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("an entry is returned before its time to live and not after")
  void expires() {
    Duration ttl = kit.ttlForTests();
    PersistentStorage expiring = expiring(ttl);
    expiring.save(key("alice"), CONFIG, Samples.simple("expiring"));
    assertEntries(
        expiring.load(key("alice")), Map.of(CONFIG, Samples.simple("expiring")), "just saved");
    kit.advanceTime(ttl.dividedBy(2));
    assertEntries(
        expiring.load(key("alice")),
        Map.of(CONFIG, Samples.simple("expiring")),
        "half the time to live later");
    kit.advanceTime(ttl.minus(ttl.dividedBy(2)).plus(margin(ttl)));
    assertEntries(expiring.load(key("alice")), Map.of(), "past the time to live");
    assertEntries(
        expiring.loadAll(List.of(key("alice"))).get(key("alice")),
        Map.of(),
        "loadAll past the time to live");
  }

  @Test
  @DisplayName("saving again restarts the time to live from that save")
  void saveRefreshes() {
    Duration ttl = kit.ttlForTests();
    Duration step = ttl.multipliedBy(3).dividedBy(5);
    PersistentStorage expiring = expiring(ttl);
    expiring.save(key("alice"), CONFIG, Samples.simple("first"));
    kit.advanceTime(step);
    expiring.save(key("alice"), CONFIG, Samples.simple("second"));
    kit.advanceTime(step);
    assertEntries(
        expiring.load(key("alice")),
        Map.of(CONFIG, Samples.simple("second")),
        "past the first save's time to live, within the second's");
    kit.advanceTime(ttl.minus(step).plus(margin(ttl)));
    assertEntries(expiring.load(key("alice")), Map.of(), "past the second save's time to live");
  }

  @Test
  @DisplayName("an expired entry counts as absent for saveIfAbsent")
  void expiredIsAbsent() {
    Duration ttl = kit.ttlForTests();
    PersistentStorage expiring = expiring(ttl);
    expiring.save(key("alice"), CONFIG, Samples.simple("expired"));
    kit.advanceTime(ttl.plus(margin(ttl)));
    assertThat(expiring.saveIfAbsent(key("alice"), CONFIG, Samples.simple("fresh")))
        .as("saveIfAbsent over an expired entry")
        .isEmpty();
    assertEntries(
        expiring.load(key("alice")), Map.of(CONFIG, Samples.simple("fresh")), "after saveIfAbsent");
  }
}
