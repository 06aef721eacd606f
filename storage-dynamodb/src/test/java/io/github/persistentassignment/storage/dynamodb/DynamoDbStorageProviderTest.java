package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("dynamodb:// URLs, and enumeration with Scan")
class DynamoDbStorageProviderTest {
  private static @Nullable String savedKeyId;
  private static @Nullable String savedSecret;

  /** DynamoDB Local checks no credentials, but the SDK's default chain must find some. */
  @BeforeAll
  static void dummyCredentials() {
    savedKeyId = System.setProperty("aws.accessKeyId", "test");
    savedSecret = System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void restoreCredentials() {
    restore("aws.accessKeyId", savedKeyId);
    restore("aws.secretAccessKey", savedSecret);
  }

  private static void restore(String name, @Nullable String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  @Test
  @DisplayName("the URL names the table; query settings and options merge, options winning")
  void parses() {
    DynamoDbStorageProvider.Target target =
        DynamoDbStorageProvider.parse(
            "dynamodb://my_table?region=eu-west-1&endpoint=http%3A%2F%2Flocalhost%3A8000",
            Map.of("region", "us-east-1"));
    assertThat(target.table()).isEqualTo("my_table");
    assertThat(target.settings())
        .containsEntry("region", "us-east-1")
        .containsEntry("endpoint", "http://localhost:8000");
    assertThatThrownBy(() -> DynamoDbStorageProvider.parse("dynamodb://?region=x", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table name");
    assertThatThrownBy(() -> PersistentStorages.open("dynamodb://table?colour=red"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'colour'")
        .hasMessageContaining("maxConnections");
  }

  @Test
  @DisplayName("every builder setting is an option of the same name, checked as the builder does")
  void everySettingIsAnOption() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("tableName", "from_options");
    options.put("region", "eu-west-1");
    options.put("endpoint", "http://127.0.0.1:1");
    options.put("createTableIfMissing", "true");
    options.put("consistentReads", "false");
    options.put("expireAfter", "30d");
    options.put("maxValueBytes", "1000");
    options.put("maxConcurrentQueries", "4");
    options.put("operationTimeout", "1500ms");
    options.put("connectTimeout", "200ms");
    options.put("attemptTimeout", "PT0.5S");
    options.put("maxAttempts", "2");
    options.put("maxConnections", "16");
    try (PersistentStorage storage = PersistentStorages.open("dynamodb://from_url", options)) {
      DynamoDbPersistentStorage dynamoDb = (DynamoDbPersistentStorage) storage;
      assertThat(dynamoDb.tableName()).isEqualTo("from_options");
      assertThat(dynamoDb.expireAfter()).contains(Duration.ofDays(30));
    }
    Map<String, String> badValues =
        Map.of(
            "expireAfter", "36501d",
            "maxValueBytes", "500000",
            "operationTimeout", "0s",
            "maxConnections", "many",
            "createTableIfMissing", "yes",
            "tableName", "a b");
    badValues.forEach(
        (name, value) ->
            assertThatThrownBy(
                    () -> PersistentStorages.open("dynamodb://tbl?" + name + "=" + value).close())
                .as("%s=%s", name, value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name));
  }

  @Test
  @DisplayName("opens DynamoDB Local, creates the table on request, and enumerates every page")
  void opensAndEnumerates() {
    String table = "pa-url-" + UUID.randomUUID();
    String url =
        "dynamodb://"
            + table
            + "?region=us-east-1&createTableIfMissing=true&endpoint="
            + DynamoDbLocal.endpoint();
    Set<StoredEntry> expected = new HashSet<>();
    try (PersistentStorage storage = PersistentStorages.open(url)) {
      assertThat(storage).isInstanceOf(DynamoDbPersistentStorage.class);
      // Values big enough that the table spans several 1 MB Scan pages.
      String padding = "x".repeat(4_000);
      for (int i = 0; i < 600; i++) {
        StickyValues values =
            StickyValues.builder()
                .value(true)
                .groupName("g" + i)
                .jsonValue(Map.of("pad", padding))
                .time(1L)
                .build();
        storage.save("user-" + i + ":userID", "exp", values);
        expected.add(new StoredEntry("user-" + i + ":userID", "exp", values));
      }
      Set<StoredEntry> seen = new HashSet<>();
      ((EnumerableStorage) storage).forEachEntry(seen::add);
      assertThat(seen).isEqualTo(expected);
    } finally {
      try (var client = DynamoDbLocal.client(DynamoDbLocal.endpoint())) {
        client.deleteTable(delete -> delete.tableName(table));
      }
    }
  }

  @Test
  @DisplayName("expired items are not visited")
  void skipsExpired() {
    MutableClock clock = new MutableClock();
    try (DynamoDbTable table = DynamoDbTable.create(DynamoDbLocal.endpoint());
        DynamoDbPersistentStorage storage =
            DynamoDbPersistentStorage.builder()
                .client(table.client())
                .tableName(table.name())
                .clock(clock)
                .expireAfter(Duration.ofMinutes(1))
                .build()) {
      StickyValues values = StickyValues.builder().value(true).groupName("g").time(1L).build();
      storage.save("old:userID", "exp", values);
      clock.advance(Duration.ofMinutes(5));
      storage.save("new:userID", "exp", values);
      Set<StoredEntry> seen = new HashSet<>();
      storage.forEachEntry(seen::add);
      assertThat(seen)
          .containsExactly(
              new StoredEntry(
                  "new:userID", "exp", values, clock.instant().plus(Duration.ofMinutes(1))));
    }
  }
}
