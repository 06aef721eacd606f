package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys, config names and values written in DynamoDB's expression syntax: each is stored as the
 * literal partition key, sort key and {@code v} it is, through every request the adapter sends (the
 * conditional put with its {@code #pk}, {@code :now} and {@code :unreadable} included), and no
 * other item changes. Keys and values only ever travel as expression attribute values, names as
 * expression attribute names.
 */
@DisplayName("DynamoDbPersistentStorage with keys and config names in expression syntax")
class DynamoDbHostileNamesTest {
  private static final List<String> HOSTILE =
      List.of(
          ":pk",
          "#pk",
          ":now",
          "#ttl",
          ":unreadable",
          "attribute_not_exists(#pk)",
          ":pk OR attribute_exists(pk)",
          ") OR (#v = :v",
          "#pk = :pk",
          "' OR '1'='1",
          "{\"S\":\"x\"}",
          "${pk}");

  private static DynamoDbTable table;

  @BeforeAll
  static void createTable() {
    table = DynamoDbTable.create(DynamoDbLocal.endpoint());
  }

  @AfterAll
  static void deleteTable() {
    if (table != null) {
      table.close();
    }
  }

  @Test
  @DisplayName("each is stored literally, with and without a TTL, and no other item changes")
  void storedLiterally() {
    MutableClock clock = new MutableClock();
    Map<String, AttributeValue> bystander =
        Map.of(
            "pk", AttributeValue.fromS("bystander:userID"),
            "sk", AttributeValue.fromS("exp"),
            "v", AttributeValue.fromS("untouched"));
    table.client().putItem(put -> put.tableName(table.name()).item(bystander));
    DynamoDbPersistentStorage.Builder builder =
        DynamoDbPersistentStorage.builder()
            .client(table.client())
            .tableName(table.name())
            .clock(clock);
    try (DynamoDbPersistentStorage plain = builder.build();
        DynamoDbPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
      for (String text : HOSTILE) {
        String key = text + ":userID";
        StickyValues first = values(text, "first");
        plain.save(key, text, first);
        assertThat(plain.saveIfAbsent(key, text, values(text, "second"))).contains(first);
        assertThat(expiring.saveIfAbsent(key, text + "ttl", values(text, "ttl"))).isEmpty();
        assertThat(plain.load(key).asMap()).containsOnlyKeys(text, text + "ttl");
        assertThat(plain.loadAll(List.of(key)).get(key).get(text)).contains(first);
        assertThat(StickyValuesCodec.decode(stored(key, text).get("v").s())).isEqualTo(first);
        plain.delete(key, text);
        assertThat(stored(key, text)).as("deleted [%s]", text).isEmpty();
      }
      clock.advance(Duration.ofHours(2));
      for (String text : HOSTILE) {
        String key = text + ":userID";
        assertThat(expiring.saveIfAbsent(key, text + "ttl", values(text, "after expiry")))
            .as("saveIfAbsent over the expired entry of [%s]", key)
            .isEmpty();
        expiring.delete(key, text + "ttl");
      }
    }
    assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
        .containsExactly(bystander);
  }

  private static Map<String, AttributeValue> stored(String key, String configName) {
    return table
        .client()
        .getItem(
            get ->
                get.tableName(table.name())
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS(key),
                            "sk",
                            AttributeValue.fromS(configName)))
                    .consistentRead(true))
        .item();
  }

  private static StickyValues values(String text, String group) {
    return StickyValues.builder()
        .value(true)
        .groupName(group)
        .ruleId(text)
        .jsonValue(Map.of("text", text))
        .build();
  }
}
