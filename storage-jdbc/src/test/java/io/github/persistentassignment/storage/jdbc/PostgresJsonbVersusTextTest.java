package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Why {@code sticky_values} is TEXT and not JSONB on PostgreSQL: the evidence, measured against the
 * real server. The exactness check always runs; the timing of 10 000 saves runs with {@code
 * -Dpa.measure=true}.
 */
@DisplayName("On PostgreSQL, TEXT keeps the stored JSON exactly where JSONB rewrites it")
class PostgresJsonbVersusTextTest {
  private static final String UPSERT =
      "INSERT INTO %s (storage_key, config_name, sticky_values, updated_at) VALUES (?, ?, %s, 0)"
          + " ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values ="
          + " excluded.sticky_values";

  private static List<StickyValues> samples() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("zeta", "keys in written order");
    json.put("alpha", 1L);
    json.put("double", 1.0E10);
    json.put("tenth", 0.1);
    json.put("beyondLong", new BigInteger("123456789012345678901234567890"));
    json.put("decimal", new BigDecimal("3.1415926535897932384626433832795028841971693993751"));
    json.put("trailingZero", new BigDecimal("2.50"));
    List<StickyValues> samples = new ArrayList<>();
    samples.add(StickyValues.builder().value(true).groupName("Test").time(1L).build());
    samples.add(StickyValues.builder().value(true).jsonValue(json).time(1L).build());
    samples.add(StickyValues.builder().value(true).groupName("nul \u0000 inside").time(1L).build());
    return samples;
  }

  private record Outcome(int identical, int decodesEqual, int rejected, List<String> notes) {}

  @Test
  @DisplayName("round trips of awkward values, byte for byte")
  void exactness() throws SQLException {
    String url = TestBackends.postgresUrl();
    try (Connection connection = DriverManager.getConnection(url)) {
      Outcome text = roundTrips(connection, "TEXT", "?");
      Outcome jsonb = roundTrips(connection, "JSONB", "?::jsonb");
      System.out.printf(
          "[jsonb vs text] %d samples. TEXT: %d identical, %d decode equal, %d rejected."
              + " JSONB: %d identical, %d decode equal, %d rejected %s%n",
          samples().size(),
          text.identical(),
          text.decodesEqual(),
          text.rejected(),
          jsonb.identical(),
          jsonb.decodesEqual(),
          jsonb.rejected(),
          jsonb.notes());
      assertThat(text.identical()).isEqualTo(samples().size());
      assertThat(jsonb.identical()).isLessThan(samples().size());
    }
  }

  @Test
  @DisplayName("the time of 10 000 upserts into each (with -Dpa.measure=true)")
  void timing() throws SQLException {
    Assumptions.assumeTrue(
        Boolean.getBoolean("pa.measure"), "timing runs with -Dpa.measure=true only");
    String url = TestBackends.postgresUrl();
    String value = StickyValuesCodec.encode(samples().get(1));
    try (Connection connection = DriverManager.getConnection(url)) {
      for (int round = 0; round < 2; round++) { // the first round warms up
        long text = time(connection, "TEXT", "?", value);
        long jsonb = time(connection, "JSONB", "?::jsonb", value);
        System.out.printf(
            "[jsonb vs text] round %d, 10 000 single-row upserts of a %d-byte entry over one"
                + " connection: TEXT %d ms, JSONB %d ms%n",
            round, value.length(), text, jsonb);
      }
    }
  }

  private static long time(Connection connection, String type, String placeholder, String value)
      throws SQLException {
    String table = createTable(connection, type);
    try (PreparedStatement upsert =
        connection.prepareStatement(String.format(UPSERT, table, placeholder))) {
      long start = System.nanoTime();
      for (int i = 0; i < 10_000; i++) {
        upsert.setString(1, "user-" + i + ":userID");
        upsert.setString(2, "experiment");
        upsert.setString(3, value);
        upsert.executeUpdate();
      }
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      drop(connection, table);
    }
  }

  private static Outcome roundTrips(Connection connection, String type, String placeholder)
      throws SQLException {
    String table = createTable(connection, type);
    int identical = 0;
    int decodesEqual = 0;
    int rejected = 0;
    List<String> notes = new ArrayList<>();
    try {
      int i = 0;
      for (StickyValues sample : samples()) {
        String written = StickyValuesCodec.encode(sample);
        String key = "k" + i++;
        try (PreparedStatement insert =
            connection.prepareStatement(String.format(UPSERT, table, placeholder))) {
          insert.setString(1, key);
          insert.setString(2, "c");
          insert.setString(3, written);
          insert.executeUpdate();
        } catch (SQLException e) {
          rejected++;
          notes.add("rejected: " + e.getMessage().lines().findFirst().orElse(""));
          continue;
        }
        String read;
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT sticky_values::text FROM " + table + " WHERE storage_key = ?")) {
          select.setString(1, key);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            read = rs.getString(1);
          }
        }
        if (read.equals(written)) {
          identical++;
        }
        if (StickyValuesCodec.decode(read).equals(sample)) {
          decodesEqual++;
        } else {
          notes.add("changed value: " + read);
        }
      }
    } finally {
      drop(connection, table);
    }
    return new Outcome(identical, decodesEqual, rejected, notes);
  }

  private static String createTable(Connection connection, String type) throws SQLException {
    String table = "pa_" + type.toLowerCase() + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (storage_key TEXT NOT NULL, config_name TEXT NOT NULL, sticky_values "
              + type
              + " NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (storage_key, config_name))");
    }
    return table;
  }

  private static void drop(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    }
  }
}
