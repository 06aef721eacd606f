package io.github.persistentassignment.integration.openfeature;

import static io.github.persistentassignment.integration.openfeature.StickyScenarios.FLAG;
import static io.github.persistentassignment.integration.openfeature.StickyScenarios.colors;
import static io.github.persistentassignment.integration.openfeature.StickyScenarios.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.providers.memory.Flag;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sticky provider settings and the resolutions it does not store")
class StickySettingsTest {
  private final PersistentStorage storage = InMemoryPersistentStorage.create();

  @Test
  @DisplayName("a custom sticky reason, the clock's time on the entry, a custom opt-out attribute")
  void customSettings() {
    Instant now = Instant.parse("2026-12-03T08:00:00Z");
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            storage,
            Map.of(FLAG, colors("blue", "#00f", "#0f0")),
            b ->
                b.stickyFlags(FLAG)
                    .stickyReason("STICKY")
                    .clock(Clock.fixed(now, ZoneOffset.UTC))
                    .optOutAttribute("noSticky"))) {
      of.client.getStringValue(FLAG, "none", user("alice"));
      assertThat(of.client.getStringDetails(FLAG, "none", user("alice")).getReason())
          .isEqualTo("STICKY");
      assertThat(storage.load("alice:targetingKey").get(FLAG).orElseThrow().time())
          .isEqualTo(now.toEpochMilli());

      of.client.getStringValue(
          FLAG, "none", new ImmutableContext("alice", Map.of("noSticky", new Value("true"))));
      assertThat(storage.load("alice:targetingKey").get(FLAG)).isEmpty();
    }
  }

  @Test
  @DisplayName("metadata saying sticky as text, and an integer unit ID attribute")
  void textMetadataAndIntegerUnitId() {
    Flag<String> marked =
        Flag.<String>builder()
            .variant("blue", "#00f")
            .defaultVariant("blue")
            .flagMetadata(ImmutableMetadata.builder().addString("sticky", "true").build())
            .build();
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            storage,
            Map.of("marked", marked),
            b -> b.stickyMetadataKey("sticky").unitIdFrom("accountId", "accountID"))) {
      of.client.getStringValue(
          "marked", "none", new ImmutableContext(Map.of("accountId", new Value(42))));
      assertThat(storage.load("42:accountID").get("marked")).isPresent();
    }
  }

  @Test
  @DisplayName("an entry stored with another type is left alone and the flag served live")
  void storedEntryOfAnotherType() {
    StickyValues text =
        StickyValues.builder().groupName("blue").jsonValue(Map.of("value", "#00f")).build();
    storage.save("alice:targetingKey", FLAG, text);
    Flag<Boolean> nowBoolean =
        Flag.<Boolean>builder().variant("on", true).defaultVariant("on").build();
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(storage, Map.of(FLAG, nowBoolean), b -> b.stickyFlags(FLAG))) {
      FlagEvaluationDetails<Boolean> details =
          of.client.getBooleanDetails(FLAG, false, user("alice"));
      assertThat(details.getValue()).isTrue();
      assertThat(details.getReason()).isEqualTo(Reason.STATIC.name());
      assertThat(storage.load("alice:targetingKey").get(FLAG)).contains(text);
    }
  }

  @Test
  @DisplayName(
      "a resolution without a variant, or holding an Instant, is served live and not stored")
  void notStored() {
    Flag<String> noVariant =
        Flag.<String>builder().variant("blue", "#00f").contextEvaluator((f, c) -> "#abc").build();
    Flag<Value> withInstant =
        Flag.<Value>builder().variant("x", new Value(Instant.EPOCH)).defaultVariant("x").build();
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            storage,
            Map.of("noVariant", noVariant, "instant", withInstant),
            b -> b.stickyFlags("noVariant", "instant"))) {
      assertThat(of.client.getStringValue("noVariant", "none", user("alice"))).isEqualTo("#abc");
      assertThat(of.client.getObjectValue("instant", new Value(), user("alice")))
          .isEqualTo(new Value(Instant.EPOCH));
      assertThat(storage.load("alice:targetingKey").isEmpty()).isTrue();
      assertThat(of.sticky.storageFailures()).isZero();
    }
  }
}
