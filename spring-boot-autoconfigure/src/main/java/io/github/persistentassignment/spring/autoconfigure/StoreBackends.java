package io.github.persistentassignment.spring.autoconfigure;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.spi.StoreOptions;
import io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import redis.clients.jedis.UnifiedJedis;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ways the starter builds its store, imported in order by {@link
 * PersistentAssignmentStoreAutoConfiguration}.
 */
final class StoreBackends {
  static final String URL = PersistentAssignmentProperties.PREFIX + ".store.url";
  static final String OPTIONS = PersistentAssignmentProperties.PREFIX + ".store.options";

  private StoreBackends() {}

  /** The store opened from {@code persistent-assignment.store.url}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "persistent-assignment.store", name = "url")
  @ConditionalOnMissingBean({PersistentStorage.class, PersistentAssignmentBackend.class})
  static class FromUrl {
    @Bean
    PersistentAssignmentBackend persistentAssignmentBackend(
        PersistentAssignmentProperties properties) {
      String url = properties.getStore().getUrl();
      Map<String, String> options = withExpireAfter(properties);
      String scheme;
      try {
        scheme = PersistentStorages.scheme(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(URL, redact(url), e.getMessage());
      }
      if (!PersistentStorages.availableSchemes().contains(scheme)) {
        throw new InvalidConfigurationPropertyValueException(
            URL,
            redact(url),
            "no storage module on the class path opens '"
                + scheme
                + ":' URLs; available: "
                + PersistentStorages.availableSchemes());
      }
      PersistentStorage storage;
      try {
        storage = PersistentStorages.open(url, options);
      } catch (IllegalArgumentException e) {
        // The URL's scheme is known, so the provider rejected an option or the URL's form; its
        // message names the option when it was one.
        String message = String.valueOf(e.getMessage());
        if (message.contains("option")) {
          throw new InvalidConfigurationPropertyValueException(OPTIONS, options.keySet(), message);
        }
        throw new InvalidConfigurationPropertyValueException(URL, redact(url), message);
      }
      return PersistentAssignmentBackend.owned(
          storage, storage.getClass().getSimpleName() + " (" + scheme + ":)");
    }
  }

  /** A JDBC store over the application's {@code DataSource}, which stays the application's. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoStoreUrl.class)
  @ConditionalOnClass({JdbcPersistentStorage.class, DataSource.class})
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnMissingBean({PersistentStorage.class, PersistentAssignmentBackend.class})
  static class FromDataSource {
    @Bean
    PersistentAssignmentBackend persistentAssignmentJdbcBackend(
        DataSource dataSource, PersistentAssignmentProperties properties) {
      StoreOptions options = StoreOptions.of("JDBC", withExpireAfter(properties));
      JdbcPersistentStorage.Builder builder = JdbcPersistentStorage.builder(dataSource);
      JdbcPersistentStorage storage =
          build(
              () -> {
                options.string("tableName").ifPresent(builder::tableName);
                options.bool("createTableIfMissing").ifPresent(builder::createTableIfMissing);
                options.duration("expireAfter").ifPresent(builder::expireAfter);
                options.count("maxValueBytes").ifPresent(builder::maxValueBytes);
                options.duration("operationTimeout").ifPresent(builder::operationTimeout);
                options.duration("poolTimeout").ifPresent(builder::poolTimeout);
                options.rejectUnknown();
                return builder.build();
              });
      // The storage borrows the pool: closing it releases nothing of the DataSource.
      return PersistentAssignmentBackend.owned(
          storage, "JdbcPersistentStorage (application DataSource)");
    }
  }

  /** A Redis store over the application's Redis client, which stays the application's. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoStoreUrl.class)
  @ConditionalOnClass({RedisPersistentStorage.class, UnifiedJedis.class})
  @ConditionalOnSingleCandidate(UnifiedJedis.class)
  @ConditionalOnMissingBean({PersistentStorage.class, PersistentAssignmentBackend.class})
  static class FromRedisClient {
    @Bean
    PersistentAssignmentBackend persistentAssignmentRedisBackend(
        UnifiedJedis client, PersistentAssignmentProperties properties) {
      StoreOptions options = StoreOptions.of("Redis", withExpireAfter(properties));
      RedisPersistentStorage.Builder builder = RedisPersistentStorage.builder(client);
      RedisPersistentStorage storage =
          build(
              () -> {
                options.string("keyPrefix").ifPresent(builder::keyPrefix);
                options.duration("expireAfter").ifPresent(builder::expireAfter);
                options.count("maxValueBytes").ifPresent(builder::maxValueBytes);
                options.rejectUnknown();
                return builder.build();
              });
      return PersistentAssignmentBackend.owned(
          storage,
          "RedisPersistentStorage (application " + client.getClass().getSimpleName() + ")");
    }
  }

  /** A DynamoDB store over the application's {@code DynamoDbClient}, which stays theirs. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoStoreUrl.class)
  @ConditionalOnClass({DynamoDbPersistentStorage.class, DynamoDbClient.class})
  @ConditionalOnSingleCandidate(DynamoDbClient.class)
  @ConditionalOnMissingBean({PersistentStorage.class, PersistentAssignmentBackend.class})
  static class FromDynamoDbClient {
    @Bean
    PersistentAssignmentBackend persistentAssignmentDynamoDbBackend(
        DynamoDbClient client, PersistentAssignmentProperties properties) {
      StoreOptions options = StoreOptions.of("DynamoDB", withExpireAfter(properties));
      DynamoDbPersistentStorage.Builder builder =
          DynamoDbPersistentStorage.builder().client(client);
      DynamoDbPersistentStorage storage =
          build(
              () -> {
                options.string("tableName").ifPresent(builder::tableName);
                options.bool("createTableIfMissing").ifPresent(builder::createTableIfMissing);
                options.bool("consistentReads").ifPresent(builder::consistentReads);
                options.duration("expireAfter").ifPresent(builder::expireAfter);
                options.count("maxValueBytes").ifPresent(builder::maxValueBytes);
                options.count("maxConcurrentQueries").ifPresent(builder::maxConcurrentQueries);
                options.duration("operationTimeout").ifPresent(builder::operationTimeout);
                options.rejectUnknown();
                return builder.build();
              });
      return PersistentAssignmentBackend.owned(
          storage, "DynamoDbPersistentStorage (application DynamoDbClient)");
    }
  }

  /** The application's client beans count only when no store URL is set. */
  static class NoStoreUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !context.getEnvironment().containsProperty(URL);
    }
  }

  /** Builds a store, reporting a rejected option or setting as a bad property. */
  private static <S> S build(java.util.function.Supplier<S> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(OPTIONS, "(see reason)", e.getMessage());
    }
  }

  /** The options, with {@code expire-after} as the stores' {@code expireAfter} option. */
  static Map<String, String> withExpireAfter(PersistentAssignmentProperties properties) {
    Map<String, String> options = new LinkedHashMap<>(properties.getStore().getOptions());
    Duration expireAfter = properties.getExpireAfter();
    if (expireAfter != null) {
      if (options.containsKey("expireAfter")) {
        throw new InvalidConfigurationPropertyValueException(
            OPTIONS + ".expireAfter",
            options.get("expireAfter"),
            "set either persistent-assignment.expire-after or this option, not both");
      }
      options.put("expireAfter", expireAfter.toString());
    }
    return options;
  }

  /** The URL without user-info or query, which may hold credentials. */
  static String redact(String url) {
    String result = url;
    int schemeEnd = result.indexOf("://");
    int at = result.lastIndexOf('@');
    if (schemeEnd > 0 && at > schemeEnd) {
      result = result.substring(0, schemeEnd + 3) + "…@" + result.substring(at + 1);
    }
    int query = result.indexOf('?');
    return query < 0 ? result : result.substring(0, query) + "?…";
  }
}
