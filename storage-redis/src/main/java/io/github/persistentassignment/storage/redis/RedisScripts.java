package io.github.persistentassignment.storage.redis;

/**
 * The Lua scripts of the writes that must be atomic on the server. Each takes the hash as KEYS[1]
 * and the entry's expiry as epoch milliseconds (or {@code ""} for none), set with {@code PEXPIREAT}
 * on the whole hash, as Redis expires whole keys.
 */
final class RedisScripts {
  private RedisScripts() {}

  /** ARGV: field, value, expiry. Writes the entry and the hash's expiry. */
  static final LuaScript SAVE_EXPIRING =
      new LuaScript(
          "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
              + "redis.call('PEXPIREAT', KEYS[1], ARGV[3])\n"
              + "return 1\n");

  /**
   * ARGV: field, value, expiry or "". Writes the entry unless the field exists; returns nil when it
   * wrote, else the stored text (which may be corrupt: core decides), so a lost race costs no
   * second round trip.
   */
  static final LuaScript SAVE_IF_ABSENT =
      new LuaScript(
          "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then\n"
              + "  if ARGV[3] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end\n"
              + "  return false\n"
              + "end\n"
              + "return redis.call('HGET', KEYS[1], ARGV[1])\n");

  /**
   * ARGV: field, expected text, new value, expiry or "". Compare-and-set: replaces the entry only
   * while its stored text is still the expected one (how core repairs a corrupt entry without
   * overwriting another writer's good one); returns 1 when it replaced, else 0.
   */
  static final LuaScript REPLACE =
      new LuaScript(
          "if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end\n"
              + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])\n"
              + "if ARGV[4] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[4]) end\n"
              + "return 1\n");
}
