package io.github.persistentassignment.integration.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/openfeature.md's OpenFeature example, run as a test; it prints the transcript
 * docs/openfeature.md shows.
 */
@DisplayName("docs/openfeature.md: OpenFeature")
class OpenFeatureDocsExample {

  private static Flag<String> checkout(String defaultVariant) {
    return Flag.<String>builder()
        .variant("old", "old-checkout")
        .variant("new", "new-checkout")
        .defaultVariant(defaultVariant)
        .build();
  }

  @Test
  @DisplayName(
      "a flag changes: the sticky user keeps the first variant, the opted-out user follows")
  void flagChangesUnderStickyAndNonStickyUser() {
    InMemoryProvider vendor = new InMemoryProvider(Map.of("checkout", checkout("old")));
    PersistentStorage storage = InMemoryPersistentStorage.create();
    OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
    List<String> transcript = new ArrayList<>();
    try {
      StickyVariantProvider sticky = setUp(api, vendor, storage);
      Client client = api.getClient();
      EvaluationContext carol = new ImmutableContext("carol");
      EvaluationContext bob = new ImmutableContext("bob", Map.of("stickyOptOut", new Value(true)));

      transcript.add(line("before", "carol", client.getStringDetails("checkout", "none", carol)));
      transcript.add(line("before", "bob", client.getStringDetails("checkout", "none", bob)));
      vendor.updateFlag("checkout", checkout("new"));
      transcript.add(line("after", "carol", client.getStringDetails("checkout", "none", carol)));
      transcript.add(line("after", "bob", client.getStringDetails("checkout", "none", bob)));
      transcript.add(
          "stored: carol="
              + storage.load("carol:targetingKey").asMap().keySet()
              + " bob="
              + storage.load("bob:targetingKey").asMap().keySet());
      assertThat(sticky.storageFailures()).isZero();
    } finally {
      api.shutdown();
    }
    transcript.forEach(System.out::println);
    assertThat(transcript)
        .containsExactly(
            "before carol: value=old-checkout variant=old reason=STATIC",
            "before bob: value=old-checkout variant=old reason=STATIC",
            "after carol: value=old-checkout variant=old reason=CACHED",
            "after bob: value=new-checkout variant=new reason=STATIC",
            "stored: carol=[checkout] bob=[]");
  }

  @SuppressWarnings("try") // the scope is the point of the example
  private static StickyVariantProvider setUp(
      OpenFeatureAPI api, FeatureProvider vendorProvider, PersistentStorage storage) {
    // tag::openfeature[]
    StickyVariantProvider sticky =
        StickyVariantProvider.builder()
            .provider(vendorProvider) // any OpenFeature provider
            .storage(storage) // any PersistentStorage; you close it
            .stickyFlags("checkout")
            .build();
    api.setProviderAndWait(sticky);

    Client client = api.getClient();
    EvaluationContext alice = new ImmutableContext("alice");
    try (StickyScope request = sticky.openScope()) { // one load per user in this scope
      String checkout = client.getStringValue("checkout", "old-checkout", alice);
      // Saved on first resolution ("alice:targetingKey", flag "checkout"), served from then on
      // with reason CACHED, whatever the vendor's rollout says later.
    }
    // end::openfeature[]
    return sticky;
  }

  private static String line(String when, String who, FlagEvaluationDetails<String> details) {
    return when
        + " "
        + who
        + ": value="
        + details.getValue()
        + " variant="
        + details.getVariant()
        + " reason="
        + details.getReason();
  }
}
