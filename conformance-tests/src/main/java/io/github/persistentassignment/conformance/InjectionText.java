package io.github.persistentassignment.conformance;

import io.github.persistentassignment.StickyValues;
import java.util.List;
import java.util.Map;

/**
 * Text that would change a statement, a command or a script if an adapter pasted it in instead of
 * binding it, for an adapter's own tests: store each as a key, a config name and inside a value,
 * check that it comes back literally, and that a canary table, key or item the text aims at is
 * untouched. The shipped adapters' tests use it on every backend.
 */
public final class InjectionText {
  private InjectionText() {}

  /**
   * SQL that ends a string literal, a statement or a comment, aimed at the adapter's table and at a
   * canary table beside it.
   *
   * @param table the adapter's table
   * @param canary a table the test created and expects unchanged
   * @return the texts
   */
  public static List<String> sql(String table, String canary) {
    return List.of(
        "'; DROP TABLE " + canary + "; --",
        "x'); DELETE FROM " + table + "; --",
        "' OR '1'='1",
        "' OR 1=1 --",
        "\\'; DROP TABLE " + canary + "; -- ",
        "'; UPDATE " + table + " SET sticky_values = 'owned'; --",
        "*/ DROP TABLE " + canary + " /*",
        "$$; DROP TABLE " + canary + "; $$",
        "'||(SELECT 1)||'",
        "'\nDROP TABLE " + canary + ";\n--",
        "\"; DROP TABLE \"" + canary + "\"; --",
        "?",
        "$1",
        ":key",
        "${table}",
        "%",
        "_",
        "\u02bc OR \u02bc1\u02bc=\u02bc1",
        "\\");
  }

  /**
   * Redis protocol frames and Lua that closes a string or a call, aimed at a canary key; glob
   * patterns, hash tags, line breaks and a NUL.
   *
   * @param canary a key the test set and expects unchanged
   * @return the texts
   */
  public static List<String> redis(String canary) {
    return List.of(
        "\r\n*1\r\n$8\r\nFLUSHALL\r\n",
        "a\r\nDEL " + canary + "\r\n",
        "$-1\r\n",
        "+OK\r\n",
        "');redis.call('del','" + canary + "');--",
        "\"]] redis.call('set', '" + canary + "', 'owned') --[[",
        "KEYS[1]",
        "ARGV[2]",
        "*",
        "[a-z]?",
        "{slot}",
        "a\u0000b",
        " \t\n.");
  }

  /**
   * DynamoDB expression syntax: placeholders of the names and values an adapter binds, functions,
   * and text that would close a condition.
   *
   * @return the texts
   */
  public static List<String> dynamoDbExpressions() {
    return List.of(
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
  }

  /**
   * A value that carries the text in its rule id and its parameters, so the text also travels
   * inside the stored JSON.
   *
   * @param text the hostile text
   * @param groupName the group name, to tell values apart
   * @return the value
   */
  public static StickyValues carrying(String text, String groupName) {
    return StickyValues.builder()
        .value(true)
        .groupName(groupName)
        .ruleId(text)
        .jsonValue(Map.of("text", text))
        .build();
  }
}
