package io.github.persistentassignment.integration.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.providers.memory.Flag;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a sticky flag does for users over the real OpenFeature SDK and its own in-memory provider,
 * run against each storage backend by a subclass.
 */
abstract class StickyScenarios {
  static final String FLAG = "checkout";

  PersistentStorage storage;

  /** A fresh storage of the backend under test, with keys or a table of its own. */
  abstract PersistentStorage createStorage();

  /** Removes what {@link #createStorage()} created (never anything else). */
  abstract void cleanUp();

  @BeforeEach
  void openStorage() {
    storage = createStorage();
  }

  @AfterEach
  void closeStorage() {
    try {
      storage.close();
    } finally {
      cleanUp();
    }
  }

  static Flag<String> colors(String defaultVariant, String blue, String green) {
    return Flag.<String>builder()
        .variant("blue", blue)
        .variant("green", green)
        .defaultVariant(defaultVariant)
        .build();
  }

  static EvaluationContext user(String targetingKey) {
    return new ImmutableContext(targetingKey);
  }

  OpenFeatureFixture start(Map<String, Flag<?>> flags) {
    return OpenFeatureFixture.start(storage, flags, builder -> builder.stickyFlags(FLAG));
  }

  Optional<StickyValues> stored(String targetingKey, String flagKey) {
    return storage.load(targetingKey + ":targetingKey").get(flagKey);
  }

  @Test
  @DisplayName("a user keeps the variant first served after the flag's variant values change")
  void keepsVariantWhenVariantsChange() {
    try (OpenFeatureFixture of = start(Map.of(FLAG, colors("blue", "#00f", "#0f0")))) {
      FlagEvaluationDetails<String> first = of.client.getStringDetails(FLAG, "none", user("alice"));
      assertThat(first.getValue()).isEqualTo("#00f");
      assertThat(first.getReason()).isEqualTo(Reason.STATIC.name());

      of.update(FLAG, colors("blue", "#33f", "#3f3"));
      FlagEvaluationDetails<String> later = of.client.getStringDetails(FLAG, "none", user("alice"));
      assertThat(later.getValue()).isEqualTo("#00f");
      assertThat(later.getVariant()).isEqualTo("blue");
      assertThat(later.getReason()).isEqualTo(Reason.CACHED.name());
      assertThat(later.getErrorCode()).isNull();

      assertThat(of.client.getStringValue(FLAG, "none", user("bob"))).isEqualTo("#33f");
      StickyValues entry = stored("alice", FLAG).orElseThrow();
      assertThat(entry.groupName()).isEqualTo("blue");
      assertThat(entry.jsonValue()).isEqualTo(Map.of("value", "#00f"));
      assertThat(entry.ruleId()).isEqualTo(Reason.STATIC.name());
    }
  }

  @Test
  @DisplayName("a user keeps the variant first served after the default variant changes")
  void keepsVariantWhenDefaultVariantChanges() {
    try (OpenFeatureFixture of = start(Map.of(FLAG, colors("blue", "#00f", "#0f0")))) {
      assertThat(of.client.getStringValue(FLAG, "none", user("alice"))).isEqualTo("#00f");

      of.update(FLAG, colors("green", "#00f", "#0f0"));
      FlagEvaluationDetails<String> alice = of.client.getStringDetails(FLAG, "none", user("alice"));
      assertThat(alice.getVariant()).isEqualTo("blue");
      assertThat(alice.getValue()).isEqualTo("#00f");

      FlagEvaluationDetails<String> bob = of.client.getStringDetails(FLAG, "none", user("bob"));
      assertThat(bob.getVariant()).isEqualTo("green");
      assertThat(bob.getValue()).isEqualTo("#0f0");
      assertThat(stored("bob", FLAG).orElseThrow().groupName()).isEqualTo("green");
    }
  }

