package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("loadAll's bounded concurrent queries")
class ConcurrentQueriesTest {

  private static List<String> keys(int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add("k" + i);
    }
    return keys;
  }

  @Test
  @DisplayName("runs every key once, never more than the limit at a time, and uses the limit")
  void boundsInFlight() {
    ConcurrentQueries queries = new ConcurrentQueries(4, "t");
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    try {
      Map<String, UserPersistedValues> result =
          queries.run(
              keys(40),
              key -> {
                calls.incrementAndGet();
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return UserPersistedValues.empty();
              });
      assertThat(result).hasSize(40);
      assertThat(calls).hasValue(40);
      assertThat(peak.get()).isBetween(2, 4);
    } finally {
      queries.close();
    }
  }

  @Test
  @DisplayName("a failing query fails the call")
  void failurePropagates() {
    ConcurrentQueries queries = new ConcurrentQueries(3, "t");
    try {
      assertThatThrownBy(
              () ->
                  queries.run(
                      keys(20),
                      key -> {
                        if (key.equals("k7")) {
                          throw new StorageException("load failed for key 'k7': boom");
                        }
                        return UserPersistedValues.empty();
                      }))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("k7");
    } finally {
      queries.close();
    }
  }

  @Test
  @DisplayName("a query failing on a pool thread stops the caller starting more")
  void helperFailureStopsTheCaller() {
    ConcurrentQueries queries = new ConcurrentQueries(2, "t");
    Thread caller = Thread.currentThread();
    AtomicInteger callerQueries = new AtomicInteger();
    try {
      assertThatThrownBy(
              () ->
                  queries.run(
                      keys(100),
                      key -> {
                        if (Thread.currentThread() != caller) {
                          throw new StorageException("load failed for key '" + key + "': boom");
                        }
                        callerQueries.incrementAndGet();
                        try {
                          Thread.sleep(20); // 100 keys alone would take the caller 2 s
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return UserPersistedValues.empty();
                      }))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("boom");
      assertThat(callerQueries.get()).as("queries the caller ran").isLessThan(50);
    } finally {
      queries.close();
    }
  }

  @Test
  @DisplayName("a limit of one runs everything on the calling thread")
  void limitOfOne() {
    ConcurrentQueries queries = new ConcurrentQueries(1, "t");
    Thread caller = Thread.currentThread();
    try {
      queries.run(
          keys(5),
          key -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return UserPersistedValues.empty();
          });
    } finally {
      queries.close();
    }
  }
}
