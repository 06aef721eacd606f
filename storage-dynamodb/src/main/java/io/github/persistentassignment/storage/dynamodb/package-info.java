/**
 * Amazon DynamoDB storage: {@link
 * io.github.persistentassignment.storage.dynamodb.DynamoDbPersistentStorage}, one item per (storage
 * key, config name).
 */
@NullMarked
package io.github.persistentassignment.storage.dynamodb;

import org.jspecify.annotations.NullMarked;
