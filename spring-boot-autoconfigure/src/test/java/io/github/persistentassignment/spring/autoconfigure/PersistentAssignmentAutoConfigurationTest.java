package io.github.persistentassignment.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.statsig.sdk.persistent_storage.IUserPersistentStorage;
import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.DecisionListener;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.cache.caffeine.CachingPersistentStorage;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.integration.statsig.StatsigPersistentStorage;
import io.github.persistentassignment.metrics.micrometer.MeteredPersistentStorage;
import io.github.persistentassignment.metrics.micrometer.PersistentAssignmentMetrics;
import io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every condition of the auto-configuration, on real stores. */
class PersistentAssignmentAutoConfigurationTest {
  private static final String EXPERIMENTS =
      "persistent-assignment.experiments=classpath:experiments.json";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PersistentAssignmentStoreAutoConfiguration.class,
                  PersistentAssignmentStorageAutoConfiguration.class,
                  PersistentAssignmentAutoConfiguration.class,
                  PersistentAssignmentHealthAutoConfiguration.class));

  @Test
  void storeUrlOpensAnOwnedStoreThatClosesWithTheContext() {
    List<PersistentStorage> seen = new ArrayList<>();
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PersistentStorage storage = context.getBean(PersistentStorage.class);
              assertThat(storage).isInstanceOf(InMemoryPersistentStorage.class);
              PersistentAssignmentBackend backend =
                  context.getBean(PersistentAssignmentBackend.class);
              assertThat(backend.owned()).isTrue();
              assertThat(backend.description()).isEqualTo("InMemoryPersistentStorage (memory:)");
              // No evaluator: no PersistentAssignment.
              assertThat(context).doesNotHaveBean(PersistentAssignment.class);
              seen.add(storage);
            });
    assertThatThrownBy(() -> seen.get(0).load("user-1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void storeOptionsAndExpireAfterReachTheStore() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.store.options.maxValueBytes=10",
            "persistent-assignment.expire-after=90d")
        .run(
            context -> {
              PersistentStorage storage = context.getBean(PersistentStorage.class);
              StickyValues big =
                  StickyValues.builder().value(true).groupName("X".repeat(50)).build();
              assertThatThrownBy(() -> storage.save("user-1", "exp", big))
                  .isInstanceOf(IllegalArgumentException.class);
            });
  }

  @Test
  void experimentsBecomeACatalogAndAPersistentAssignmentThatSticks() {
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ExperimentCatalog.class);
              PersistentAssignment assignment = context.getBean(PersistentAssignment.class);
              Assignment first =
                  assignment.forUser(User.of("alice")).getExperiment("checkout_button");
              Assignment again =
                  assignment.forUser(User.of("alice")).getExperiment("checkout_button");
              assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
              assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
              assertThat(again.groupName()).isEqualTo(first.groupName());
            });
  }

  @Test
  void anEvaluatorOfTheApplicationWinsOverTheExperimentsProperty() {
    ExperimentCatalog own =
        ExperimentCatalog.fromJson(
            "{\"experiments\":[{\"name\":\"own\",\"groups\":[{\"name\":\"A\",\"weight\":1}]}]}",
            "own");
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .withBean("ownCatalog", ExperimentCatalog.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ExperimentCatalog.class);
              assertThat(context.getBean(PersistentAssignment.class)).isNotNull();
              assertThat(
                      context
                          .getBean(PersistentAssignment.class)
                          .forUser(User.of("u"))
                          .getExperiment("own")
                          .groupName())
                  .isEqualTo("A");
            });
  }

  @Test
  void theApplicationsOwnBeansReplaceTheStartersAndAreNotClosedByIt() {
    InMemoryPersistentStorage own = InMemoryPersistentStorage.create();
    PersistentAssignment ownAssignment =
        PersistentAssignment.builder()
            .storage(own)
            .evaluator(ExperimentCatalog.builder().build())
            .build();
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .withBean("ownStorage", PersistentStorage.class, () -> own, d -> d.setDestroyMethodName(""))
        .withBean(PersistentAssignment.class, () -> ownAssignment)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PersistentAssignmentBackend.class);
              assertThat(context.getBean(PersistentStorage.class)).isSameAs(own);
              assertThat(context.getBean(PersistentAssignment.class)).isSameAs(ownAssignment);
              Health health = context.getBean(PersistentAssignmentHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("backend", "InMemoryPersistentStorage (application bean)");
            });
    assertThat(own.load("user-1").isAvailable()).isTrue();
  }

  @Test
  void aBackendOfTheApplicationGetsTheCacheAndIsClosedOnlyWhenOwned() {
    InMemoryPersistentStorage borrowed = InMemoryPersistentStorage.create();
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:", "persistent-assignment.cache.enabled=true")
        .withBean(
            PersistentAssignmentBackend.class,
            () -> PersistentAssignmentBackend.borrowed(borrowed, "mine"))
        .run(
            context -> {
              assertThat(context.getBean(PersistentStorage.class))
                  .isInstanceOf(CachingPersistentStorage.class);
              assertThat(context.getBean(PersistentAssignmentBackend.class).description())
                  .isEqualTo("mine");
            });
    assertThat(borrowed.load("user-1").isAvailable()).isTrue();
  }

  @Test
  void theCacheWrapsTheStoreWhenEnabled() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.cache.enabled=true",
            "persistent-assignment.cache.fresh-for=30s",
            "persistent-assignment.cache.maximum-users=100",
            "persistent-assignment.cache.serve-stale-on-failure=5m")
        .run(
            context -> {
              PersistentStorage storage = context.getBean(PersistentStorage.class);
              assertThat(storage).isInstanceOf(CachingPersistentStorage.class);
              PersistentStorage store =
                  context.getBean(PersistentAssignmentBackend.class).storage();
              StickyValues values = StickyValues.builder().value(true).groupName("Test").build();
              assertThat(storage.load("user-1").get("exp")).isEmpty(); // now cached
              storage.save("user-1", "exp", values);
              // Write-through, then served from the cache even after the store lost it.
              store.deleteAll("user-1");
              assertThat(storage.load("user-1").get("exp")).isPresent();
            });
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(
            context ->
                assertThat(context.getBean(PersistentStorage.class))
                    .isInstanceOf(InMemoryPersistentStorage.class));
  }

  @Test
  void theCacheIsLeftOutWhenItsModuleIsMissing() {
    runner
        .withClassLoader(new FilteredClassLoader(CachingPersistentStorage.class))
        .withPropertyValues(
            "persistent-assignment.store.url=memory:", "persistent-assignment.cache.enabled=true")
        .run(
            context ->
                assertThat(context.getBean(PersistentStorage.class))
                    .isInstanceOf(InMemoryPersistentStorage.class));
  }

  @Test
  void aBadCacheSettingFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.cache.enabled=true",
            "persistent-assignment.cache.maximum-users=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.cache")
                    .hasMessageContaining("maximumUsers"));
  }

  @Test
  void metersWhenARegistryIsPresentAndMetricsEnabled() {
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context.getBean(PersistentStorage.class))
                  .isInstanceOf(MeteredPersistentStorage.class);
              assertThat(context).hasSingleBean(PersistentAssignmentMetrics.class);
              PersistentAssignment assignment = context.getBean(PersistentAssignment.class);
              assignment.forUser(User.of("alice")).getExperiment("checkout_button");
              assignment.forUser(User.of("alice")).getExperiment("checkout_button");
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get(PersistentAssignmentMetrics.DECISIONS)
                          .tag("reason", "evaluated")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get(PersistentAssignmentMetrics.DECISIONS)
                          .tag("reason", "persisted")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get(MeteredPersistentStorage.TIMER)
                          .tag("operation", "load")
                          .tag("outcome", "success")
                          .timer()
                          .count())
                  .isEqualTo(2);
              assertThat(
                      registry.get(PersistentAssignmentMetrics.STORAGE_FAILURES).functionCounter())
                  .isNotNull();
            });
  }

  @Test
  void metersAreOffByPropertyOrWithoutMicrometerOrWithoutARegistry() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            EXPERIMENTS,
            "persistent-assignment.metrics.enabled=false")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context.getBean(PersistentStorage.class))
                  .isInstanceOf(InMemoryPersistentStorage.class);
              assertThat(context).doesNotHaveBean(PersistentAssignmentMetrics.class);
            });
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .run(context -> assertThat(context).doesNotHaveBean(PersistentAssignmentMetrics.class));
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PersistentAssignmentMetrics.class);
              assertThat(context).hasSingleBean(PersistentAssignment.class);
            });
  }

  @Test
  void everyDecisionListenerBeanHearsEveryDecision() {
    List<Assignment> heard = new ArrayList<>();
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:", EXPERIMENTS)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("audit", DecisionListener.class, () -> heard::add)
        .withBean(
            "failing",
            DecisionListener.class,
            () ->
                assignment -> {
                  throw new IllegalStateException("listener bug");
                })
        .run(
            context -> {
              context
                  .getBean(PersistentAssignment.class)
                  .forUser(User.of("bob"))
                  .getExperiment("checkout_button");
              assertThat(heard).hasSize(1);
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(PersistentAssignmentMetrics.DECISIONS)
                          .tag("reason", "evaluated")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void statsigStorageWhenTheSdkIsOnTheClassPath() {
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(
            context -> {
              StatsigPersistentStorage statsig = context.getBean(StatsigPersistentStorage.class);
              assertThat(statsig.storage()).isSameAs(context.getBean(PersistentStorage.class));
            });
    runner
        .withClassLoader(new FilteredClassLoader(IUserPersistentStorage.class))
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(context -> assertThat(context).doesNotHaveBean(StatsigPersistentStorage.class));
  }

  @Test
  void healthIsUpWithTheBackendAndAbsentWithoutActuator() {
    runner
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(
            context -> {
              Health health = context.getBean(PersistentAssignmentHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("backend", "InMemoryPersistentStorage (memory:)");
            });
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .withPropertyValues("persistent-assignment.store.url=memory:")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PersistentAssignmentHealthIndicator.class);
            });
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "management.health.persistent-assignment.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
  }

  @Test
  void nothingWithoutAStore() {
    runner
        .withPropertyValues(EXPERIMENTS)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ExperimentCatalog.class);
              assertThat(context).doesNotHaveBean(PersistentStorage.class);
              assertThat(context).doesNotHaveBean(PersistentAssignment.class);
              assertThat(context).doesNotHaveBean(HealthIndicator.class);
            });
  }

  @Test
  void theApplicationsDataSourceOnRealPostgres() {
    String table = Backends.unique("pa_spring_");
    try (HikariDataSource dataSource = Backends.postgres(null)) {
      runner
          .withBean(javax.sql.DataSource.class, () -> dataSource, d -> d.setDestroyMethodName(""))
          .withPropertyValues(
              EXPERIMENTS,
              "persistent-assignment.store.options.tableName=" + table,
              "persistent-assignment.store.options.createTableIfMissing=true")
          .run(
              context -> {
                PersistentAssignmentBackend backend =
                    context.getBean(PersistentAssignmentBackend.class);
                assertThat(backend.storage()).isInstanceOf(JdbcPersistentStorage.class);
                assertThat(((JdbcPersistentStorage) backend.storage()).tableName())
                    .isEqualTo(table);
                assertThat(backend.description())
                    .isEqualTo("JdbcPersistentStorage (application DataSource)");
                PersistentAssignment assignment = context.getBean(PersistentAssignment.class);
                Assignment first =
                    assignment.forUser(User.of("carol")).getExperiment("checkout_button");
                Assignment again =
                    assignment.forUser(User.of("carol")).getExperiment("checkout_button");
                assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
                assertThat(again.groupName()).isEqualTo(first.groupName());
                assertThat(
                        context
                            .getBean(PersistentAssignmentHealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
              });
      // The starter closed its storage, not the application's pool.
      assertThat(dataSource.isClosed()).isFalse();
    } finally {
      Backends.dropTable(table);
    }
  }

  @Test
  void aStoreUrlWinsOverTheApplicationsDataSourceAndJdbcNeedsItsModule() {
    try (HikariDataSource dataSource = Backends.postgres(null)) {
      runner
          .withBean(javax.sql.DataSource.class, () -> dataSource, d -> d.setDestroyMethodName(""))
          .withPropertyValues("persistent-assignment.store.url=memory:")
          .run(
              context ->
                  assertThat(context.getBean(PersistentAssignmentBackend.class).storage())
                      .isInstanceOf(InMemoryPersistentStorage.class));
      runner
          .withClassLoader(new FilteredClassLoader(JdbcPersistentStorage.class))
          .withBean(javax.sql.DataSource.class, () -> dataSource, d -> d.setDestroyMethodName(""))
          .run(context -> assertThat(context).doesNotHaveBean(PersistentStorage.class));
    }
  }

  @Test
  void theDataSourceComesBeforeARedisClient() {
    try (HikariDataSource dataSource = Backends.postgres(null);
        RedisClient client = Backends.redis(null)) {
      runner
          .withBean(javax.sql.DataSource.class, () -> dataSource, d -> d.setDestroyMethodName(""))
          .withBean(UnifiedJedis.class, () -> client, d -> d.setDestroyMethodName(""))
          .run(
              context ->
                  assertThat(context.getBean(PersistentAssignmentBackend.class).storage())
                      .isInstanceOf(JdbcPersistentStorage.class));
    }
  }

  @Test
  void theApplicationsRedisClientOnRealRedis() {
    String prefix = Backends.unique("pa-spring-") + ":";
    try (RedisClient client = Backends.redis(null)) {
      runner
          .withBean(UnifiedJedis.class, () -> client, d -> d.setDestroyMethodName(""))
          .withPropertyValues(
              EXPERIMENTS, "persistent-assignment.store.options.keyPrefix=" + prefix)
          .run(
              context -> {
                PersistentAssignmentBackend backend =
                    context.getBean(PersistentAssignmentBackend.class);
                assertThat(backend.storage()).isInstanceOf(RedisPersistentStorage.class);
                assertThat(((RedisPersistentStorage) backend.storage()).keyPrefix())
                    .isEqualTo(prefix);
                PersistentAssignment assignment = context.getBean(PersistentAssignment.class);
                Assignment first =
                    assignment.forUser(User.of("dave")).getExperiment("checkout_button");
                assertThat(
                        assignment
                            .forUser(User.of("dave"))
                            .getExperiment("checkout_button")
                            .groupName())
                    .isEqualTo(first.groupName());
                assertThat(client.exists(prefix + "dave:userID")).isTrue();
              });
      // The application's client still works after the context closed.
      assertThat(client.ping()).isEqualTo("PONG");
      runner
          .withClassLoader(new FilteredClassLoader(RedisPersistentStorage.class))
          .withBean(UnifiedJedis.class, () -> client, d -> d.setDestroyMethodName(""))
          .run(context -> assertThat(context).doesNotHaveBean(PersistentStorage.class));
    } finally {
      Backends.deleteKeys(prefix);
    }
  }

  @Test
  void redisOptionsTheClientPathDoesNotKnowFailStartup() {
    try (RedisClient client = Backends.redis(null)) {
      runner
          .withBean(UnifiedJedis.class, () -> client, d -> d.setDestroyMethodName(""))
          .withPropertyValues("persistent-assignment.store.options.tableName=nope")
          .run(
              context ->
                  assertThat(context)
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("persistent-assignment.store.options")
                      .hasMessageContaining("tableName"));
    }
  }

  @Test
  void theApplicationsDynamoDbClient() {
    // Building the client and the store does no I/O: nothing needs to listen there.
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      runner
          .withBean(DynamoDbClient.class, () -> client, d -> d.setDestroyMethodName(""))
          .withPropertyValues("persistent-assignment.store.options.tableName=pa_spring")
          .run(
              context -> {
                PersistentAssignmentBackend backend =
                    context.getBean(PersistentAssignmentBackend.class);
                assertThat(backend.storage()).isInstanceOf(DynamoDbPersistentStorage.class);
                assertThat(((DynamoDbPersistentStorage) backend.storage()).tableName())
                    .isEqualTo("pa_spring");
                // Nothing listens: DOWN, and the context is still up.
                assertThat(
                        context
                            .getBean(PersistentAssignmentHealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.DOWN);
              });
      runner
          .withClassLoader(new FilteredClassLoader(DynamoDbPersistentStorage.class))
          .withBean(DynamoDbClient.class, () -> client, d -> d.setDestroyMethodName(""))
          .run(context -> assertThat(context).doesNotHaveBean(PersistentStorage.class));
    }
  }

  @Test
  void anUnknownSchemeFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("persistent-assignment.store.url=mongodb://user:secret@db:27017/x")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.store.url")
                    .hasMessageContaining("mongodb")
                    .hasMessageNotContaining("secret"));
    // A known scheme in a form its module rejects.
    runner
        .withPropertyValues("persistent-assignment.store.url=sqlite:")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.store.url")
                    .hasMessageContaining("file path"));
  }

  @Test
  void anUnknownOptionFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.store.options.keyPrefx=x")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.store.options")
                    .hasMessageContaining("keyPrefx"));
  }

  @Test
  void aMalformedDurationFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.expire-after=5 parsecs")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "Failed to bind properties under 'persistent-assignment.expire-after'"));
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.store.options.maxValueBytes=lots")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.store.options")
                    .hasMessageContaining("maxValueBytes"));
  }

  @Test
  void aMissingOrBrokenCatalogFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues(
            "persistent-assignment.store.url=memory:",
            "persistent-assignment.experiments=classpath:no-such-file.json")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persistent-assignment.experiments"));
  }

  @Test
  void aStoreThatIsDownAtStartupDoesNotFailStartup() {
    for (String url :
        List.of("redis://127.0.0.1:9", "jdbc:postgresql://127.0.0.1:9/test?user=postgres")) {
      runner
          .withPropertyValues("persistent-assignment.store.url=" + url, EXPERIMENTS)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                Assignment live =
                    context
                        .getBean(PersistentAssignment.class)
                        .forUser(User.of("erin"))
                        .getExperiment("checkout_button");
                assertThat(live.reason()).isEqualTo(Assignment.Reason.STORAGE_UNAVAILABLE);
                assertThat(live.groupName()).isNotNull();
                Health health = context.getBean(PersistentAssignmentHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsKey("outage");
                assertThat(health.getDetails()).containsEntry("storageOutages", 1L);
              });
    }
  }

  @Test
  void configurationMetadataNamesEveryProperty() throws Exception {
    String metadata;
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String property :
        List.of(
            "persistent-assignment.store.url",
            "persistent-assignment.store.options",
            "persistent-assignment.expire-after",
            "persistent-assignment.cache.enabled",
            "persistent-assignment.cache.fresh-for",
            "persistent-assignment.cache.maximum-users",
            "persistent-assignment.cache.serve-stale-on-failure",
            "persistent-assignment.metrics.enabled",
            "persistent-assignment.experiments")) {
      assertThat(metadata).contains("\"name\": \"" + property + "\"");
    }
  }
}
