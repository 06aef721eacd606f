package io.github.persistentassignment.integration.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.github.persistentassignment.PersistentStorage;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real OpenFeature API of its own (not the global one) whose provider is the SDK's own in-memory
 * provider wrapped in a {@link StickyVariantProvider}.
 */
final class OpenFeatureFixture implements AutoCloseable {
  final InMemoryProvider flags;
  final StickyVariantProvider sticky;
  final OpenFeatureAPI api;
  final Client client;

  private OpenFeatureFixture(InMemoryProvider flags, StickyVariantProvider sticky) {
    this.flags = flags;
    this.sticky = sticky;
    this.api = OpenFeatureAPI.createIsolated();
    api.setProviderAndWait(sticky);
    this.client = api.getClient();
  }

  static OpenFeatureFixture start(
      PersistentStorage storage,
      Map<String, Flag<?>> flags,
      UnaryOperator<StickyVariantProvider.Builder> settings) {
    InMemoryProvider inMemory = new InMemoryProvider(flags);
    StickyVariantProvider sticky =
        settings.apply(StickyVariantProvider.builder().provider(inMemory).storage(storage)).build();
    return new OpenFeatureFixture(inMemory, sticky);
  }

  /** Changes a flag's configuration, as a vendor's dashboard would. */
  void update(String flagKey, Flag<?> flag) {
    flags.updateFlag(flagKey, flag);
  }

  @Override
  public void close() {
    api.shutdown();
  }
}
