package io.github.persistentassignment.storage.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 digest: one EVALSHA per call. When the server does not know the
 * script (a restart, a failover, {@code SCRIPT FLUSH}, a cluster node that never ran it), the call
 * is repeated once with EVAL, which runs the script and caches it on that server for the next call.
 */
final class LuaScript {
  private final String source;
  private final String sha1;

  LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /**
   * Runs the script on the node that owns {@code key}.
   *
   * @return the script's reply, {@code null} for a Lua {@code false} or nil
   */
  @Nullable Object run(UnifiedJedis client, String key, List<String> args) {
    List<String> keys = List.of(key);
    try {
      return client.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return client.eval(source, keys, args);
    }
  }

  String sha1() {
    return sha1;
  }

  private static String sha1Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
