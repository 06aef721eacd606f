package io.github.persistentassignment.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("InMemoryPersistentStorage, beyond the conformance kit")
class InMemoryPersistentStorageTest {
  static final StickyValues A = StickyValues.builder().groupName("A").build();
  static final StickyValues B = StickyValues.builder().groupName("B").build();

  @Nested
  @DisplayName("with a maximum number of entries")
  class Bounded {
    @Test
    @DisplayName("refuses a new entry once full, never evicting a stored assignment")
    void refusesWhenFull() {
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder().maximumEntries(2).build();
      storage.save("u1:userID", "exp1", A);
      storage.save("u2:userID", "exp1", A);
      assertThatThrownBy(() -> storage.save("u3:userID", "exp1", A))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("u3:userID")
          .hasMessageContaining("full (2 entries)");
      assertThatThrownBy(() -> storage.saveIfAbsent("u3:userID", "exp1", A))
          .isInstanceOf(StorageException.class);
      assertThat(storage.load("u1:userID").get("exp1")).contains(A);
      assertThat(storage.load("u3:userID").isEmpty()).isTrue();
      assertThat(storage.store().size()).isEqualTo(2);
    }

    @Test
    @DisplayName("still overwrites and deletes when full, and a delete frees a slot")
    void overwriteAndDeleteWhenFull() {
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder().maximumEntries(1).build();
      storage.save("u1:userID", "exp1", A);
      storage.save("u1:userID", "exp1", B);
      assertThat(storage.load("u1:userID").get("exp1")).contains(B);
      storage.delete("u1:userID", "exp1");
      storage.save("u2:userID", "exp1", A);
      assertThat(storage.store().size()).isEqualTo(1);
    }

    @Test
    @DisplayName("drops expired entries to make room")
    void expiredMakeRoom() {
      MutableClock clock = new MutableClock();
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder()
              .maximumEntries(1)
              .expireAfter(Duration.ofMinutes(1))
              .clock(clock)
              .build();
      storage.save("u1:userID", "exp1", A);
      clock.advance(Duration.ofMinutes(2));
      storage.save("u2:userID", "exp1", B);
      assertThat(storage.load("u2:userID").get("exp1")).contains(B);
      assertThat(storage.store().size()).isEqualTo(1);
    }

    @Test
    @DisplayName("rejects a bound below one")
    void badBound() {
      assertThatThrownBy(() -> InMemoryStore.bounded(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maximumEntries");
    }
  }

  @Nested
  @DisplayName("with a TTL")
  class Ttl {
    @Test
    @DisplayName("lets saveIfAbsent replace an expired entry")
    void saveIfAbsentAfterExpiry() {
      MutableClock clock = new MutableClock();
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder()
              .expireAfter(Duration.ofSeconds(10))
              .clock(clock)
              .build();
      assertThat(storage.saveIfAbsent("u1:userID", "exp1", A)).isEmpty();
      assertThat(storage.saveIfAbsent("u1:userID", "exp1", B)).contains(A);
      clock.advance(Duration.ofSeconds(11));
      assertThat(storage.saveIfAbsent("u1:userID", "exp1", B)).isEmpty();
      assertThat(storage.load("u1:userID").get("exp1")).contains(B);
    }

    @Test
    @DisplayName("reports each entry's expiry, dated by the builder's clock")
    void expiryOnTheBuildersClock() {
      MutableClock clock = new MutableClock();
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder()
              .expireAfter(Duration.ofSeconds(10))
              .clock(clock)
              .build();
      storage.save("u1:userID", "exp1", A);
      List<StoredEntry> seen = new ArrayList<>();
      storage.forEachEntry(seen::add);
      assertThat(seen)
          .containsExactly(
              new StoredEntry("u1:userID", "exp1", A, clock.instant().plusSeconds(10)));
    }
  }

  @Nested
  @DisplayName("its builder")
  class Building {
    @Test
    @DisplayName("is mutable: each setter returns the same builder")
    void mutable() {
      InMemoryPersistentStorage.Builder builder = InMemoryPersistentStorage.builder();
      assertThat(builder.expireAfter(Duration.ofDays(1))).isSameAs(builder);
      assertThat(builder.maximumEntries(10)).isSameAs(builder);
      assertThat(builder.clock(new MutableClock())).isSameAs(builder);
      assertThat(builder.maxValueBytes(1000)).isSameAs(builder);
      assertThat(builder.build().expireAfter()).contains(Duration.ofDays(1));
      assertThat(builder.build().store().maximumEntries()).isEqualTo(10);
    }

    @Test
    @DisplayName("checks the time to live at build, naming expireAfter")
    void badExpireAfter() {
      for (Duration ttl :
          List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(Long.MAX_VALUE))) {
        InMemoryPersistentStorage.Builder builder =
            InMemoryPersistentStorage.builder().expireAfter(ttl);
        assertThatThrownBy(builder::build)
            .as("expireAfter(%s)", ttl)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("expireAfter");
      }
      assertThat(InMemoryPersistentStorage.builder().expireAfter(null).build().expireAfter())
          .isEmpty();
    }

    @Test
    @DisplayName("checks maximumEntries and maxValueBytes at build, naming them")
    void badCounts() {
      assertThatThrownBy(() -> InMemoryPersistentStorage.builder().maximumEntries(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maximumEntries");
      assertThatThrownBy(() -> InMemoryPersistentStorage.builder().maxValueBytes(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes");
    }

    @Test
    @DisplayName("refuses a store and maximumEntries together")
    void storeAndMaximumEntries() {
      InMemoryPersistentStorage.Builder builder =
          InMemoryPersistentStorage.builder().store(InMemoryStore.unbounded()).maximumEntries(5);
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("store")
          .hasMessageContaining("maximumEntries");
    }

    @Test
    @DisplayName("applies maxValueBytes: a larger entry is refused and nothing is written")
    void maxValueBytes() {
      InMemoryPersistentStorage storage =
          InMemoryPersistentStorage.builder().maxValueBytes(300).build();
      StickyValues large = StickyValues.builder().groupName("g".repeat(400)).build();
      assertThatThrownBy(() -> storage.save("u1:userID", "exp1", large))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes");
      assertThat(storage.load("u1:userID").isEmpty()).isTrue();
      storage.save("u1:userID", "exp1", A);
      assertThat(storage.load("u1:userID").get("exp1")).contains(A);
    }
  }

  @Test
  @DisplayName("instances over one store share data; closing one leaves the other working")
  void sharedStore() {
    InMemoryStore store = InMemoryStore.unbounded();
    InMemoryPersistentStorage first = InMemoryPersistentStorage.builder().store(store).build();
    InMemoryPersistentStorage second = InMemoryPersistentStorage.builder().store(store).build();
    first.save("u1:userID", "exp1", A);
    first.close();
    assertThat(second.load("u1:userID").get("exp1")).contains(A);
    assertThatThrownBy(() -> first.load("u1:userID")).isInstanceOf(IllegalStateException.class);
  }
}
