package io.github.persistentassignment.storage.dynamodb;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.storage.dynamodb.Items.PARTITION_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.SORT_KEY;
import static io.github.persistentassignment.storage.dynamodb.Items.TTL;

import io.github.persistentassignment.internal.Quoting;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The table: DynamoDB's name rule, the check and creation that {@code createTableIfMissing} asks
 * for, and the message when it is missing.
 *
 * <p>Never at build time: the first operation checks the table ({@code DescribeTable}) and creates
 * it if it is missing ({@code CreateTable}, on-demand billing), within that operation's deadline.
 * Until a check succeeds (DynamoDB unreachable, the table still {@code CREATING}, a table with
 * other keys) each operation tries again and fails with a {@link DynamoDbProblem} saying what is
 * missing; after one succeeds, none checks again unless DynamoDB reports the table gone. TTL on
 * {@code ttl} is enabled ({@code UpdateTimeToLive}) by the instance that created the table, once it
 * is {@code ACTIVE}. Without {@code createTableIfMissing} nothing is checked (no request, no IAM
 * permission): a missing table shows in the first failing operation.
 */
final class Table {
  /** DynamoDB's rule for table names. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final String name;
  private final boolean createIfMissing;
  private volatile boolean ready;
  private final AtomicBoolean ttlPending = new AtomicBoolean();

  Table(String name, boolean createIfMissing) {
    this.name = name;
    this.createIfMissing = createIfMissing;
    this.ready = !createIfMissing;
  }

  static String requireValidName(@Nullable String tableName) {
    requireNonNullArgument(tableName, "tableName");
    if (!VALID_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "tableName must be 3 to 255 characters from a-z, A-Z, 0-9, '_', '-' and '.', was "
              + Quoting.quote(tableName));
    }
    return tableName;
  }

  String name() {
    return name;
  }

  /**
   * Checks (and creates) the table unless an earlier call has.
   *
   * @throws DynamoDbProblem naming what is missing
   */
  void ensureReady(Requests requests, Deadline deadline) {
    if (ready) {
      return;
    }
    TableDescription table = describe(requests, deadline);
    if (table == null) {
      table = create(requests, deadline);
    }
    checkKeys(table);
    if (table.tableStatus() != TableStatus.ACTIVE) {
      throw notReady("it is " + table.tableStatusAsString() + "; calls fail until it is ACTIVE");
    }
    if (ttlPending.compareAndSet(true, false)) {
      enableTtl(requests, deadline);
    }
    ready = true;
  }

  /**
   * The failure for a table DynamoDB reports missing; with {@code createTableIfMissing} the next
   * call checks (and creates) it again.
   */
  DynamoDbProblem missing(ResourceNotFoundException cause) {
    if (createIfMissing) {
      ready = false;
    }
    // Short and without quotes: core escapes and cuts the reason to 200 characters.
    return new DynamoDbProblem(
        "DynamoDB table "
            + name
            + " does not exist in this account and region: create it (see docs/dynamodb.md) or set"
            + " createTableIfMissing(true)",
        cause);
  }

  private @Nullable TableDescription describe(Requests requests, Deadline deadline) {
    DynamoDbClient client = requests.client();
    try {
      return send(
              requests,
              deadline,
              () ->
                  client.describeTable(
                      d -> d.tableName(name).overrideConfiguration(deadline::limit)))
          .table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private TableDescription create(Requests requests, Deadline deadline) {
    DynamoDbClient client = requests.client();
    try {
      TableDescription created =
          send(
                  requests,
                  deadline,
                  () ->
                      client.createTable(
                          create ->
                              create
                                  .tableName(name)
                                  .billingMode(BillingMode.PAY_PER_REQUEST)
                                  .attributeDefinitions(
                                      a -> a.attributeName(PARTITION_KEY).attributeType("S"),
                                      a -> a.attributeName(SORT_KEY).attributeType("S"))
                                  .keySchema(
                                      k -> k.attributeName(PARTITION_KEY).keyType(KeyType.HASH),
                                      k -> k.attributeName(SORT_KEY).keyType(KeyType.RANGE))
                                  .overrideConfiguration(deadline::limit)))
              .tableDescription();
      ttlPending.set(true);
      return created;
    } catch (ResourceInUseException e) {
      TableDescription table = describe(requests, deadline); // another process created it first
      if (table == null) {
        throw notReady("it was being created or deleted by someone else", e);
      }
      return table;
    }
  }

  private void enableTtl(Requests requests, Deadline deadline) {
    DynamoDbClient client = requests.client();
    try {
      send(
          requests,
          deadline,
          () ->
              client.updateTimeToLive(
                  ttl ->
                      ttl.tableName(name)
                          .timeToLiveSpecification(spec -> spec.attributeName(TTL).enabled(true))
                          .overrideConfiguration(deadline::limit)));
    } catch (RuntimeException e) {
      ttlPending.set(true); // the next call tries again
      throw e;
    }
  }

  /** Sends a request of the check, explaining any failure but the two that the check expects. */
  private <T> T send(Requests requests, Deadline deadline, Supplier<T> request) {
    try {
      return requests.sendForTable(deadline, request);
    } catch (ResourceNotFoundException | ResourceInUseException e) {
      throw e;
    } catch (SdkException | DynamoDbProblem e) {
      throw notReady("checking or creating it failed: " + e.getMessage(), e);
    }
  }

  private void checkKeys(TableDescription table) {
    Map<String, KeyType> keys =
        table.keySchema().stream()
            .collect(
                Collectors.toMap(
                    KeySchemaElement::attributeName, KeySchemaElement::keyType, (a, b) -> a));
    Map<String, ScalarAttributeType> types =
        table.attributeDefinitions().stream()
            .collect(
                Collectors.toMap(
                    AttributeDefinition::attributeName,
                    AttributeDefinition::attributeType,
                    (a, b) -> a));
    boolean expected =
        keys.size() == 2
            && keys.get(PARTITION_KEY) == KeyType.HASH
            && keys.get(SORT_KEY) == KeyType.RANGE
            && types.get(PARTITION_KEY) == ScalarAttributeType.S
            && types.get(SORT_KEY) == ScalarAttributeType.S;
    if (!expected) {
      throw notReady("its keys are " + keys + " of types " + types + ", not pk (S) and sk (S)");
    }
  }

  private DynamoDbProblem notReady(String reason) {
    return notReady(reason, null);
  }

  private DynamoDbProblem notReady(String reason, @Nullable Throwable cause) {
    return new DynamoDbProblem(
        "DynamoDB table " + name + " is not ready (createTableIfMissing): " + reason, cause);
  }
}
