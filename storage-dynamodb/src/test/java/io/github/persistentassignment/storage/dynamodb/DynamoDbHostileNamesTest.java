package io.github.persistentassignment.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.conformance.InjectionText;
import io.github.persistentassignment.conformance.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @Test
  @DisplayName("each is stored literally, with and without a TTL, and no other item changes")
  void storedLiterally() {
    try (DynamoDbTable table = DynamoDbTable.create(DynamoDbLocal.endpoint())) {
      Map<String, AttributeValue> bystander =
          Map.of(
              "pk", AttributeValue.fromS("bystander:userID"),
              "sk", AttributeValue.fromS("exp"),
              "v", AttributeValue.fromS("untouched"));
      table.client().putItem(put -> put.tableName(table.name()).item(bystander));
      MutableClock clock = new MutableClock();
      DynamoDbPersistentStorage.Builder builder =
          DynamoDbPersistentStorage.builder()
              .client(table.client())
              .tableName(table.name())
              .clock(clock);
      try (DynamoDbPersistentStorage plain = builder.build();
          DynamoDbPersistentStorage expiring = builder.expireAfter(Duration.ofHours(1)).build()) {
        for (String text : InjectionText.dynamoDbExpressions()) {
          String key = text + ":userID";
          StickyValues first = InjectionText.carrying(text, "first");
          plain.save(key, text, first);
          assertThat(plain.saveIfAbsent(key, text, InjectionText.carrying(text, "second")))
              .contains(first);
          assertThat(expiring.saveIfAbsent(key, text + "ttl", InjectionText.carrying(text, "ttl")))
              .isEmpty();
          assertThat(plain.load(key).asMap()).containsOnlyKeys(text, text + "ttl");
          assertThat(plain.loadAll(List.of(key)).get(key).get(text)).contains(first);
          assertThat(StickyValuesCodec.decode(stored(table, key, text).get("v").s()))
              .isEqualTo(first);
          plain.delete(key, text);
          assertThat(stored(table, key, text)).as("deleted [%s]", text).isEmpty();
        }
        clock.advance(Duration.ofHours(2));
        for (String text : InjectionText.dynamoDbExpressions()) {
          String key = text + ":userID";
          assertThat(
                  expiring.saveIfAbsent(
                      key, text + "ttl", InjectionText.carrying(text, "after expiry")))
              .as("saveIfAbsent over the expired entry of [%s]", key)
              .isEmpty();
          expiring.delete(key, text + "ttl");
        }
      }
      assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
          .containsExactly(bystander);
    }
  }

  private static Map<String, AttributeValue> stored(
      DynamoDbTable table, String key, String configName) {
    Map<String, AttributeValue> primaryKey =
        Map.of("pk", AttributeValue.fromS(key), "sk", AttributeValue.fromS(configName));
    return table
        .client()
        .getItem(get -> get.tableName(table.name()).key(primaryKey).consistentRead(true))
        .item();
  }
}
