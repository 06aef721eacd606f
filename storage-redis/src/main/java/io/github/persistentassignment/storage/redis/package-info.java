/**
 * Redis storage: {@link io.github.persistentassignment.storage.redis.RedisPersistentStorage}, one
 * hash per storage key, over a Jedis client for standalone Redis or Redis Cluster.
 */
@NullMarked
package io.github.persistentassignment.storage.redis;

import org.jspecify.annotations.NullMarked;
