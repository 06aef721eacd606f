package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StoredEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An entry's expiry travels with it: {@code forEachEntry} reports it in {@link
 * StoredEntry#expiresAt()} and {@code copyIfAbsent} keeps it, so a migration does not turn expiring
 * entries into permanent ones. A time to live out of range fails when the storage is built, not at
 * its first save. The tests that need expiry are skipped without {@code supportsTtl()}.
 */
abstract class EntryExpiryScenarios extends ContractScenarios {

  EntryExpiryScenarios(Kit kit) {
    super(kit);
  }

  /** What the kit allows between the expiry it expects and the one the backend reports. */
  private Duration tolerance() {
    return kit.expiryResolution().plusSeconds(1);
  }

  private void assertExpiresAt(
      StoredEntry entry, Instant earliest, Instant latest, String description) {
    assertThat(entry.expiresAt()).as("%s: expiresAt of %s", description, entry).isNotNull();
    assertThat(entry.expiresAt())
        .as("%s: expiresAt", description)
        .isBetween(earliest.minus(tolerance()), latest.plus(tolerance()));
  }

  private StoredEntry listedEntry(EnumerableStorage storage, String key, String config) {
    Map<String, StoredEntry> entries = listed(storage).get(key);
    assertThat(entries).as("entries of %s listed by forEachEntry", key).isNotNull();
    assertThat(entries).containsKey(config);
    return entries.get(config);
  }

  @Test
  @DisplayName("forEachEntry reports no expiry for an entry saved without a time to live")
  void noExpiryWithoutTtl() {
    EnumerableStorage storage = enumerable();
    storage.save(key("alice"), CONFIG, Samples.simple("forever"));
    assertThat(listedEntry(storage, key("alice"), CONFIG).expiresAt()).isNull();
  }

  @Test
  @DisplayName("forEachEntry reports an entry's expiry: the time of its save plus the time to live")
  void expiryIsReported() {
    Duration ttl = kit.ttlForTests();
    PersistentStorage expiring = expiring(ttl);
    EnumerableStorage enumerable = enumerable(expiring);
    Instant before = Instant.now();
    expiring.save(key("alice"), CONFIG, Samples.simple("expiring"));
    Instant after = Instant.now();
    assertExpiresAt(
        listedEntry(enumerable, key("alice"), CONFIG),
        before.plus(ttl),
        after.plus(ttl),
        "saved with a time to live of " + ttl);
  }

  @Test
  @DisplayName("copyIfAbsent into a missing entry writes it and returns empty")
  void copyIntoMissingEntry() {
    StoredEntry entry = new StoredEntry(key("alice"), CONFIG, Samples.everyField());
    assertThat(storage().copyIfAbsent(entry)).as("copyIfAbsent of a new entry").isEmpty();
    assertEntries(storage().load(key("alice")), Map.of(CONFIG, Samples.everyField()), "copied");
  }

  @Test
  @DisplayName(
      "copyIfAbsent of an entry already stored returns the stored values and writes nothing")
  void copyOverStoredEntry() {
    storage().save(key("alice"), CONFIG, Samples.simple("stored"));
    StoredEntry entry = new StoredEntry(key("alice"), CONFIG, Samples.simple("copied"));
    assertThat(storage().copyIfAbsent(entry)).contains(Samples.simple("stored"));
    assertEntries(storage().load(key("alice")), Map.of(CONFIG, Samples.simple("stored")), "alice");
  }

  @Test
  @DisplayName(
      "copyIfAbsent keeps the copied entry's expiry: present before it, absent after, and"
          + " reported by forEachEntry")
  void copyKeepsExpiry() {
    assumeTtl();
    Duration ttl = kit.ttlForTests();
    Instant expiresAt = Instant.now().plus(ttl);
    StoredEntry entry = new StoredEntry(key("alice"), CONFIG, Samples.simple("copied"), expiresAt);
    assertThat(storage().copyIfAbsent(entry)).as("copyIfAbsent of a new entry").isEmpty();
    if (storage() instanceof EnumerableStorage enumerable) {
      assertExpiresAt(listedEntry(enumerable, key("alice"), CONFIG), expiresAt, expiresAt, "copy");
    }
    advanceHalf(ttl);
    assertEntries(
        storage().load(key("alice")),
        Map.of(CONFIG, Samples.simple("copied")),
        "half the time to live later");
    // The tolerance too: the adapter's clock may run up to that much behind this one.
    kit.advanceTime(ttl.minus(ttl.dividedBy(2)).plus(margin(ttl)).plus(tolerance()));
    assertEntries(storage().load(key("alice")), Map.of(), "past the copied expiry");
  }

  @Test
  @DisplayName("copyIfAbsent over a stored entry leaves its expiry alone")
  void copyOverStoredEntryKeepsItsExpiry() {
    assumeTtl();
    Duration ttl = kit.ttlForTests();
    storage().save(key("alice"), CONFIG, Samples.simple("stored"));
    StoredEntry entry =
        new StoredEntry(key("alice"), CONFIG, Samples.simple("copied"), Instant.now().plus(ttl));
    assertThat(storage().copyIfAbsent(entry)).contains(Samples.simple("stored"));
    kit.advanceTime(ttl.plus(margin(ttl)).plus(tolerance()));
    assertEntries(
        storage().load(key("alice")),
        Map.of(CONFIG, Samples.simple("stored")),
        "past the expiry of the entry that was not copied");
  }

  @Test
  @DisplayName(
      "a time to live out of range (zero, negative, Long.MAX_VALUE seconds) fails at build with an"
          + " IllegalArgumentException naming expireAfter")
  void outOfRangeTtlFailsAtBuild() {
    assumeTtl();
    for (Duration ttl :
        new Duration[] {
          Duration.ofSeconds(Long.MAX_VALUE), Duration.ZERO, Duration.ofSeconds(-1)
        }) {
      assertThatThrownBy(() -> kit.newStorageWithTtl(ttl))
          .as("createStorageWithTtl(%s)", ttl)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expireAfter");
    }
  }

  private void advanceHalf(Duration ttl) {
    kit.advanceTime(ttl.dividedBy(2));
  }
}
