package io.github.persistentassignment.integration.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StickyVariantProvider.builder()")
class StickyVariantProviderBuilderTest {
  private final InMemoryProvider flags = new InMemoryProvider(Map.of());
  private final PersistentStorage storage = InMemoryPersistentStorage.create();

  @Test
  @DisplayName("requires a provider, a storage and a choice of sticky flags")
  void requiredSettings() {
    assertThatThrownBy(
            () -> StickyVariantProvider.builder().storage(storage).stickyFlags("f").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider");
    assertThatThrownBy(
            () -> StickyVariantProvider.builder().provider(flags).stickyFlags("f").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage");
    assertThatThrownBy(
            () -> StickyVariantProvider.builder().provider(flags).storage(storage).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stickyFlags, stickyWhen or stickyMetadataKey");
  }

  @Test
  @DisplayName("refuses null and empty settings, and an id type with ':'")
  void invalidSettings() {
    StickyVariantProvider.Builder builder = StickyVariantProvider.builder();
    assertThatThrownBy(() -> builder.provider(null)).hasMessageContaining("provider");
    assertThatThrownBy(() -> builder.stickyFlags("")).hasMessageContaining("flagKeys");
    assertThatThrownBy(() -> builder.stickyReason("")).hasMessageContaining("reason");
    assertThatThrownBy(() -> builder.optOutAttribute(null)).hasMessageContaining("attribute");
    assertThatThrownBy(
            () ->
                StickyVariantProvider.builder()
                    .provider(flags)
                    .storage(storage)
                    .stickyFlags("f")
                    .unitIdFrom("userId", "user:ID")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idType");
  }

  @Test
  @DisplayName("names itself after the wrapped provider and hands back the wrapped one")
  void metadata() {
    StickyVariantProvider sticky =
        StickyVariantProvider.builder().provider(flags).storage(storage).stickyFlags("f").build();
    assertThat(sticky.getMetadata().getName()).isEqualTo("sticky(InMemoryProvider)");
    assertThat(sticky.wrappedProvider()).isSameAs(flags);
    assertThatThrownBy(() -> sticky.forget("", "f")).hasMessageContaining("unitId");
  }
}
