package io.github.persistentassignment.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.logcapture.CapturedLogs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The rules core applies for every adapter built on the base classes. */
class AbstractPersistentStorageTest {
  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static StickyValues values(String group) {
    return StickyValues.builder().value(true).groupName(group).time(1L).build();
  }

  @Nested
  @DisplayName("arguments and lifecycle")
  class ArgumentsAndLifecycle {
    @Test
    @DisplayName(
        "a bad argument is an IllegalArgumentException naming it, and nothing reaches the raw operations")
    void badArguments() {
      MapStorage storage = new MapStorage();
      assertThatThrownBy(() -> storage.save(" ", "c", values("a"))).hasMessageContaining("key");
      assertThatThrownBy(() -> storage.saveIfAbsent("k", null, values("a")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("configName");
      assertThatThrownBy(() -> storage.deleteAll(null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.loadAll(Arrays.asList("k", null)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.copyIfAbsent(null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.purge("")).isInstanceOf(IllegalArgumentException.class);
      assertThat(storage.calls).isEmpty();
    }

    @Test
    @DisplayName("after close every operation is an IllegalStateException; close releases once")
    void closing() {
      MapStorage storage = new MapStorage();
      storage.close();
      storage.close();
      assertThat(storage.closings).hasValue(1);
      assertThatThrownBy(() -> storage.load("k"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("MapStorage is closed");
      assertThatThrownBy(() -> storage.deleteAll("k")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> storage.forEachEntry(e -> {}))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> storage.purge("c")).isInstanceOf(IllegalStateException.class);
      assertThat(storage.calls).isEmpty();
    }

    @Test
    @DisplayName("settings out of range fail when the storage is built, naming the setting")
    void settings() {
      assertThatThrownBy(() -> new MapStorage(CLOCK, Duration.ofSeconds(Long.MAX_VALUE), 10))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expireAfter")
          .hasMessageContaining("36500 days");
      assertThatThrownBy(() -> new MapStorage(CLOCK, Duration.ZERO, 10))
          .hasMessageContaining("expireAfter");
      assertThatThrownBy(() -> new MapStorage(CLOCK, null, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes");
    }
  }

  @Nested
  @DisplayName("the corrupt-entry and retried-write rules")
  class Rules {
    @Test
    @DisplayName(
        "saveIfAbsent over a corrupt entry replaces it, reports a write and logs without the key")
    void corruptIsReplaced() {
      MapStorage storage = new MapStorage();
      storage.put("alice:userID", "exp", "{not json");
      try (CapturedLogs logs = CapturedLogs.capture()) {
        assertThat(storage.saveIfAbsent("alice:userID", "exp", values("b"))).isEmpty();
        assertThat(logs.textAt(Level.WARN)).contains("Replacing").doesNotContain("alice");
      }
      assertThat(storage.load("alice:userID").get("exp")).contains(values("b"));
      assertThat(storage.calls)
          .containsExactly("saveEncodedIfAbsent", "replaceEncoded", "loadEncoded");
    }

    @Test
    @DisplayName("a good entry stored by another writer during the repair wins")
    void lostRepairRace() {
      MapStorage storage = new MapStorage();
      storage.put("k", "exp", "[1]");
      String theirs = StickyValuesCodec.encode(values("theirs"));
      storage.beforeReplace.add(() -> storage.put("k", "exp", theirs));
      assertThat(storage.saveIfAbsent("k", "exp", values("mine"))).contains(values("theirs"));
      assertThat(storage.get("k", "exp").json()).isEqualTo(theirs);
    }

    @Test
    @DisplayName(
        "an entry equal to the values being saved counts as this call's write (a retried write)")
    void retriedWrite() {
      MapStorage storage = new MapStorage();
      storage.save("k", "exp", values("a"));
      assertThat(storage.saveIfAbsent("k", "exp", values("a")))
          .as("an adapter that never retries reports an equal entry as stored")
          .contains(values("a"));
      storage.retries = true;
      assertThat(storage.saveIfAbsent("k", "exp", values("a"))).isEmpty();
      assertThat(storage.saveIfAbsent("k", "exp", values("b"))).contains(values("a"));
    }

    @Test
    @DisplayName("save overwrites a corrupt entry and load skips one")
    void saveAndLoad() {
      MapStorage storage = new MapStorage();
      storage.put("k", "bad", "\"text\"");
      storage.save("k", "good", values("g"));
      assertThat(storage.load("k").asMap()).containsOnlyKeys("good");
      storage.save("k", "bad", values("fixed"));
      assertThat(storage.load("k").get("bad")).contains(values("fixed"));
    }

    @Test
    @DisplayName("values larger than maxValueBytes are refused before anything is written")
    void tooLarge() {
      MapStorage storage = new MapStorage(CLOCK, null, 40);
      StickyValues large =
          StickyValues.builder().value(true).groupName("x".repeat(100)).time(1L).build();
      assertThatThrownBy(() -> storage.save("k", "exp", large))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes (40)")
          .hasMessageContaining("nothing was written");
      assertThat(storage.calls).isEmpty();
    }
  }

  @Nested
  @DisplayName("expiry")
  class Expiry {
    @Test
    @DisplayName("each write expires expireAfter after now on the storage's clock")
    void expiresAt() {
      MapStorage storage = new MapStorage(CLOCK, Duration.ofDays(30), 1000);
      storage.save("k", "a", values("a"));
      storage.saveIfAbsent("k", "b", values("b"));
      assertThat(storage.get("k", "a").expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
      assertThat(storage.get("k", "b").expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
      assertThat(storage.expireAfter()).contains(Duration.ofDays(30));
      assertThat(new MapStorage().expireAfter()).isEmpty();
    }

    @Test
    @DisplayName("copyIfAbsent keeps the entry's expiry; an entry without one gets the storage's")
    void copyKeepsExpiry() {
      MapStorage storage = new MapStorage(CLOCK, Duration.ofDays(30), 1000);
      Instant theirs = NOW.plusSeconds(60);
      assertThat(storage.copyIfAbsent(new StoredEntry("k", "a", values("a"), theirs))).isEmpty();
      assertThat(storage.copyIfAbsent(new StoredEntry("k", "b", values("b")))).isEmpty();
      assertThat(storage.get("k", "a").expiresAt()).isEqualTo(theirs);
      assertThat(storage.get("k", "b").expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
      assertThat(storage.copyIfAbsent(new StoredEntry("k", "a", values("other"), theirs)))
          .contains(values("a"));
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("a backend failure becomes a StorageException naming the operation and the key")
    void wrapped() {
      MapStorage storage = new MapStorage();
      storage.failure = new RuntimeException("connection refused");
      assertThatThrownBy(() -> storage.deleteAll("alice:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessage("deleteAll failed for key 'alice:userID': connection refused")
          .hasCauseReference(storage.failure);
    }

    @Test
    @DisplayName("a huge key with control characters gives a short message on one line")
    void hostileKey() {
      MapStorage storage = new MapStorage();
      storage.failure = new RuntimeException("driver says\n" + "x".repeat(100_000));
      String key = "\u0000evil\r\n\u001b[31m" + "k".repeat(100_000) + ":userID";
      assertThatThrownBy(() -> storage.load(key))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.getMessage().length()).isLessThan(900);
                assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty();
                assertThat(e.getMessage())
                    .startsWith("load failed for key '\\u0000evil\\r\\n\\u001b[31mkkk")
                    .contains("(" + key.length() + " characters)")
                    .contains("driver says\\n");
              });
    }

    @Test
    @DisplayName("argument and state exceptions of an adapter pass unchanged")
    void notWrapped() {
      MapStorage storage = new MapStorage();
      storage.failure = new IllegalStateException("pool closed");
      assertThatThrownBy(() -> storage.load("k")).isSameAs(storage.failure);
    }
  }

  @Nested
  @DisplayName("loading many keys")
  class LoadAll {
    @Test
    @DisplayName("duplicates are read once, one key goes through load, missing keys are empty")
    void loadAll() {
      MapStorage storage = new MapStorage();
      storage.save("a", "exp", values("a"));
      assertThat(storage.loadAll(List.of("a", "a")).get("a").get("exp")).contains(values("a"));
      assertThat(storage.loadAll(List.of("a", "b", "a")))
          .containsOnlyKeys("a", "b")
          .satisfies(result -> assertThat(result.get("b").asMap()).isEmpty());
      assertThat(storage.loadAll(List.of())).isEmpty();
      assertThat(storage.calls)
          .containsExactly("saveEncoded", "loadEncoded", "loadAllEncoded[a, b]");
    }
  }

  @Nested
  @DisplayName("enumeration and purge")
  class Enumeration {
    @Test
    @DisplayName("forEachEntry decodes, skips a corrupt entry and carries the expiry")
    void forEachEntry() {
      MapStorage storage = new MapStorage(CLOCK, Duration.ofMinutes(1), 1000);
      storage.save("k", "good", values("g"));
      storage.put("k", "bad", "{");
      List<StoredEntry> seen = new ArrayList<>();
      storage.forEachEntry(seen::add);
      assertThat(seen)
          .containsExactly(new StoredEntry("k", "good", values("g"), NOW.plusSeconds(60)));
    }

    @Test
    @DisplayName("an exception of the caller's action propagates as it was thrown")
    void actionFailure() {
      MapStorage storage = new MapStorage();
      storage.save("k", "good", values("g"));
      RuntimeException stop = new IllegalStateException("stop");
      assertThatThrownBy(
              () ->
                  storage.forEachEntry(
                      e -> {
                        throw stop;
                      }))
          .isSameAs(stop);
      RuntimeException other = new RuntimeException("stop");
      assertThatThrownBy(
              () ->
                  storage.forEachEntry(
                      e -> {
                        throw other;
                      }))
          .isSameAs(other);
    }

    @Test
    @DisplayName("purge and deleteAll reach their raw operation once")
    void purgeAndDeleteAll() {
      MapStorage storage = new MapStorage();
      storage.save("a", "exp", values("a"));
      storage.save("b", "exp", values("b"));
      storage.save("b", "other", values("o"));
      assertThat(storage.purge("exp")).isEqualTo(2);
      storage.deleteAll("b");
      assertThat(storage.data.get("b")).isNull();
      assertThat(storage.calls).endsWith("purgeEncoded", "deleteAllEncoded");
      assertThat(storage.loadAll(List.of("a", "b")).values())
          .allSatisfy(loaded -> assertThat(loaded.asMap()).isEqualTo(Map.of()));
      assertThat(Optional.ofNullable(storage.get("a", "exp"))).isEmpty();
    }
  }
}
