package io.github.persistentassignment.spring.autoconfigure;

import com.statsig.sdk.persistent_storage.IUserPersistentStorage;
import io.github.persistentassignment.DecisionListener;
import io.github.persistentassignment.Evaluator;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.integration.statsig.StatsigPersistentStorage;
import io.github.persistentassignment.metrics.micrometer.PersistentAssignmentMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Defines the {@code PersistentAssignment} bean when a {@code PersistentStorage} and an {@code
 * Evaluator} bean exist (the starter's {@code ExperimentCatalog} from {@code
 * persistent-assignment.experiments} is one), its Micrometer meters, and Statsig's {@code
 * StatsigPersistentStorage} over the storage when Statsig's SDK is on the class path.
 *
 * <p>Every {@code DecisionListener} bean (the meters' among them) hears every decision.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = PersistentAssignmentStorageAutoConfiguration.class)
public class PersistentAssignmentAutoConfiguration {
  private static final Logger LOG =
      LoggerFactory.getLogger(PersistentAssignmentAutoConfiguration.class);

  /** Created by Spring. */
  public PersistentAssignmentAutoConfiguration() {}

  /**
   * The assignments, from the storage and evaluator beans.
   *
   * @param storage the storage bean
   * @param evaluator the evaluator bean
   * @param listeners every decision listener bean
   * @return the instance
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(Evaluator.class)
  @ConditionalOnBean(PersistentStorage.class)
  public PersistentAssignment persistentAssignment(
      PersistentStorage storage, Evaluator evaluator, ObjectProvider<DecisionListener> listeners) {
    List<DecisionListener> all = listeners.orderedStream().toList();
    PersistentAssignment.Builder builder =
        PersistentAssignment.builder().storage(storage).evaluator(evaluator);
    if (all.size() == 1) {
      builder.decisionListener(all.get(0));
    } else if (!all.isEmpty()) {
      builder.decisionListener(
          assignment -> {
            for (DecisionListener listener : all) {
              // One failing listener must not keep the decision from the others.
              try {
                listener.decided(assignment);
              } catch (RuntimeException e) {
                LOG.warn("DecisionListener {} failed; ignored", listener.getClass().getName(), e);
              }
            }
          });
    }
    return builder.build();
  }

  /** Decision counters and storage failure and outage counters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({PersistentAssignmentMetrics.class, MeterRegistry.class})
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  @ConditionalOnBooleanProperty(
      name = PersistentAssignmentProperties.PREFIX + ".metrics.enabled",
      matchIfMissing = true)
  static class DecisionMetrics {
    @Bean
    @ConditionalOnMissingBean
    PersistentAssignmentMetrics persistentAssignmentMetrics(MeterRegistry registry) {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      metrics.bindTo(registry);
      return metrics;
    }

    /** Lets the failure and outage counters read every PersistentAssignment bean, once built. */
    @Bean
    static SmartInitializingSingleton persistentAssignmentMetricsMonitor(
        ObjectProvider<PersistentAssignmentMetrics> metrics,
        ObjectProvider<PersistentAssignment> assignments) {
      return () ->
          metrics.ifAvailable(binder -> assignments.orderedStream().forEach(binder::monitor));
    }
  }

  /** Statsig's SDK storage over the same store, so the SDK and the core share entries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({StatsigPersistentStorage.class, IUserPersistentStorage.class})
  static class Statsig {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(PersistentStorage.class)
    StatsigPersistentStorage statsigPersistentStorage(PersistentStorage storage) {
      return StatsigPersistentStorage.of(storage);
    }
  }
}
