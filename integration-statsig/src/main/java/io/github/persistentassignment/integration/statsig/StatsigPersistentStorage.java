package io.github.persistentassignment.integration.statsig;

import com.statsig.sdk.StatsigUser;
import com.statsig.sdk.persistent_storage.IUserPersistentStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.internal.LogSafe;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import kotlin.coroutines.Continuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any {@link PersistentStorage} as the user persistent storage of Statsig's Java server SDK ({@code
 * StatsigOptions.setUserPersistentStorage}).
 *
 * <p>Entries are stored in our universal format under the SDK's own keys ({@code
 * "<unitID>:<idType>"}) and experiment or layer names, so one store is shared by the SDK and by
 * {@link io.github.persistentassignment.PersistentAssignment}.
 *
 * <pre>{@code
 * StatsigPersistentStorage stickyStorage =
 *     StatsigPersistentStorage.of(RedisPersistentStorage.builder(redisUrl).build());
 * options.setUserPersistentStorage(stickyStorage); // StatsigOptions, before initializing Statsig
 *
 * GetExperimentOptions sticky =
 *     new GetExperimentOptions(
 *         false, // disableExposureLogging
 *         stickyStorage.persistedValues(user, "userID"), // always: see below
 *         new PersistentAssignmentOptions(false, false)); // enforceTargeting, enforceOverrides
 * DynamicConfig experiment = statsig.getExperimentSync(user, "checkout_button", sticky);
 * }</pre>
 *
 * <p>Statsig's SDK calls this storage inside {@code getExperimentSync} and {@code getLayerSync}.
 * What each call does:
 *
 * <ul>
 *   <li>{@code load} (both overloads) reads every entry of the key in one call. If the storage
 *       fails, it logs and returns an empty map: the SDK then serves the live result and asks to
 *       save it, which cannot overwrite anything (below).
 *   <li>{@code save} is {@link PersistentStorage#saveIfAbsent}: the SDK saves only when the
 *       persisted values it was given hold no entry for the experiment, so a first write winning is
 *       what it means; and an entry that is in storage after all (a failed load, a concurrent
 *       request, an entry our core wrote with a configuration version) is never replaced.
 *   <li>{@code delete} is {@link PersistentStorage#delete}.
 *   <li>Storage failures in {@code save} and {@code delete} are logged (a warning naming the
 *       operation and the exception types once per outage; the key and the exception at DEBUG) and
 *       never reach the SDK. The SDK (2.2.2) catches an exception from its storage inside {@code
 *       getExperimentSync} and returns an empty result (no group, no parameters, no evaluation
 *       details) instead of the evaluation; swallowing the failure here serves the live result, as
 *       our own core does.
 *   <li>Keys without a unit ID are ignored: the SDK builds the key of a user who lacks the unit ID
 *       as {@code "null:<idType>"} (or {@code ":<idType>"} for an empty ID), which would pin every
 *       such user to one shared entry. For keys starting with {@code "null:"} or {@code ":"},
 *       {@code load} returns nothing and {@code save} and {@code delete} do nothing, as our core
 *       does for a user with no unit ID. A user whose ID is literally the text {@code null} is
 *       therefore not persisted.
 * </ul>
 *
 * <p>Statsig's SDK deletes the stored entry on every {@code getExperimentSync(user, name)} made
 * <em>without</em> persisted values, as well as when the experiment is inactive. Always pass {@link
 * #persistedValues(StatsigUser, String)} in {@code GetExperimentOptions} for experiments whose
 * assignment must persist.
 *
 * <p>Thread-safe when the underlying storage is. This class never closes the storage it wraps.
 */
public final class StatsigPersistentStorage implements IUserPersistentStorage {
  private static final Logger LOG = LoggerFactory.getLogger(StatsigPersistentStorage.class);

  private final PersistentStorage storage;

  /** True from a failure until the next success: one warning per outage, not one per call. */
  private final AtomicBoolean failing = new AtomicBoolean();

  private StatsigPersistentStorage(PersistentStorage storage) {
    this.storage = storage;
  }

  /**
   * Wraps a storage. The caller keeps owning it and closes it after the Statsig server shuts down.
   *
   * @param storage any storage, ours or an adapter of your own
   * @return the SDK-facing storage
   * @throws NullPointerException if {@code storage} is null
   */
  public static StatsigPersistentStorage of(PersistentStorage storage) {
    return new StatsigPersistentStorage(Objects.requireNonNull(storage, "storage"));
  }

  /**
   * The wrapped storage.
   *
   * @return the storage given to {@link #of(PersistentStorage)}
   */
  public PersistentStorage storage() {
    return storage;
  }

  /**
   * The persisted values of a user for {@code GetExperimentOptions} or {@code GetLayerOptions}: one
   * load from storage, keyed as the SDK looks them up (storage key, then config name).
   *
   * <p>A user with no unit ID of that type gets an empty map. If the storage fails, the user's key
   * maps to an empty map: the SDK serves live results and its saves cannot overwrite stored
   * entries, and it deletes nothing (a {@code null} map would make it delete).
   *
   * @param user the user being evaluated
   * @param idType the experiment's id type, spelled as in the experiment, such as {@code userID}
   * @return a mutable map, never null
   * @throws NullPointerException if an argument is null
   */
  public Map<String, Map<String, com.statsig.sdk.persistent_storage.StickyValues>> persistedValues(
      StatsigUser user, String idType) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idType, "idType");
    Optional<String> key = StatsigPersistedValues.storageKey(user, idType);
    if (key.isEmpty()) {
      return StatsigPersistedValues.of(Map.of());
    }
    return StatsigPersistedValues.of(Map.of(key.get(), loadOrEmpty(key.get())));
  }

  @Override
  public Object load(
      String key,
      Continuation<? super Map<String, com.statsig.sdk.persistent_storage.StickyValues>>
          continuation) {
    return StatsigPersistedValues.toStatsig(loadOrEmpty(key));
  }

  @Override
  public Object load(
      String key,
      List<String> configNames,
      Continuation<? super Map<String, com.statsig.sdk.persistent_storage.StickyValues>>
          continuation) {
    // The SDK filters by name itself; one load of the whole key is one round trip.
    return StatsigPersistedValues.toStatsig(loadOrEmpty(key));
  }

  @Override
  public void save(
      String key, String configName, com.statsig.sdk.persistent_storage.StickyValues data) {
    if (lacksUnitId(key)) {
      return;
    }
    try {
      // Inside the try: a value our format cannot hold must not turn into an empty SDK result.
      StickyValues values = StatsigStickyValues.fromStatsig(data);
      Optional<StickyValues> existing = storage.saveIfAbsent(key, configName, values);
      succeeded();
      if (existing.isPresent()) {
        LOG.debug("Kept the stored '{}' entry of key '{}' over the SDK's save", configName, key);
      }
    } catch (RuntimeException e) {
      failed("save of '" + configName + "'", key, e);
    }
  }

  @Override
  public void delete(String key, String configName) {
    if (lacksUnitId(key)) {
      return;
    }
    try {
      storage.delete(key, configName);
      succeeded();
    } catch (RuntimeException e) {
      failed("delete of '" + configName + "'", key, e);
    }
  }

  /** The SDK's key for a user without the unit ID: {@code "null:<idType>"} or {@code ":…"}. */
  private static boolean lacksUnitId(String key) {
    return key.startsWith(":") || key.startsWith("null:");
  }

  private UserPersistedValues loadOrEmpty(String key) {
    if (lacksUnitId(key)) {
      return UserPersistedValues.empty();
    }
    try {
      UserPersistedValues values = storage.load(key);
      succeeded();
      return values;
    } catch (RuntimeException e) {
      failed("load", key, e);
      return UserPersistedValues.empty();
    }
  }

  private void failed(String operation, String key, RuntimeException e) {
    if (failing.compareAndSet(false, true)) {
      LOG.warn(
          "Statsig persistent storage: {} failed ({}); serving live results, and no stored entry"
              + " is replaced, until storage answers again. The key and the exception are logged"
              + " at DEBUG",
          operation,
          LogSafe.exceptionTypes(e));
      LOG.debug("Statsig persistent storage: {} for key '{}' failed", operation, key, e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Statsig persistent storage: {} for key '{}' failed: {}", operation, key, e.toString());
    }
  }

  private void succeeded() {
    if (failing.get() && failing.compareAndSet(true, false)) {
      LOG.info("Statsig persistent storage: storage is answering again");
    }
  }
}
