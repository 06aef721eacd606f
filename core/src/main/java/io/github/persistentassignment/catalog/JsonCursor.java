package io.github.persistentassignment.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.persistentassignment.internal.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A typed walk over a streaming {@link JsonParser} that turns every surprise into a {@link
 * CatalogFormatException} naming the source, the JSON pointer, the line and column, and what was
 * expected versus found.
 *
 * <p>Each read method consumes the next value. {@link #hasNextElement()} looks one token ahead,
 * which is why the cursor can give one token back.
 */
final class JsonCursor {
  private static final int QUOTE_LIMIT = 40;
  private static final Pattern SOURCE_IN_LOCATION = Pattern.compile("\\[Source: [^;\\]]*; ");

  private final JsonParser parser;
  private final String sourceName;
  private boolean tokenGivenBack;
  private JsonPosition valueAt = new JsonPosition("", -1, -1);

  JsonCursor(JsonParser parser, String sourceName) {
    this.parser = parser;
    this.sourceName = sourceName;
  }

  /** Consumes the start of an object and returns where it is. */
  JsonPosition startObject(String expected) {
    if (advance() != JsonToken.START_OBJECT) {
      throw unexpected(expected);
    }
    return position();
  }

  /** The next field name of the current object, or null at its end. */
  @Nullable String nextField() {
    JsonToken token = advance();
    if (token == JsonToken.END_OBJECT) {
      return null;
    }
    if (token != JsonToken.FIELD_NAME) {
      throw unexpected("a field name");
    }
    return text();
  }

  /** Consumes the start of an array and returns where it is. */
  JsonPosition startArray(String expected) {
    if (advance() != JsonToken.START_ARRAY) {
      throw unexpected(expected);
    }
    return position();
  }

  /** Whether the current array has another element; consumes the end of the array if not. */
  boolean hasNextElement() {
    if (advance() == JsonToken.END_ARRAY) {
      return false;
    }
    tokenGivenBack = true;
    return true;
  }

  /** Requires that nothing follows the document's root value. */
  void requireEnd() {
    if (advance() != null) {
      throw unexpected("the end of the document");
    }
  }

  String string() {
    if (advance() != JsonToken.VALUE_STRING) {
      throw unexpected("a string");
    }
    valueAt = position();
    return text();
  }

  double number() {
    JsonToken token = advance();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw unexpected("a number");
    }
    valueAt = position();
    try {
      return parser.getDoubleValue();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  long integer() {
    if (advance() != JsonToken.VALUE_NUMBER_INT) {
      throw unexpected("an integer");
    }
    valueAt = position();
    try {
      return parser.getLongValue();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Nullable Integer nullableInteger() {
    JsonToken token = advance();
    if (token == JsonToken.VALUE_NULL) {
      valueAt = position();
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw unexpected("an integer or null");
    }
    valueAt = position();
    try {
      return parser.getIntValue();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  boolean bool() {
    JsonToken token = advance();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw unexpected("a boolean");
    }
    valueAt = position();
    return token == JsonToken.VALUE_TRUE;
  }

  /** An object of any JSON values, such as parameters. */
  Map<String, @Nullable Object> object() {
    if (advance() != JsonToken.START_OBJECT) {
      throw unexpected("an object");
    }
    valueAt = position();
    return readObjectBody();
  }

  /** Any JSON value. */
  @Nullable Object value() {
    advance();
    valueAt = position();
    return readCurrent();
  }

  /** Where the value consumed by the last typed read starts. */
  JsonPosition valueAt() {
    return valueAt;
  }

  /** Where the current token is. */
  JsonPosition position() {
    JsonLocation location = parser.currentTokenLocation();
    return new JsonPosition(
        parser.getParsingContext().pathAsPointer().toString(),
        location.getLineNr(),
        location.getColumnNr());
  }

  CatalogFormatException error(JsonPosition at, String problem) {
    return new CatalogFormatException(
        sourceName, at.pointer(), at.line(), at.column(), problem, null);
  }

  /** The current token was not what the format allows here. */
  CatalogFormatException unexpected(String expected) {
    return error(position(), "expected " + expected + ", found " + describeCurrent());
  }

  /** The current field name is not one the format knows. */
  CatalogFormatException unknownField(Collection<String> accepted) {
    return error(
        position(),
        "unknown field \"" + text() + "\"; the accepted fields are " + String.join(", ", accepted));
  }

  private JsonToken advance() {
    if (tokenGivenBack) {
      tokenGivenBack = false;
      return parser.currentToken();
    }
    try {
      return parser.nextToken();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private String text() {
    try {
      return parser.getText();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private @Nullable Object readCurrent() {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw unexpected("a value");
    }
    try {
      return switch (token) {
        case START_OBJECT -> readObjectBody();
        case START_ARRAY -> readArrayBody();
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> JsonValues.normalizeNumber(parser.getNumberValue(), "number");
        case VALUE_NUMBER_FLOAT -> JsonValues.normalizeDecimal(parser.getDecimalValue());
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NULL -> null;
        default -> throw unexpected("a value");
      };
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private Map<String, @Nullable Object> readObjectBody() {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    String field;
    while ((field = nextField()) != null) {
      advance();
      map.put(field, readCurrent());
    }
    return Collections.unmodifiableMap(map);
  }

  private List<@Nullable Object> readArrayBody() {
    List<@Nullable Object> list = new ArrayList<>();
    while (hasNextElement()) {
      advance();
      list.add(readCurrent());
    }
    return Collections.unmodifiableList(list);
  }

  private String describeCurrent() {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "the end of the document";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT -> "the end of the object";
      case END_ARRAY -> "the end of the array";
      case FIELD_NAME -> "field " + quote(text());
      case VALUE_STRING -> "a string " + quote(text());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number " + text();
      case VALUE_TRUE, VALUE_FALSE -> "a boolean " + text();
      case VALUE_NULL -> "null";
      default -> token.asString() != null ? token.asString() : token.name();
    };
  }

  private static String quote(String text) {
    String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "…" : text;
    return "\"" + shown + "\"";
  }

  /**
   * Drops jackson's source placeholder from nested locations such as "start marker at [Source:
   * REDACTED …; line: 2, column: 18]": the source is already named at the start of the message.
   */
  private static String withoutSource(String message) {
    return SOURCE_IN_LOCATION.matcher(message).replaceAll("[");
  }

  /** Parse errors become format errors at the parser's position; I/O errors stay I/O errors. */
  private RuntimeException failure(IOException e) {
    if (!(e instanceof JsonProcessingException)) {
      return new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
    }
    JsonProcessingException parseError = (JsonProcessingException) e;
    JsonLocation location =
        parseError.getLocation() != null ? parseError.getLocation() : parser.currentLocation();
    return new CatalogFormatException(
        sourceName,
        parser.getParsingContext().pathAsPointer().toString(),
        location.getLineNr(),
        location.getColumnNr(),
        "invalid JSON: " + withoutSource(parseError.getOriginalMessage()),
        e);
  }
}
