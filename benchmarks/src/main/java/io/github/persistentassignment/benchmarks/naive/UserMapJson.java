package io.github.persistentassignment.benchmarks.naive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The naive adapters' stored value: one JSON object mapping each config name to its entry, the
 * entry in the universal format, e.g. {@code {"checkout_button":{"value":true,…},"pricing":{…}}}.
 *
 * <p>Splitting and joining work on the entries' JSON text without decoding it, so the naive
 * adapters pay for their layout only in bytes moved and round trips, never in extra codec work: the
 * comparison is as kind to them as it can be.
 */
final class UserMapJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private UserMapJson() {}

  /**
   * Splits a stored map into its entries' JSON texts.
   *
   * @param json the stored map
   * @return config name → entry JSON, in stored order; mutable
   */
  static Map<String, String> split(String json) {
    Map<String, String> entries = new LinkedHashMap<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a stored user map is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String configName = parser.currentName();
        parser.nextToken();
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        entries.put(configName, json.substring(start, end));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable stored user map", e);
    }
    return entries;
  }

  /**
   * Joins entries' JSON texts into one stored map.
   *
   * @param entries config name → entry JSON
   * @return the map as one JSON object
   */
  static String join(Map<String, String> entries) {
    StringWriter out = new StringWriter(entries.size() * 512);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        generator.writeFieldName(entry.getKey());
        generator.writeRawValue(entry.getValue());
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a user map", e);
    }
    return out.toString();
  }
}
