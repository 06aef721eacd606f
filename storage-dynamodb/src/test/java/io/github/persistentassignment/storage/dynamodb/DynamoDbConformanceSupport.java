package io.github.persistentassignment.storage.dynamodb;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The kit's hooks for DynamoDB, shared by the runs against each kind of endpoint. A subclass
 * supplies the table, created in its {@code @BeforeAll} and deleted in its {@code @AfterAll}.
 */
abstract class DynamoDbConformanceSupport extends PersistentStorageConformanceTest {
  private final MutableClock clock = new MutableClock();

  /** The test class's own table. */
  protected abstract DynamoDbTable table();

  private DynamoDbPersistentStorage.Builder builder() {
    return DynamoDbPersistentStorage.builder()
        .client(table().client())
        .tableName(table().name())
        .clock(clock);
  }

  @Override
  protected PersistentStorage createStorage() {
    return builder().build();
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return builder().expireAfter(ttl).build();
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration); // no sleeping: reads and conditional writes check ttl by this clock
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    table()
        .client()
        .putItem(
            put ->
                put.tableName(table().name())
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS(key),
                            "sk", AttributeValue.fromS(configName),
                            "v", AttributeValue.fromS(raw))));
  }

  /** An item without the adapter's {@code v}, as another application sharing the table writes. */
  @Override
  protected void writeForeignItem(String key) {
    table()
        .client()
        .putItem(
            put ->
                put.tableName(table().name())
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS(key),
                            "sk", AttributeValue.fromS("written-by-another-application"),
                            "owner", AttributeValue.fromS("someone else"))));
  }

  @Override
  protected int maxValueBytes() {
    // The 400 KB item limit, less room for the longest key and config name and the attributes.
    return DynamoDbPersistentStorage.MAX_VALUE_BYTES;
  }
}