  @Test
  @DisplayName("users keep the value of a context-evaluated split after the split changes")
  void keepsValueWhenSplitChanges() {
    Flag<String> split =
        Flag.<String>builder()
            .variant("blue", "#00f")
            .variant("green", "#0f0")
            .defaultVariant("blue")
            .contextEvaluator(
                (flag, ctx) ->
                    Math.floorMod(ctx.getTargetingKey().hashCode(), 2) == 0 ? "#00f" : "#0f0")
            .build();
    Flag<String> everyoneGreen =
        Flag.<String>builder()
            .variant("blue", "#00f")
            .variant("green", "#0f0")
            .defaultVariant("blue")
            .contextEvaluator((flag, ctx) -> "#0f0")
            .build();
    try (OpenFeatureFixture of = start(Map.of(FLAG, split))) {
      List<String> blueUsers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String user = "user-" + i;
        if (of.client.getStringValue(FLAG, "none", user(user)).equals("#00f")) {
          blueUsers.add(user);
        }
      }
      assertThat(blueUsers).isNotEmpty();

      of.update(FLAG, everyoneGreen);
      for (String user : blueUsers) {
        FlagEvaluationDetails<String> details =
            of.client.getStringDetails(FLAG, "none", user(user));
        assertThat(details.getValue()).as(user).isEqualTo("#00f");
        assertThat(details.getReason()).isEqualTo(Reason.CACHED.name());
      }
      FlagEvaluationDetails<String> newcomer =
          of.client.getStringDetails(FLAG, "none", user("newcomer"));
      assertThat(newcomer.getValue()).isEqualTo("#0f0");
      assertThat(newcomer.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
    }
  }

  @Test
  @DisplayName("two clients racing on a first assignment: one write wins and both serve it")
  void firstWriteRaceHasOneWinner() throws Exception {
    CountingStorage shared = new CountingStorage(storage);
    try (OpenFeatureFixture blue =
            OpenFeatureFixture.start(
                shared, Map.of(FLAG, colors("blue", "#00f", "#0f0")), b -> b.stickyFlags(FLAG));
        OpenFeatureFixture green =
            OpenFeatureFixture.start(
                shared, Map.of(FLAG, colors("green", "#00f", "#0f0")), b -> b.stickyFlags(FLAG))) {
      // Both clients load "nothing stored" before either saves: a real first-write race.
      shared.meetAfterLoads(2);
      CompletableFuture<FlagEvaluationDetails<String>> viaBlue =
          CompletableFuture.supplyAsync(
              () -> blue.client.getStringDetails(FLAG, "none", user("alice")));
      CompletableFuture<FlagEvaluationDetails<String>> viaGreen =
          CompletableFuture.supplyAsync(
              () -> green.client.getStringDetails(FLAG, "none", user("alice")));
      FlagEvaluationDetails<String> a = viaBlue.get();
      FlagEvaluationDetails<String> b = viaGreen.get();

      String winner = stored("alice", FLAG).orElseThrow().groupName();
      assertThat(List.of(a.getVariant(), b.getVariant())).containsOnly(winner);
      assertThat(a.getValue()).isEqualTo(b.getValue());
      assertThat(List.of(a.getReason(), b.getReason())).contains(Reason.CACHED.name());
      assertThat(blue.client.getStringDetails(FLAG, "none", user("alice")).getVariant())
          .isEqualTo(winner);
      assertThat(green.client.getStringDetails(FLAG, "none", user("alice")).getVariant())
          .isEqualTo(winner);
    }
  }

  @Test
  @DisplayName("eight threads over two differently configured clients: one variant per user")
  void concurrentClientsAgreePerUser() throws Exception {
    int users = 40;
    try (OpenFeatureFixture blue =
            OpenFeatureFixture.start(
                storage, Map.of(FLAG, colors("blue", "#00f", "#0f0")), b -> b.stickyFlags(FLAG));
        OpenFeatureFixture green =
            OpenFeatureFixture.start(
                storage, Map.of(FLAG, colors("green", "#00f", "#0f0")), b -> b.stickyFlags(FLAG))) {
      Map<String, Set<String>> served = new ConcurrentHashMap<>();
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          OpenFeatureFixture client = t % 2 == 0 ? blue : green;
          work.add(
              threads.submit(
                  () -> {
                    for (int u = 0; u < users; u++) {
                      String variant =
                          client.client.getStringDetails(FLAG, "none", user("u" + u)).getVariant();
                      served
                          .computeIfAbsent("u" + u, k -> ConcurrentHashMap.newKeySet())
                          .add(variant);
                    }
                  }));
        }
        for (Future<?> done : work) {
          done.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(served).hasSize(users);
      served.forEach(
          (user, variants) ->
              assertThat(variants)
                  .as(user)
                  .containsExactly(stored(user, FLAG).orElseThrow().groupName()));
    }
  }

