package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.InjectionText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keys, config names and values written as SQL injections against the test's own table and a canary
 * table beside it. Every one must be stored and read back as the literal text it is, through every
 * operation, and neither the canary nor another user's entry may change: the adapter binds them all
 * as parameters and writes only the validated table name into its SQL.
 */
final class SqlInjectionAttempts {
  private final TestDatabase database;
  private final JdbcPersistentStorage.Builder builder;
  private final Runnable expireEverything;
  private final String canary = "pa_canary_" + UUID.randomUUID().toString().substring(0, 8);
  private final String run = "inject-" + UUID.randomUUID() + "-";

  SqlInjectionAttempts(
      TestDatabase database, JdbcPersistentStorage.Builder builder, Runnable expireEverything) {
    this.database = database;
    this.builder = builder;
    this.expireEverything = expireEverything;
  }

  void run() {
    database.execute("CREATE TABLE " + canary + " (id INTEGER)");
    database.execute("INSERT INTO " + canary + " (id) VALUES (42)");
    String bystander = run + "bystander:userID";
    StickyValues bystanderValues = InjectionText.carrying("bystander", "untouched");
    try (JdbcPersistentStorage plain = builder.build();
        JdbcPersistentStorage storage = builder.expireAfter(Duration.ofHours(1)).build()) {
      plain.save(bystander, "exp", bystanderValues);
      Map<String, StickyValues> expected = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      for (String text : InjectionText.sql(database.tableName(), canary)) {
        String key = run + text;
        keys.add(key);
        StickyValues first = InjectionText.carrying(text, "first");
        storage.save(key, text, first);
        assertThat(storage.saveIfAbsent(key, text, InjectionText.carrying(text, "second")))
            .as("saveIfAbsent over [%s]", text)
            .contains(first);
        assertThat(storage.saveIfAbsent(key, text + "'", InjectionText.carrying(text, "absent")))
            .as("saveIfAbsent of a new config [%s']", text)
            .isEmpty();
        storage.delete(key, text + "'");
        expected.put(key, first);
      }
      expected.forEach(
          (key, value) ->
              assertThat(storage.load(key).asMap())
                  .as("load of [%s]", key)
                  .isEqualTo(Map.of(key.substring(run.length()), value)));
      storage
          .loadAll(keys)
          .forEach(
              (key, loaded) ->
                  assertThat(loaded.asMap())
                      .as("loadAll of [%s]", key)
                      .isEqualTo(Map.of(key.substring(run.length()), expected.get(key))));
      expireEverything.run();
      for (String key : keys) {
        String text = key.substring(run.length());
        assertThat(storage.saveIfAbsent(key, text, InjectionText.carrying(text, "after expiry")))
            .as("saveIfAbsent over the expired [%s]", text)
            .isEmpty();
        storage.delete(key, text);
      }
      assertThat(storage.loadAll(keys).values()).allMatch(loaded -> loaded.asMap().isEmpty());
      assertThat(plain.load(bystander).asMap()).isEqualTo(Map.of("exp", bystanderValues));
      assertThat(database.queryLong("SELECT COUNT(*) FROM " + canary)).isEqualTo(1);
      assertThat(database.queryLong("SELECT id FROM " + canary)).isEqualTo(42);
    } finally {
      database.execute("DROP TABLE IF EXISTS " + canary);
    }
  }
}
