package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.Evaluator;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.cache.caffeine.CachingPersistentStorage;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.metrics.micrometer.MeteredPersistentStorage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Defines the {@code PersistentStorage} bean (the {@link PersistentAssignmentBackend}'s store
 * wrapped by every {@link PersistentStorageDecorator}: the near cache when {@code
 * persistent-assignment.cache.enabled}, the meters when Micrometer and a {@code MeterRegistry} are
 * present) and the {@code ExperimentCatalog} from {@code persistent-assignment.experiments}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = PersistentAssignmentStoreAutoConfiguration.class)
public class PersistentAssignmentStorageAutoConfiguration {
  /** Created by Spring. */
  public PersistentAssignmentStorageAutoConfiguration() {}

  /**
   * The store with its decorators applied, lowest order first.
   *
   * @param backend the store
   * @param decorators the decorators
   * @return the storage the application and {@code PersistentAssignment} use
   */
  // No destroy method: the meters' close() would close the store, which only the backend bean may
  // close (and only when it owns it).
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(PersistentStorage.class)
  @ConditionalOnBean(PersistentAssignmentBackend.class)
  public PersistentStorage persistentAssignmentStorage(
      PersistentAssignmentBackend backend, ObjectProvider<PersistentStorageDecorator> decorators) {
    PersistentStorage storage = backend.storage();
    for (PersistentStorageDecorator decorator : decorators.orderedStream().toList()) {
      storage = decorator.decorate(storage);
    }
    return storage;
  }

  /**
   * The experiment catalog read from {@code persistent-assignment.experiments}, unless the
   * application defines its own evaluator.
   *
   * @param properties the properties
   * @return the catalog
   */
  @Bean
  @ConditionalOnProperty(prefix = PersistentAssignmentProperties.PREFIX, name = "experiments")
  @ConditionalOnMissingBean(Evaluator.class)
  public ExperimentCatalog persistentAssignmentExperimentCatalog(
      PersistentAssignmentProperties properties) {
    Resource resource = properties.getExperiments();
    String property = PersistentAssignmentProperties.PREFIX + ".experiments";
    try (InputStream in = resource.getInputStream()) {
      return ExperimentCatalog.fromJson(in, resource.getDescription());
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigurationPropertyValueException(
          property, resource.getDescription(), String.valueOf(e.getMessage()));
    }
  }

  /** The Caffeine near cache, when on. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CachingPersistentStorage.class)
  @ConditionalOnBooleanProperty(PersistentAssignmentProperties.PREFIX + ".cache.enabled")
  static class NearCache {
    @Bean
    PersistentStorageDecorator persistentAssignmentCacheDecorator(
        PersistentAssignmentProperties properties) {
      PersistentAssignmentProperties.Cache cache = properties.getCache();
      return PersistentStorageDecorator.of(
          PersistentStorageDecorator.CACHE_ORDER,
          storage -> {
            // Checked when the storage bean is built, so a bad setting fails startup naming it.
            try {
              var builder =
                  CachingPersistentStorage.builder(storage)
                      .freshFor(cache.getFreshFor())
                      .maximumUsers(cache.getMaximumUsers());
              if (cache.getServeStaleOnFailure() != null) {
                builder.serveStaleOnFailure(cache.getServeStaleOnFailure());
              }
              return builder.build();
            } catch (IllegalArgumentException e) {
              throw new InvalidConfigurationPropertyValueException(
                  PersistentAssignmentProperties.PREFIX + ".cache", "(see reason)", e.getMessage());
            }
          });
    }
  }

  /** Timers on every store call, when Micrometer and a registry are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeteredPersistentStorage.class, MeterRegistry.class})
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  @ConditionalOnBooleanProperty(
      name = PersistentAssignmentProperties.PREFIX + ".metrics.enabled",
      matchIfMissing = true)
  static class StorageMetrics {
    @Bean
    PersistentStorageDecorator persistentAssignmentMetricsDecorator(MeterRegistry registry) {
      return PersistentStorageDecorator.of(
          PersistentStorageDecorator.METRICS_ORDER,
          storage -> MeteredPersistentStorage.builder(storage, registry).build());
    }
  }
}
