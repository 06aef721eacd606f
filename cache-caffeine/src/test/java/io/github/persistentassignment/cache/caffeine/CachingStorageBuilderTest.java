package io.github.persistentassignment.cache.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.CountingStorage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Building and closing the cache")
class CachingStorageBuilderTest extends CacheFixture {

  @Test
  @DisplayName("builds with the defaults and does no I/O")
  void defaults() {
    store.down();
    CachingPersistentStorage cache = CachingPersistentStorage.builder(store).build();
    assertThat(cache).isNotNull();
    assertThat(store.takeCalls()).isEmpty();
  }

  @Test
  @DisplayName("the setters change this builder and return it")
  void mutable() {
    CachingStorageBuilder<CachingEnumerableStorage> builder = cache();
    assertThat(builder.maximumUsers(5)).isSameAs(builder);
    assertThat(builder.freshFor(Duration.ofSeconds(1))).isSameAs(builder);
    assertThat(builder.serveStaleOnFailure(Duration.ofSeconds(2))).isSameAs(builder);
    assertThat(builder.ticker(time)).isSameAs(builder);
    assertThat(builder.build()).isNotNull();
  }

  @Test
  @DisplayName("over an enumerable store the cache is enumerable, whatever the static type")
  void enumerableWhenTheStoreIs() {
    PersistentStorage asPlain = store;
    assertThat(CachingPersistentStorage.builder(asPlain).build())
        .isInstanceOf(CachingEnumerableStorage.class);
    CachingEnumerableStorage typed = CachingPersistentStorage.builder(store).build();
    assertThat(typed).isInstanceOf(EnumerableStorage.class);

    PersistentStorage notEnumerable = new CountingStorage(store);
    assertThat(CachingPersistentStorage.builder(notEnumerable).build())
        .isNotInstanceOf(EnumerableStorage.class);
  }

  static Stream<Arguments> badSettings() {
    Duration thirtyOneDays = Duration.ofDays(31);
    return Stream.of(
        bad("maximumUsers(0)", b -> b.maximumUsers(0), "maximumUsers must be at least 1, was 0"),
        bad("maximumUsers(-1)", b -> b.maximumUsers(-1), "maximumUsers must be at least 1"),
        bad(
            "freshFor(-1 s)",
            b -> b.freshFor(Duration.ofSeconds(-1)),
            "freshFor must be zero or positive and at most PT720H, was PT-1S"),
        bad("freshFor(31 days)", b -> b.freshFor(thirtyOneDays), "freshFor must be"),
        bad("freshFor(null)", b -> b.freshFor(null), "freshFor must be"),
        bad(
            "serveStaleOnFailure(freshFor)",
            b -> b.freshFor(Duration.ofSeconds(5)).serveStaleOnFailure(Duration.ofSeconds(5)),
            "serveStaleOnFailure(maxStale) must be longer than freshFor (PT5S) and at most PT720H,"
                + " was PT5S"),
        bad(
            "serveStaleOnFailure(1 s) with the default freshFor",
            b -> b.serveStaleOnFailure(Duration.ofSeconds(1)),
            "longer than freshFor (PT5S)"),
        bad(
            "serveStaleOnFailure(31 days)",
            b -> b.serveStaleOnFailure(thirtyOneDays),
            "serveStaleOnFailure(maxStale) must be"),
        bad(
            "serveStaleOnFailure(null)",
            b -> b.serveStaleOnFailure(null),
            "serveStaleOnFailure(maxStale) must be"),
        bad("ticker(null)", b -> b.ticker(null), "ticker must not be null"));
  }

  private static Arguments bad(
      String name, Consumer<CachingStorageBuilder<?>> setting, String message) {
    return Arguments.of(name, setting, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  @DisplayName("build() rejects a setting out of range, naming it and the range")
  void rejects(String name, Consumer<CachingStorageBuilder<?>> setting, String message) {
    CachingStorageBuilder<?> builder = cache();
    setting.accept(builder);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("a null store is rejected at once")
  void nullStore() {
    assertThatThrownBy(() -> CachingPersistentStorage.builder((PersistentStorage) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delegate must not be null");
  }

  @Test
  @DisplayName("close() closes the cache, not the store it wraps; closing twice is harmless")
  void close() {
    CachingEnumerableStorage cache = cache().build();
    cache.save(ALICE, EXPERIMENT, group("kept"));
    cache.close();
    assertThatCode(cache::close).doesNotThrowAnyException();

    assertThatThrownBy(() -> cache.load(ALICE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.loadAll(List.of(ALICE)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.deleteAll(ALICE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.forEachEntry(entry -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.purge(EXPERIMENT)).isInstanceOf(IllegalStateException.class);
    assertThat(store.load(ALICE).get(EXPERIMENT)).as("the store is open").contains(group("kept"));
  }

  @Test
  @DisplayName("bad arguments to the enumerable methods name the argument")
  void enumerableArguments() {
    CachingEnumerableStorage cache = cache().build();
    assertThatThrownBy(() -> cache.forEachEntry(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action");
    assertThatThrownBy(() -> cache.purge(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("configName");
    assertThatThrownBy(() -> cache.copyIfAbsent(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry");
    assertThatThrownBy(() -> cache.deleteAll(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
  }
}
