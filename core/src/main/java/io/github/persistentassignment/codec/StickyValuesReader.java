package io.github.persistentassignment.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.internal.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads the universal schema leniently: synonyms, missing and unknown fields, loose time. */
final class StickyValuesReader {
  private StickyValuesReader() {}

  static StickyValues read(JsonParser in) throws IOException {
    if (in.nextToken() != JsonToken.START_OBJECT) {
      throw error(in, "expected a JSON object");
    }
    StickyValues.Builder builder = StickyValues.builder();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken token = in.nextToken();
      switch (field) {
        case Fields.VALUE -> builder.value(token == JsonToken.VALUE_TRUE || readFalse(in, token));
        case Fields.JSON_VALUE -> builder.jsonValue(readObjectOrNull(in, token));
        case Fields.RULE_ID -> builder.ruleId(readStringOrNull(in, token));
        case Fields.GROUP_NAME -> builder.groupName(readStringOrNull(in, token));
        case Fields.SECONDARY_EXPOSURES -> builder.secondaryExposures(readExposures(in, token));
        case Fields.UNDELEGATED_SECONDARY_EXPOSURES ->
            builder.undelegatedSecondaryExposures(readExposures(in, token));
        case Fields.CONFIG_DELEGATE -> builder.configDelegate(readStringOrNull(in, token));
        case Fields.EXPLICIT_PARAMETERS -> builder.explicitParameters(readStrings(in, token));
        case Fields.TIME -> builder.time(readTime(in, token));
        case Fields.CONFIG_VERSION, Fields.CONFIG_VERSION_CAMEL ->
            builder.configVersion(readVersion(in, token));
        default -> in.skipChildren();
      }
    }
    if (in.currentToken() != JsonToken.END_OBJECT) {
      throw error(in, "expected a field name or the end of the object");
    }
    if (in.nextToken() != null) {
      throw error(in, "expected the end of the document after the object");
    }
    return builder.build();
  }

  /** A boolean field: true, false, or null (read as false). */
  private static boolean readFalse(JsonParser in, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw error(in, "expected true, false or null");
  }

  private static @Nullable String readStringOrNull(JsonParser in, JsonToken token)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.VALUE_STRING) {
      return in.getText();
    }
    throw error(in, "expected a string or null");
  }

  private static @Nullable Map<String, @Nullable Object> readObjectOrNull(
      JsonParser in, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      throw error(in, "expected an object or null");
    }
    return readObject(in);
  }

  /** Reads the fields of an object whose START_OBJECT is the current token. */
  private static Map<String, @Nullable Object> readObject(JsonParser in) throws IOException {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      map.put(name, readAny(in, in.nextToken()));
    }
    return map;
  }

  private static @Nullable Object readAny(JsonParser in, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return readObject(in);
      case START_ARRAY:
        List<@Nullable Object> list = new ArrayList<>();
        JsonToken element;
        while ((element = in.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readAny(in, element));
        }
        return list;
      case VALUE_STRING:
        return in.getText();
      case VALUE_NUMBER_INT:
        return JsonValues.normalizeNumber(in.getNumberValue(), "number");
      case VALUE_NUMBER_FLOAT:
        return JsonValues.normalizeDecimal(in.getDecimalValue());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw error(in, "expected a JSON value");
    }
  }

  private static List<SecondaryExposure> readExposures(JsonParser in, JsonToken token)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (token != JsonToken.START_ARRAY) {
      throw error(in, "expected an array of exposures or null");
    }
    List<SecondaryExposure> exposures = new ArrayList<>();
    JsonToken element;
    while ((element = in.nextToken()) != JsonToken.END_ARRAY) {
      if (element != JsonToken.START_OBJECT) {
        throw error(in, "expected an exposure object");
      }
      String gate = "";
      String gateValue = "";
      String ruleId = "";
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case Fields.GATE -> gate = readScalarText(in, value);
          case Fields.GATE_VALUE -> gateValue = readScalarText(in, value);
          case Fields.EXPOSURE_RULE_ID -> ruleId = readScalarText(in, value);
          default -> in.skipChildren();
        }
      }
      exposures.add(new SecondaryExposure(gate, gateValue, ruleId));
    }
    return exposures;
  }

  /** Exposure fields are text; some writers emit gateValue as a boolean, and null as absent. */
  private static String readScalarText(JsonParser in, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return "";
    }
    if (token.isScalarValue()) {
      return in.getText();
    }
    throw error(in, "expected a string");
  }

  private static @Nullable List<String> readStrings(JsonParser in, JsonToken token)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_ARRAY) {
      throw error(in, "expected an array of strings or null");
    }
    List<String> strings = new ArrayList<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      if (in.currentToken() != JsonToken.VALUE_STRING) {
        throw error(in, "expected a string");
      }
      strings.add(in.getText());
    }
    return Collections.unmodifiableList(strings);
  }

  /** Time is epoch ms; SDKs written in JavaScript may store it as a float, or leave it null. */
  private static long readTime(JsonParser in, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NULL -> 0L;
      case VALUE_NUMBER_INT -> in.getLongValue();
      case VALUE_NUMBER_FLOAT -> (long) in.getDoubleValue();
      default -> throw error(in, "expected a number or null");
    };
  }

  private static @Nullable Integer readVersion(JsonParser in, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.VALUE_NUMBER_INT
        || (token == JsonToken.VALUE_NUMBER_FLOAT && in.getDoubleValue() % 1 == 0)) {
      try {
        return Math.toIntExact(in.getLongValue());
      } catch (ArithmeticException | IOException e) {
        throw error(in, "expected a version that fits in an int");
      }
    }
    throw error(in, "expected an integer or null");
  }

  private static StickyValuesFormatException error(JsonParser in, String expected) {
    JsonToken token = in.currentToken();
    String where =
        where(in.currentTokenLocation(), in.getParsingContext().pathAsPointer().toString());
    String found = token == null ? "the end of the document" : describe(in, token);
    String kind = token == null ? "the end of the document" : token.name();
    return new StickyValuesFormatException(
        where + expected + ", found " + found, where + expected + ", found " + kind);
  }

  private static String describe(JsonParser in, JsonToken token) {
    try {
      return token.isScalarValue() ? token.name() + " " + in.getText() : token.asString();
    } catch (IOException e) {
      return String.valueOf(token);
    }
  }

  static StickyValuesFormatException malformed(IOException e) {
    if (e instanceof JsonProcessingException) {
      JsonProcessingException parse = (JsonProcessingException) e;
      // The parser's message quotes the text it choked on; the content-free one gives the place.
      String where = where(parse.getLocation(), "");
      return new StickyValuesFormatException(
          where + "not valid JSON: " + parse.getOriginalMessage(), where + "not valid JSON", e);
    }
    return new StickyValuesFormatException("Could not read stored entry: " + e, e);
  }

  private static String where(@Nullable JsonLocation location, String pointer) {
    StringBuilder where = new StringBuilder("Stored entry");
    if (!pointer.isEmpty()) {
      where.append(" at ").append(pointer);
    }
    if (location != null && location.getLineNr() > 0) {
      where
          .append(" (line ")
          .append(location.getLineNr())
          .append(", column ")
          .append(location.getColumnNr())
          .append(')');
    }
    return where.append(": ").toString();
  }
}
