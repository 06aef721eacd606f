package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import com.statsig.sdk.StatsigUser;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.List;
import java.util.Map;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StatsigPersistentStorage and the persisted-values helpers")
class StatsigPersistentStorageTest {
  private static final StickyValues CONTROL =
      StickyValues.builder()
          .value(true)
          .jsonValue(Map.of("color", "blue"))
          .ruleId("rule_control")
          .groupName("Control")
          .time(1_700_000_000_000L)
          .configVersion(4)
          .build();

  private final PersistentStorage storage = InMemoryPersistentStorage.create();
  private final StatsigPersistentStorage adapter = StatsigPersistentStorage.of(storage);

  @AfterEach
  void close() {
    storage.close();
  }

  /** The SDK's suspend functions take one; a storage that never suspends never calls it. */
  private static final Continuation<Object> UNUSED =
      new Continuation<>() {
        @Override
        public CoroutineContext getContext() {
          return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
          throw new AssertionError("a non-suspending load never resumes");
        }
      };

  @Test
  @DisplayName("both load overloads return the key's entries directly, converted")
  void loadsReturnTheMap() {
    storage.save("alice:userID", "sticky_exp", CONTROL);
    storage.save("alice:userID", "other_exp", CONTROL.toBuilder().groupName("Test").build());

    Object all = adapter.load("alice:userID", UNUSED);
    Object filtered = adapter.load("alice:userID", List.of("sticky_exp"), UNUSED);

    assertThat(all).isInstanceOf(Map.class);
    assertThat(filtered).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, com.statsig.sdk.persistent_storage.StickyValues> map =
        (Map<String, com.statsig.sdk.persistent_storage.StickyValues>) all;
    assertThat(map).containsOnlyKeys("sticky_exp", "other_exp");
    assertThat(map.get("sticky_exp").getGroupName()).isEqualTo("Control");
    assertThat(adapter.load("nobody:userID", UNUSED)).isEqualTo(Map.of());
  }

  @Test
  @DisplayName("save writes the first entry and never replaces one, so core's version survives")
  void saveNeverReplaces() {
    adapter.save(
        "bob:userID",
        "sticky_exp",
        StatsigStickyValues.toStatsig(CONTROL.toBuilder().configVersion(null).build()));
    assertThat(storage.load("bob:userID").get("sticky_exp"))
        .hasValueSatisfying(v -> assertThat(v.groupName()).isEqualTo("Control"));

    storage.save("alice:userID", "sticky_exp", CONTROL);
    adapter.save(
        "alice:userID",
        "sticky_exp",
        StatsigStickyValues.toStatsig(CONTROL.toBuilder().groupName("Test").build()));
    assertThat(storage.load("alice:userID").get("sticky_exp")).contains(CONTROL);
  }

  @Test
  @DisplayName("delete removes one entry")
  void deleteRemovesOneEntry() {
    storage.save("alice:userID", "sticky_exp", CONTROL);
    storage.save("alice:userID", "other_exp", CONTROL);
    adapter.delete("alice:userID", "sticky_exp");
    assertThat(storage.load("alice:userID").asMap()).containsOnlyKeys("other_exp");
  }

  @Test
  @DisplayName("storage keys follow the SDK: userID ignoring case, else the custom ID")
  void storageKeys() {
    StatsigUser user = new StatsigUser("u1", Map.of("companyID", "c1", "teamid", "t1"));
    assertThat(StatsigPersistedValues.storageKey(user, "userID")).contains("u1:userID");
    assertThat(StatsigPersistedValues.storageKey(user, "UserId")).contains("u1:UserId");
    assertThat(StatsigPersistedValues.storageKey(user, "companyID")).contains("c1:companyID");
    assertThat(StatsigPersistedValues.storageKey(user, "teamID")).contains("t1:teamID");
    assertThat(StatsigPersistedValues.storageKey(user, "stableID")).isEmpty();
    assertThat(StatsigPersistedValues.storageKey(new StatsigUser(Map.of("a", "b")), "userID"))
        .isEmpty();
  }

  @Test
  @DisplayName("the persisted-values map is keyed by storage key, then config name")
  void persistedValuesShape() {
    storage.save("alice:userID", "sticky_exp", CONTROL);

    var persisted = adapter.persistedValues(new StatsigUser("alice"), "userID");
    assertThat(persisted).containsOnlyKeys("alice:userID");
    assertThat(persisted.get("alice:userID")).containsOnlyKeys("sticky_exp");
    assertThat(persisted.get("alice:userID").get("sticky_exp").getRuleID())
        .isEqualTo("rule_control");

    var fromLoadAll =
        StatsigPersistedValues.of(storage.loadAll(List.of("alice:userID", "bob:userID")));
    assertThat(fromLoadAll.get("alice:userID")).containsOnlyKeys("sticky_exp");
    assertThat(fromLoadAll.getOrDefault("bob:userID", Map.of())).isEmpty();
    assertThat(StatsigPersistedValues.toStatsig(UserPersistedValues.empty())).isEmpty();
  }
}
