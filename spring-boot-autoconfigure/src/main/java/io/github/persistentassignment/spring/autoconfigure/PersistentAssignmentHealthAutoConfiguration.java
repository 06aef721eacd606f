package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Defines {@link PersistentAssignmentHealthIndicator} (health contributor {@code
 * persistentAssignment}) when Spring Boot's health support (Actuator) is on the class path. It
 * probes the {@link PersistentAssignmentBackend}'s store, or the application's own {@code
 * PersistentStorage} bean. {@code management.health.persistent-assignment.enabled=false} turns it
 * off.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = PersistentAssignmentAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("persistent-assignment")
public class PersistentAssignmentHealthAutoConfiguration {
  /** Created by Spring. */
  public PersistentAssignmentHealthAutoConfiguration() {}

  /**
   * The indicator.
   *
   * @param storage the storage bean, probed when there is no backend bean
   * @param backend the starter's store, probed under the cache
   * @param assignments the instances whose failure counts are shown
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "persistentAssignmentHealthIndicator")
  @ConditionalOnBean(PersistentStorage.class)
  public PersistentAssignmentHealthIndicator persistentAssignmentHealthIndicator(
      ObjectProvider<PersistentStorage> storage,
      ObjectProvider<PersistentAssignmentBackend> backend,
      ObjectProvider<PersistentAssignment> assignments) {
    PersistentAssignmentBackend own = backend.getIfUnique();
    if (own != null) {
      return new PersistentAssignmentHealthIndicator(
          own.storage(),
          own.description(),
          () -> assignments.orderedStream().toList(),
          Clock.systemUTC());
    }
    PersistentStorage theirs = storage.getObject();
    return new PersistentAssignmentHealthIndicator(
        theirs,
        theirs.getClass().getSimpleName() + " (application bean)",
        () -> assignments.orderedStream().toList(),
        Clock.systemUTC());
  }
}
