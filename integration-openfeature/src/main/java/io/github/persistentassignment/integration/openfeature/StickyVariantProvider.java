package io.github.persistentassignment.integration.openfeature;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageKeys;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An OpenFeature provider that wraps any other and keeps chosen flags sticky: each user is served
 * the variant and value first resolved for them, whatever the wrapped provider says later.
 *
 * <pre>{@code
 * StickyVariantProvider sticky =
 *     StickyVariantProvider.builder()
 *         .provider(vendorProvider)          // any FeatureProvider
 *         .storage(storage)                  // any PersistentStorage; not closed by the provider
 *         .stickyFlags("new-checkout")
 *         .build();
 * OpenFeatureAPI.getInstance().setProviderAndWait(sticky);
 * }</pre>
 *
 * <h2>What is stored</h2>
 *
 * <p>One entry per user and flag in the universal schema, under the storage key {@code
 * "<targetingKey>:targetingKey"} (or {@code "<attribute value>:<idType>"} with {@link
 * Builder#unitIdFrom}) and the flag key as config name: {@code group_name} is the variant, {@code
 * json_value} is {@code {"value": <the resolved value>}}, {@code rule_id} the reason the wrapped
 * provider gave (such as {@code SPLIT}), {@code value} the flag's value for a boolean flag and
 * {@code true} otherwise, {@code time} when the entry was saved (epoch milliseconds), {@code
 * config_version} none (OpenFeature has no version of a flag's configuration).
 *
 * <h2>The decision, for a flag evaluation</h2>
 *
 * <ol>
 *   <li>The wrapped provider resolves the flag live. If it throws, the exception reaches the SDK as
 *       it would without this provider (after rule 4 for "flag not found").
 *   <li>A flag that is not sticky ({@link Builder#stickyFlags}, {@link Builder#stickyWhen}, {@link
 *       Builder#stickyMetadataKey}) is the live resolution, with no storage I/O. So is an
 *       evaluation without a unit ID (no targeting key, or no such attribute).
 *   <li>An evaluation whose context has the {@linkplain Builder#optOutAttribute opt-out attribute}
 *       set to {@code true} is live, and the user's stored entry for the flag is deleted.
 *   <li>A flag the wrapped provider reports disabled ({@code DISABLED}) or unknown ({@code
 *       FLAG_NOT_FOUND}) is live, and its stored entry is deleted: the flag is over ("inactive"
 *       rule; {@link Builder#deleteWhenInactive}). A missing flag has no metadata, so this holds
 *       for flags chosen by key or predicate. Any other error is passed on untouched.
 *   <li>The user's entries are loaded (once per {@link StickyScope}). When the load fails, the live
 *       resolution is served and nothing is written: a failed load never replaces anything.
 *   <li>A stored entry is served: its value and variant, with the {@linkplain Builder#stickyReason
 *       sticky reason} ({@code CACHED} by default) and the live flag metadata. An entry whose value
 *       does not fit the type asked for (the flag changed type) gets the live resolution and is
 *       left alone.
 *   <li>Otherwise a live resolution with a variant is saved with {@link
 *       PersistentStorage#saveIfAbsent} and served as resolved; when another server or thread saved
 *       first, its entry is served (rule 6), so a race has one winner everyone serves. A resolution
 *       without a variant, or with a value JSON cannot give back (an {@code Instant}, NaN), is
 *       served live and not stored.
 *   <li>Storage failures never reach the caller: they are counted ({@link #storageFailures()}),
 *       logged once per outage, and the live resolution is served without an error code.
 * </ol>
 *
 * <p>The six value types are stored as JSON: booleans, strings and numbers as themselves; an object
 * value as its JSON form, coming back as {@code ImmutableStructure}s and lists, with integers as
 * {@code Integer} when they fit and {@code Long} otherwise.
 *
 * <p>Thread-safe. Its {@code initialize}, {@code shutdown}, hooks and tracking are the wrapped
 * provider's. The wrapped provider's events are not forwarded: OpenFeature attaches event listeners
 * to a provider only when it is registered itself.
 */
public final class StickyVariantProvider implements FeatureProvider {
  /** The default id type of storage keys, {@code "<targetingKey>:targetingKey"}. */
  public static final String DEFAULT_ID_TYPE = "targetingKey";

  /** The default context attribute that opts an evaluation out of stickiness. */
  public static final String DEFAULT_OPT_OUT_ATTRIBUTE = "stickyOptOut";

  private final FeatureProvider provider;
  private final FailOpenStore store;
  private final StickyResolver resolver;
  private final String name;

  private StickyVariantProvider(
      Builder builder, FeatureProvider provider, PersistentStorage storage) {
    this.provider = provider;
    this.store = new FailOpenStore(storage);
    this.resolver = new StickyResolver(builder, store);
    this.name = "sticky(" + provider.getMetadata().getName() + ")";
  }

  /**
   * Starts a builder; {@code provider}, {@code storage} and a choice of sticky flags are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a scope on this thread in which each user's entries are loaded once; see {@link
   * StickyScope}. No I/O happens here.
   *
   * @return the scope, to close when the request ends
   */
  public StickyScope openScope() {
    return store.openScope();
  }

  /**
   * Deletes a user's stored entry for a flag: their next evaluation is live and saved afresh. To
   * keep a user out for good, set the {@linkplain Builder#optOutAttribute opt-out attribute} on
   * their evaluations instead.
   *
   * @param unitId the targeting key (or the configured attribute's value)
   * @param flagKey the flag
   * @return true when the entry is gone (or was never there), false when the storage failed
   * @throws IllegalArgumentException if an argument is null or empty
   */
  public boolean forget(String unitId, String flagKey) {
    return store.delete(
        resolver.storageKey(Builder.requireNonEmpty(unitId, "unitId")),
        Builder.requireNonEmpty(flagKey, "flagKey"));
  }

  /**
   * How many storage operations have failed since this provider was built.
   *
   * @return the count
   */
  public long storageFailures() {
    return store.failures();
  }

  /**
   * How many storage outages this provider has seen: runs of failures with no success between.
   *
   * @return the count
   */
  public long storageOutages() {
    return store.outages();
  }

  /**
   * The provider this one wraps.
   *
   * @return the wrapped provider
   */
  public FeatureProvider wrappedProvider() {
    return provider;
  }

  @Override
  public Metadata getMetadata() {
    return () -> name;
  }

  @Override
  public List<Hook> getProviderHooks() {
    return provider.getProviderHooks();
  }

  @Override
  public void initialize(EvaluationContext evaluationContext) throws Exception {
    provider.initialize(evaluationContext);
  }

  @Override
  public void initialize(EvaluationContext evaluationContext, String domain) throws Exception {
    provider.initialize(evaluationContext, domain);
  }

  @Override
  public boolean isDomainScoped() {
    return provider.isDomainScoped();
  }

  @Override
  public void shutdown() {
    provider.shutdown();
  }

  @Override
  public void track(String eventName, EvaluationContext context, TrackingEventDetails details) {
    provider.track(eventName, context, details);
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(
      String key, Boolean defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.BOOLEAN, key, ctx, () -> provider.getBooleanEvaluation(key, defaultValue, ctx));
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(
      String key, String defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.STRING, key, ctx, () -> provider.getStringEvaluation(key, defaultValue, ctx));
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(
      String key, Integer defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.INTEGER, key, ctx, () -> provider.getIntegerEvaluation(key, defaultValue, ctx));
  }

  @Override
  public ProviderEvaluation<Long> getLongEvaluation(
      String key, Long defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.LONG, key, ctx, () -> provider.getLongEvaluation(key, defaultValue, ctx));
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(
      String key, Double defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.DOUBLE, key, ctx, () -> provider.getDoubleEvaluation(key, defaultValue, ctx));
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(
      String key, Value defaultValue, EvaluationContext ctx) {
    return resolver.resolve(
        FlagType.OBJECT, key, ctx, () -> provider.getObjectEvaluation(key, defaultValue, ctx));
  }

  /** Builds a {@link StickyVariantProvider}; every setter returns the builder, build() checks. */
  public static final class Builder {
    @Nullable FeatureProvider provider;
    @Nullable PersistentStorage storage;
    final Set<String> stickyFlags = new LinkedHashSet<>();
    @Nullable Predicate<String> stickyWhen;
    @Nullable String stickyMetadataKey;
    @Nullable String unitIdAttribute;
    String idType = DEFAULT_ID_TYPE;
    String optOutAttribute = DEFAULT_OPT_OUT_ATTRIBUTE;
    boolean deleteWhenInactive = true;
    String stickyReason = Reason.CACHED.name();
    Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the provider to wrap. Required.
     *
     * @param provider any OpenFeature provider, such as a vendor's
     * @return this builder
     */
    public Builder provider(FeatureProvider provider) {
      this.provider = requireNonNullArgument(provider, "provider");
      return this;
    }

    /**
     * Sets where the sticky entries are stored. Required.
     *
     * @param storage any storage; the provider never closes it
     * @return this builder
     */
    public Builder storage(PersistentStorage storage) {
      this.storage = requireNonNullArgument(storage, "storage");
      return this;
    }

    /**
     * Makes these flags sticky (added to any given before).
     *
     * @param flagKeys the flag keys
     * @return this builder
     */
    public Builder stickyFlags(String... flagKeys) {
      return stickyFlags(Arrays.asList(requireNonNullArgument(flagKeys, "flagKeys")));
    }

    /**
     * Makes these flags sticky (added to any given before).
     *
     * @param flagKeys the flag keys
     * @return this builder
     */
    public Builder stickyFlags(Collection<String> flagKeys) {
      for (String flagKey : requireNonNullArgument(flagKeys, "flagKeys")) {
        stickyFlags.add(requireNonEmpty(flagKey, "flagKeys element"));
      }
      return this;
    }

    /**
     * Makes every flag whose key the predicate accepts sticky, besides {@link #stickyFlags}.
     *
     * @param flagKeyPredicate called with the flag key on every evaluation; must be fast
     * @return this builder
     */
    public Builder stickyWhen(Predicate<String> flagKeyPredicate) {
      this.stickyWhen = requireNonNullArgument(flagKeyPredicate, "flagKeyPredicate");
      return this;
    }

    /**
     * Makes every flag sticky whose flag metadata, as the wrapped provider resolves it, holds this
     * key with {@code true} (a boolean or the text), such as {@code sticky}. Default: none.
     *
     * @param metadataKey the metadata key
     * @return this builder
     */
    public Builder stickyMetadataKey(String metadataKey) {
      this.stickyMetadataKey = requireNonEmpty(metadataKey, "metadataKey");
      return this;
    }

    /**
     * Takes the unit ID from a context attribute (a string or an integer) instead of the targeting
     * key, and stores under {@code "<unit ID>:<idType>"}. Default: the targeting key, id type
     * {@value StickyVariantProvider#DEFAULT_ID_TYPE}.
     *
     * @param contextAttribute the attribute, such as {@code userId}
     * @param idType the id type in storage keys, such as {@code userID}; without {@code ':'}
     * @return this builder
     */
    public Builder unitIdFrom(String contextAttribute, String idType) {
      this.unitIdAttribute = requireNonEmpty(contextAttribute, "contextAttribute");
      this.idType = requireNonNullArgument(idType, "idType");
      return this;
    }

    /**
     * Names the context attribute that, set to {@code true}, opts an evaluation out: it is live and
     * the user's stored entry for the flag is deleted. Default {@value
     * StickyVariantProvider#DEFAULT_OPT_OUT_ATTRIBUTE}.
     *
     * @param attribute the attribute name
     * @return this builder
     */
    public Builder optOutAttribute(String attribute) {
      this.optOutAttribute = requireNonEmpty(attribute, "attribute");
      return this;
    }

    /**
     * Whether a flag the wrapped provider reports disabled or not found has its stored entries
     * deleted as users evaluate it. Default true, as for an inactive experiment in core; false
     * keeps them, for a provider that reports flags missing while it reloads.
     *
     * @param delete whether to delete
     * @return this builder
     */
    public Builder deleteWhenInactive(boolean delete) {
      this.deleteWhenInactive = delete;
      return this;
    }

    /**
     * The reason a stored resolution is served with. Default {@code CACHED}, one of OpenFeature's
     * own reasons; a custom one such as {@code STICKY} is allowed.
     *
     * @param reason the reason
     * @return this builder
     */
    public Builder stickyReason(String reason) {
      this.stickyReason = requireNonEmpty(reason, "reason");
      return this;
    }

    /**
     * The clock of the {@code time} stored with a first assignment. Default: the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * Builds the provider. No I/O happens here; the wrapped provider is initialized by the SDK.
     *
     * @return a new provider
     * @throws IllegalArgumentException if {@code provider} or {@code storage} is missing, no flag
     *     is chosen as sticky, or the id type is blank or contains {@code ':'}
     */
    public StickyVariantProvider build() {
      if (provider == null) {
        throw new IllegalArgumentException("provider is required: the FeatureProvider to wrap");
      }
      if (storage == null) {
        throw new IllegalArgumentException("storage is required: where sticky entries are stored");
      }
      if (stickyFlags.isEmpty() && stickyWhen == null && stickyMetadataKey == null) {
        throw new IllegalArgumentException(
            "no sticky flags: set stickyFlags, stickyWhen or stickyMetadataKey");
      }
      StorageKeys.requireValidIdType(idType, "idType");
      return new StickyVariantProvider(this, provider, storage);
    }

    static String requireNonEmpty(@Nullable String value, String name) {
      if (requireNonNullArgument(value, name).isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
