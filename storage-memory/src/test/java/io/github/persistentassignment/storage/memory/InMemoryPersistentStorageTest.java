package io.github.persistentassignment.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
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
    @DisplayName("rejects a zero or negative TTL")
    void badTtl() {
      assertThatThrownBy(() -> InMemoryPersistentStorage.builder().expireAfter(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl");
      assertThatThrownBy(
              () -> InMemoryPersistentStorage.builder().expireAfter(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
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
