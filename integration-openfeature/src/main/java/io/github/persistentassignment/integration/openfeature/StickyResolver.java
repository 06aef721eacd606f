package io.github.persistentassignment.integration.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.internal.LogSafe;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The decision {@link StickyVariantProvider}'s documentation numbers, for one evaluation. */
final class StickyResolver {
  private static final Logger LOG = LoggerFactory.getLogger(StickyVariantProvider.class);

  private final FailOpenStore store;
  private final Set<String> stickyFlags;
  private final @Nullable Predicate<String> stickyWhen;
  private final @Nullable String stickyMetadataKey;
  private final @Nullable String unitIdAttribute;
  private final String idType;
  private final String optOutAttribute;
  private final boolean deleteWhenInactive;
  private final String stickyReason;
  private final Clock clock;

  StickyResolver(StickyVariantProvider.Builder settings, FailOpenStore store) {
    this.store = store;
    this.stickyFlags = Set.copyOf(settings.stickyFlags);
    this.stickyWhen = settings.stickyWhen;
    this.stickyMetadataKey = settings.stickyMetadataKey;
    this.unitIdAttribute = settings.unitIdAttribute;
    this.idType = settings.idType;
    this.optOutAttribute = settings.optOutAttribute;
    this.deleteWhenInactive = settings.deleteWhenInactive;
    this.stickyReason = settings.stickyReason;
    this.clock = settings.clock;
  }

  /** The storage key of a unit ID: {@code "<unitId>:<idType>"}. */
  String storageKey(String unitId) {
    return unitId + ":" + idType;
  }

  <T> ProviderEvaluation<T> resolve(
      FlagType type,
      String flagKey,
      EvaluationContext context,
      Supplier<ProviderEvaluation<T>> wrapped) {
    ProviderEvaluation<T> live;
    try {
      live = wrapped.get();
    } catch (OpenFeatureError e) {
      if (e.getErrorCode() == ErrorCode.FLAG_NOT_FOUND && stickyByName(flagKey)) {
        inactive(flagKey, context);
      }
      throw e;
    }
    if (!stickyByName(flagKey) && !stickyByMetadata(live.getFlagMetadata())) {
      return live;
    }
    try {
      return sticky(type, flagKey, context, live);
    } catch (RuntimeException e) {
      // Fail open against anything unforeseen too: the caller always gets the live resolution.
      LOG.warn("Sticky flag resolution failed ({}); served live", LogSafe.exceptionTypes(e));
      LOG.debug("Sticky flag resolution of '{}' failed", flagKey, e);
      return live;
    }
  }

  private <T> ProviderEvaluation<T> sticky(
      FlagType type, String flagKey, EvaluationContext context, ProviderEvaluation<T> live) {
    Optional<String> key = storageKey(context);
    if (key.isEmpty()) {
      return live;
    }
    if (isTrue(context.getValue(optOutAttribute))) {
      deleteIfStored(key.get(), flagKey);
      return live;
    }
    if (Reason.DISABLED.name().equals(live.getReason())
        || live.getErrorCode() == ErrorCode.FLAG_NOT_FOUND) {
      inactive(flagKey, context);
      return live;
    }
    if (live.getErrorCode() != null || Reason.ERROR.name().equals(live.getReason())) {
      return live;
    }

    UserPersistedValues values = store.load(key.get());
    if (!values.isAvailable()) {
      return live;
    }
    Optional<StickyValues> stored = values.get(flagKey);
    if (stored.isPresent()) {
      return served(type, flagKey, stored.get(), live);
    }

    String variant = live.getVariant();
    Optional<Map<String, @Nullable Object>> json = type.toJsonValue(live.getValue());
    if (variant == null || variant.isEmpty() || json.isEmpty()) {
      return live;
    }
    StickyValues first =
        StickyValues.builder()
            .value(type == FlagType.BOOLEAN ? (Boolean) live.getValue() : true)
            .jsonValue(json.get())
            .ruleId(live.getReason())
            .groupName(variant)
            .time(clock.millis())
            .build();
    Optional<StickyValues> winner = store.saveIfAbsent(key.get(), flagKey, first);
    if (winner == null || winner.isEmpty()) {
      // Saved (the live resolution is now the stored one), or the save failed: live either way.
      return live;
    }
    return served(type, flagKey, winner.get(), live);
  }

  /** The stored entry as the evaluation, or the live one when the entry does not fit the type. */
  @SuppressWarnings("unchecked")
  private <T> ProviderEvaluation<T> served(
      FlagType type, String flagKey, StickyValues stored, ProviderEvaluation<T> live) {
    Optional<Object> value = type.fromJsonValue(stored.jsonValue());
    if (value.isEmpty()) {
      LOG.debug("The stored entry of '{}' does not hold a {} value; served live", flagKey, type);
      return live;
    }
    return ProviderEvaluation.<T>builder()
        .value((T) value.get())
        .variant(stored.groupName())
        .reason(stickyReason)
        .flagMetadata(
            live.getFlagMetadata() == null ? ImmutableMetadata.EMPTY : live.getFlagMetadata())
        .build();
  }

  /** The inactive rule: a disabled or unknown flag's stored entry is deleted, if so configured. */
  private void inactive(String flagKey, EvaluationContext context) {
    if (deleteWhenInactive) {
      try {
        storageKey(context).ifPresent(key -> deleteIfStored(key, flagKey));
      } catch (RuntimeException e) {
        LOG.debug("The inactive rule for '{}' failed", flagKey, e);
      }
    }
  }

  /** One load (none inside a scope that has it) and a delete only when an entry is stored. */
  private void deleteIfStored(String key, String flagKey) {
    UserPersistedValues values = store.load(key);
    if (values.isAvailable() && values.get(flagKey).isPresent()) {
      store.delete(key, flagKey);
    }
  }

  private boolean stickyByName(String flagKey) {
    return stickyFlags.contains(flagKey) || (stickyWhen != null && stickyWhen.test(flagKey));
  }

  private boolean stickyByMetadata(@Nullable ImmutableMetadata metadata) {
    if (stickyMetadataKey == null || metadata == null) {
      return false;
    }
    Object flag = metadata.asUnmodifiableMap().get(stickyMetadataKey);
    return Boolean.TRUE.equals(flag) || "true".equals(flag);
  }

  private Optional<String> storageKey(EvaluationContext context) {
    String unitId;
    if (unitIdAttribute == null) {
      unitId = context.getTargetingKey();
    } else {
      Value attribute = context.getValue(unitIdAttribute);
      Object inner = attribute == null ? null : attribute.asObject();
      unitId =
          inner instanceof String || inner instanceof Integer || inner instanceof Long
              ? inner.toString()
              : null;
    }
    return unitId == null || unitId.isEmpty() ? Optional.empty() : Optional.of(storageKey(unitId));
  }

  private static boolean isTrue(@Nullable Value value) {
    return value != null
        && (Boolean.TRUE.equals(value.asBoolean()) || "true".equals(value.asString()));
  }
}
