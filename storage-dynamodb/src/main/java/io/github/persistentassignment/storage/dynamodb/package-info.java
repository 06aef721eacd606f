/**
 * Amazon DynamoDB storage: {@link
 * io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage}, one item per (storage
 * key, config name), and the {@code dynamodb://} URLs of {@link
 * io.github.persistentassignment.storage.dynamodb.DynamoDbStorageProvider}.
 *
 * <h2>Table</h2>
 *
 * <p>Partition key {@code pk} (S) = the storage key; sort key {@code sk} (S) = the config name;
 * {@code v} (S) = the entry's universal JSON; {@code ttl} (N, epoch seconds) = when it expires, for
 * DynamoDB's TTL. With {@code createTableIfMissing(true)} the first call sends {@code
 * DescribeTable} (and {@code CreateTable}, on-demand billing, then {@code UpdateTimeToLive} on
 * {@code ttl} once it is active); without it nothing is checked and a missing table is reported by
 * the first call, with how to create it.
 *
 * <h2>Requests</h2>
 *
 * <ul>
 *   <li>{@code load}: one {@code Query} of the key's partition (more pages only past 1 MB).
 *   <li>{@code save}: one {@code PutItem}. {@code delete}: one {@code DeleteItem}.
 *   <li>{@code saveIfAbsent}: one {@code PutItem} conditioned on no live item ({@code
 *       attribute_not_exists(pk)} or an expired {@code ttl}), whether it wins or loses: the stored
 *       item comes back with the failed condition ({@code
 *       ReturnValuesOnConditionCheckFailure=ALL_OLD}). Over a corrupt entry, a second {@code
 *       PutItem} conditioned on {@code v} still being the corrupt text.
 *   <li>{@code loadAll}: one {@code Query} per distinct key, at most {@code maxConcurrentQueries}
 *       in flight.
 *   <li>{@code deleteAll}: a {@code Query} of the key's sort keys, then a {@code BatchWriteItem}
 *       per 25 entries: two round trips for up to 25 entries, one for none. Not atomic: an entry
 *       saved between the two stays.
 *   <li>{@code purge}: a {@code Scan} of the whole table filtered on {@code sk} and reading keys
 *       only, page by page, and a {@code BatchWriteItem} per 25 items each page found.
 *   <li>{@code forEachEntry}: a {@code Scan} page by page (up to 1 MB each). A Scan reads, and is
 *       billed for, every item of the table.
 * </ul>
 *
 * <p>Reads are strongly consistent unless {@code consistentReads(false)}.
 *
 * <h2>Expiry</h2>
 *
 * <p>With {@code expireAfter(d)}, each write stores {@code ttl} = its time (by the builder's clock)
 * plus {@code d}, rounded up to the second. DynamoDB deletes expired items late (typically within
 * days), so reads drop items whose {@code ttl} has passed and {@code saveIfAbsent} treats them as
 * absent; {@code forEachEntry} reports {@code ttl} as the entry's expiry, which a copy keeps.
 *
 * <h2>Deadlines</h2>
 *
 * <p>A call on one entry ({@code load}, {@code save}, {@code saveIfAbsent}, {@code delete}) waits
 * at most {@code operationTimeout} (default 2 s), retries and backoff included, whoever built the
 * client: each request gets the time left as its SDK {@code apiCallTimeout}. Replacing a corrupt
 * entry is a second step of core's with a timeout of its own, as is the table check of the first
 * call with {@code createTableIfMissing}.
 *
 * <p>Bulk calls get a deadline that scales with their work: every request they send ({@code
 * loadAll}'s queries, {@code deleteAll}'s query pages and batches, each {@code Scan} page and batch
 * of {@code purge} and {@code forEachEntry}) has an {@code operationTimeout} of its own. So {@code
 * loadAll} of 100 keys on a slow but working DynamoDB succeeds as long as each query does, while
 * the first failed request ends the call: an outage still fails it after about one {@code
 * operationTimeout}.
 *
 * <p>The client the builder creates also bounds each step: {@code connectTimeout} (1 s, and never
 * past the deadline, since no SDK timeout can stop a TCP connect in progress), {@code
 * attemptTimeout} (1 s per attempt), {@code maxAttempts} (3, with the SDK's backoff for DynamoDB),
 * {@code maxConnections} (50 requests in flight; a call waits for one within its deadline). Its
 * HTTP client, the JDK's {@code HttpURLConnection}, checks an idle connection before reusing it, so
 * connections an outage broke are dropped and nothing needs rebuilding once DynamoDB is back. A
 * caller's client keeps its own settings: give it connection and socket timeouts, an {@code
 * apiCallAttemptTimeout} and few attempts, so that one slow attempt does not use the whole timeout.
 *
 * <h2>Failures</h2>
 *
 * <p>Every SDK failure, once the client's retries gave up or the deadline passed, becomes a {@code
 * StorageException} naming the operation and the key. A key over 2048 bytes of UTF-8 or a config
 * name over 1024 fails before any request; so does a value over {@code maxValueBytes}. An item
 * whose {@code v} is not a string counts as a corrupt entry, and {@code forEachEntry} skips it as
 * foreign.
 */
@NullMarked
package io.github.persistentassignment.storage.dynamodb;

import org.jspecify.annotations.NullMarked;
