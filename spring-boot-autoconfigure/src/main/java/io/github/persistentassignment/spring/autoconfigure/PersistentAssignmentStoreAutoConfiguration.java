package io.github.persistentassignment.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Defines the {@link PersistentAssignmentBackend}: the store the starter builds, from the first of
 * these that applies.
 *
 * <ol>
 *   <li>{@code persistent-assignment.store.url} is set: {@code PersistentStorages.open(url,
 *       options)}, through whichever storage modules are on the class path.
 *   <li>The application has a {@code DataSource} bean and storage-jdbc is on the class path: a
 *       {@code JdbcPersistentStorage} over it.
 *   <li>A Redis client bean ({@code UnifiedJedis}: {@code RedisClient}, {@code JedisPooled}, a
 *       cluster client) and storage-redis: a {@code RedisPersistentStorage} over it.
 *   <li>A {@code DynamoDbClient} bean and storage-dynamodb: a {@code DynamoDbPersistentStorage}.
 * </ol>
 *
 * <p>None applies when the application defines a {@code PersistentStorage} or {@code
 * PersistentAssignmentBackend} bean of its own. Client beans are borrowed, never closed; a store
 * opened from a URL is owned and closed with the context. Building a store does no I/O, so a store
 * that is down at startup does not fail startup.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@EnableConfigurationProperties(PersistentAssignmentProperties.class)
// Imported in this order, each backing off when an earlier one defined the backend. They are not
// member classes of this one: Spring would process those first, in no order of ours.
@Import({
  StoreBackends.FromUrl.class,
  StoreBackends.FromDataSource.class,
  StoreBackends.FromRedisClient.class,
  StoreBackends.FromDynamoDbClient.class
})
public class PersistentAssignmentStoreAutoConfiguration {
  /** Created by Spring. */
  public PersistentAssignmentStoreAutoConfiguration() {}
}