  @Test
  @DisplayName("each of the six value types comes back as first resolved")
  void everyValueTypeRoundTrips() {
    Structure nested =
        new ImmutableStructure(
            Map.of(
                "title", new Value("Hello"),
                "count", new Value(3),
                "ratio", new Value(0.25),
                "big", new Value(10_000_000_000L),
                "enabled", new Value(true),
                "none", new Value(),
                "tags", new Value(List.of(new Value("a"), new Value(2))),
                "inner", new Value(new ImmutableStructure(Map.of("x", new Value(-1.5))))));
    Value object = new Value(nested);
    Map<String, Flag<?>> v1 =
        Map.of(
            "b",
                Flag.<Boolean>builder()
                    .variant("on", true)
                    .variant("off", false)
                    .defaultVariant("on")
                    .build(),
            "s", colors("blue", "#00f", "#0f0"),
            "i",
                Flag.<Integer>builder().variant("x", 7).variant("y", 8).defaultVariant("x").build(),
            "l",
                Flag.<Long>builder()
                    .variant("x", 1L << 40)
                    .variant("y", 2L)
                    .defaultVariant("x")
                    .build(),
            "d",
                Flag.<Double>builder()
                    .variant("x", 2.0)
                    .variant("y", 0.5)
                    .defaultVariant("x")
                    .build(),
            "o",
                Flag.<Value>builder()
                    .variant("x", object)
                    .variant("y", new Value("other"))
                    .defaultVariant("x")
                    .build());
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(storage, v1, b -> b.stickyWhen(key -> key.length() == 1))) {
      EvaluationContext alice = user("alice");
      assertThat(of.client.getBooleanValue("b", false, alice)).isTrue();
      assertThat(of.client.getStringValue("s", "", alice)).isEqualTo("#00f");
      assertThat(of.client.getIntegerValue("i", 0, alice)).isEqualTo(7);
      assertThat(of.client.getLongValue("l", 0L, alice)).isEqualTo(1L << 40);
      assertThat(of.client.getDoubleValue("d", 0.0, alice)).isEqualTo(2.0);
      assertThat(of.client.getObjectValue("o", new Value(), alice)).isEqualTo(object);

      for (String key : List.of("b", "s", "i", "l", "d", "o")) {
        of.update(key, switchedDefault(v1.get(key)));
      }
      assertThat(of.client.getBooleanDetails("b", false, alice).getValue()).isTrue();
      assertThat(of.client.getStringValue("s", "", alice)).isEqualTo("#00f");
      assertThat(of.client.getIntegerValue("i", 0, alice)).isEqualTo(7);
      assertThat(of.client.getLongValue("l", 0L, alice)).isEqualTo(1L << 40);
      assertThat(of.client.getDoubleValue("d", 0.0, alice)).isEqualTo(2.0);
      FlagEvaluationDetails<Value> o = of.client.getObjectDetails("o", new Value(), alice);
      assertThat(o.getReason()).isEqualTo(Reason.CACHED.name());
      assertThat(o.getValue()).isEqualTo(object);
      // A new user sees every changed default.
      assertThat(of.client.getBooleanValue("b", true, user("bob"))).isFalse();
      assertThat(of.client.getObjectValue("o", new Value(), user("bob")))
          .isEqualTo(new Value("other"));
      assertThat(stored("alice", "b").orElseThrow().value()).isTrue();
      assertThat(stored("bob", "b").orElseThrow().value()).isFalse();
    }
  }

  /** The same variants with the other one as default. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Flag<?> switchedDefault(Flag<?> flag) {
    String other =
        flag.getVariants().keySet().stream()
            .filter(name -> !name.equals(flag.getDefaultVariant()))
            .findFirst()
            .orElseThrow();
    return Flag.builder().variants((Map) flag.getVariants()).defaultVariant(other).build();
  }

  @Test
  @DisplayName("a flag that is not sticky is served live and never stored")
  void nonStickyFlagIsNeverStored() {
    try (OpenFeatureFixture of =
        start(Map.of(FLAG, colors("blue", "#00f", "#0f0"), "banner", colors("blue", "a", "b")))) {
      assertThat(of.client.getStringValue("banner", "none", user("alice"))).isEqualTo("a");
      of.update("banner", colors("green", "a", "b"));
      FlagEvaluationDetails<String> later =
          of.client.getStringDetails("banner", "none", user("alice"));
      assertThat(later.getValue()).isEqualTo("b");
      assertThat(later.getReason()).isEqualTo(Reason.STATIC.name());
      assertThat(stored("alice", "banner")).isEmpty();
    }
  }

  @Test
  @DisplayName("a flag marked sticky in its metadata is sticky without being listed")
  void metadataMarksStickyFlags() {
    Flag<String> marked =
        Flag.<String>builder()
            .variant("blue", "#00f")
            .variant("green", "#0f0")
            .defaultVariant("blue")
            .flagMetadata(ImmutableMetadata.builder().addBoolean("sticky", true).build())
            .build();
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            storage, Map.of("marked", marked), b -> b.stickyMetadataKey("sticky"))) {
      assertThat(of.client.getStringValue("marked", "none", user("alice"))).isEqualTo("#00f");
      assertThat(stored("alice", "marked").orElseThrow().groupName()).isEqualTo("blue");
    }
  }

  @Test
  @DisplayName(
      "the opt-out attribute and forget() delete the user's entry; the next evaluation is live")
  void optOutDeletes() {
    try (OpenFeatureFixture of = start(Map.of(FLAG, colors("blue", "#00f", "#0f0")))) {
      of.client.getStringValue(FLAG, "none", user("alice"));
      of.update(FLAG, colors("green", "#00f", "#0f0"));

      EvaluationContext optedOut =
          new ImmutableContext("alice", Map.of("stickyOptOut", new Value(true)));
      FlagEvaluationDetails<String> out = of.client.getStringDetails(FLAG, "none", optedOut);
      assertThat(out.getValue()).isEqualTo("#0f0");
      assertThat(stored("alice", FLAG)).isEmpty();
      // Without the attribute the live variant is saved afresh.
      assertThat(of.client.getStringValue(FLAG, "none", user("alice"))).isEqualTo("#0f0");
      assertThat(stored("alice", FLAG).orElseThrow().groupName()).isEqualTo("green");

      assertThat(of.sticky.forget("alice", FLAG)).isTrue();
      assertThat(stored("alice", FLAG)).isEmpty();
    }
  }

  @Test
  @DisplayName("a disabled or removed flag deletes the stored entry, unless told to keep it")
  void inactiveFlagDeletesEntry() {
    Flag<String> disabled =
        Flag.<String>builder()
            .variant("blue", "#00f")
            .defaultVariant("blue")
            .disabled(true)
            .build();
    try (OpenFeatureFixture of = start(Map.of(FLAG, colors("blue", "#00f", "#0f0")))) {
      of.client.getStringValue(FLAG, "none", user("alice"));
      of.client.getStringValue(FLAG, "none", user("bob"));
      of.update(FLAG, disabled);
      FlagEvaluationDetails<String> off = of.client.getStringDetails(FLAG, "none", user("alice"));
      assertThat(off.getValue()).isEqualTo("none");
      assertThat(off.getReason()).isEqualTo(Reason.DISABLED.name());
      assertThat(stored("alice", FLAG)).isEmpty();
      assertThat(stored("bob", FLAG)).isPresent();
    }
    // The flag removed: the provider throws FLAG_NOT_FOUND, which the SDK reports as before.
    try (OpenFeatureFixture removed = start(Map.of())) {
      FlagEvaluationDetails<String> gone =
          removed.client.getStringDetails(FLAG, "none", user("bob"));
      assertThat(gone.getErrorCode()).isEqualTo(dev.openfeature.sdk.ErrorCode.FLAG_NOT_FOUND);
      assertThat(stored("bob", FLAG)).isEmpty();
    }
    try (OpenFeatureFixture kept =
        OpenFeatureFixture.start(
            storage,
            Map.of(FLAG, colors("blue", "#00f", "#0f0")),
            b -> b.stickyFlags(FLAG).deleteWhenInactive(false))) {
      kept.client.getStringValue(FLAG, "none", user("carol"));
      kept.update(FLAG, disabled);
      assertThat(kept.client.getStringValue(FLAG, "none", user("carol"))).isEqualTo("none");
      assertThat(stored("carol", FLAG)).isPresent();
    }
  }

  @Test
  @DisplayName("a context without a targeting key is served live with no storage I/O")
  void noUnitIdNoIo() {
    CountingStorage counted = new CountingStorage(storage);
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            counted, Map.of(FLAG, colors("blue", "#00f", "#0f0")), b -> b.stickyFlags(FLAG))) {
      assertThat(of.client.getStringValue(FLAG, "none", new ImmutableContext())).isEqualTo("#00f");
      assertThat(counted.loads.get() + counted.writes.get()).isZero();
    }
  }

  @Test
  @DisplayName("a unit ID taken from a context attribute is stored under its own id type")
  void unitIdFromAttribute() {
    try (OpenFeatureFixture of =
        OpenFeatureFixture.start(
            storage,
            Map.of(FLAG, colors("blue", "#00f", "#0f0")),
            b -> b.stickyFlags(FLAG).unitIdFrom("userId", "userID"))) {
      EvaluationContext ctx =
          new ImmutableContext("session-1", Map.of("userId", new Value("u-42")));
      of.client.getStringValue(FLAG, "none", ctx);
      assertThat(storage.load("u-42:userID").get(FLAG)).isPresent();
      assertThat(stored("session-1", FLAG)).isEmpty();
    }
  }
}
