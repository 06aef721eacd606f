/** Redis storage for persistent assignment, through Jedis: standalone Redis or Redis Cluster. */
module io.github.persistentassignment.storage.redis {
  requires transitive io.github.persistentassignment;
  requires transitive redis.clients.jedis;
  requires org.apache.commons.pool2;

  exports io.github.persistentassignment.storage.redis;

  provides io.github.persistentassignment.StorageProvider with
      io.github.persistentassignment.storage.redis.RedisStorageProvider;
}
