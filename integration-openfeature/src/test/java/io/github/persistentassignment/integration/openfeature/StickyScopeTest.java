package io.github.persistentassignment.integration.openfeature;

import static io.github.persistentassignment.integration.openfeature.StickyScenarios.colors;
import static io.github.persistentassignment.integration.openfeature.StickyScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openfeature.sdk.EvaluationContext;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Loads per evaluation and per scope")
class StickyScopeTest {
  private final CountingStorage storage = new CountingStorage(InMemoryPersistentStorage.create());

  private OpenFeatureFixture start() {
    return OpenFeatureFixture.start(
        storage,
        Map.of(
            "a", colors("blue", "1", "2"),
            "b", colors("blue", "3", "4"),
            "c", colors("green", "5", "6"),
            "plain", colors("blue", "7", "8")),
        builder -> builder.stickyFlags("a", "b", "c"));
  }

  @Test
  @DisplayName("outside a scope each sticky evaluation loads once, a non-sticky one never")
  void oneLoadPerStickyEvaluation() {
    try (OpenFeatureFixture of = start()) {
      EvaluationContext alice = user("alice");
      of.client.getStringValue("a", "", alice);
      of.client.getStringValue("b", "", alice);
      of.client.getStringValue("plain", "", alice);
      assertThat(storage.loads.get()).isEqualTo(2);
      assertThat(storage.writes.get()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("inside a scope a user's entries are loaded once and its own saves are seen")
  @SuppressWarnings("try") // the scopes work by being open
  void oneLoadPerScope() {
    try (OpenFeatureFixture of = start()) {
      EvaluationContext alice = user("alice");
      of.client.getStringValue("a", "", alice);
      storage.loads.set(0);
      storage.writes.set(0);
      try (StickyScope scope = of.sticky.openScope()) {
        assertThat(of.client.getStringValue("a", "", alice)).isEqualTo("1");
        assertThat(of.client.getStringValue("b", "", alice)).isEqualTo("3");
        assertThat(of.client.getStringValue("c", "", alice)).isEqualTo("6");
        assertThat(of.client.getStringDetails("b", "", alice).getReason()).isEqualTo("CACHED");
        try (StickyScope joined = of.sticky.openScope()) {
          of.client.getStringValue("a", "", alice);
        }
        of.client.getStringValue("c", "", alice);
        of.client.getStringValue("a", "", user("bob"));
      }
      assertThat(storage.loads.get()).as("alice once, bob once").isEqualTo(2);
      assertThat(storage.writes.get()).as("b, c and bob's a saved once each").isEqualTo(3);
      of.client.getStringValue("a", "", alice);
      assertThat(storage.loads.get()).as("after the scope, loads again").isEqualTo(3);
    }
  }

  @Test
  @DisplayName("a scope is closed on the thread that opened it")
  void scopeIsPerThread() throws Exception {
    try (OpenFeatureFixture of = start()) {
      StickyScope scope = of.sticky.openScope();
      assertThatThrownBy(() -> CompletableFuture.runAsync(scope::close).join())
          .hasCauseInstanceOf(IllegalStateException.class);
      scope.close();
      scope.close();
    }
  }
}
