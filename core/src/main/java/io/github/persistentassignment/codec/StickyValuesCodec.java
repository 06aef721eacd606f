package io.github.persistentassignment.codec;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.internal.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Encodes and decodes {@link StickyValues} as one JSON object in the universal schema:
 *
 * <pre>{@code
 * {"value":true,"json_value":{…},"rule_id":"…","group_name":"…","secondary_exposures":[…],
 *  "undelegated_secondary_exposures":[…],"config_delegate":null,"explicit_parameters":null,
 *  "time":1700000000000,"config_version":3}
 * }</pre>
 *
 * <p>The writer emits every field, in this order, with explicit nulls. The reader is lenient the
 * way a shared store needs: {@code configVersion} is a synonym of {@code config_version}; {@code
 * time} may be an integer, a float (truncated) or null (read as 0); missing fields take their empty
 * value; unknown fields are ignored. So entries written by Statsig's other server SDKs through an
 * adapter with the same layout read back, and the other way round.
 *
 * <p>Thread-safe and stateless.
 */
public final class StickyValuesCodec {

  /**
   * Shared and thread-safe once configured. Astral characters are written as UTF-8 rather than
   * escaped surrogate pairs, so the text and byte forms are the same document.
   *
   * <p>The read limits are exactly what {@link StickyValues} accepts, so every value that can be
   * written reads back: nesting as deep as {@link JsonValues#MAX_NESTING_DEPTH} inside {@code
   * json_value} (plus the entry object around it), numbers of up to {@link
   * JsonValues#MAX_NUMBER_DIGITS} digits. Strings and names are not limited here (Jackson's default
   * would refuse a string of over 20 million characters that the writer had written): the backend's
   * own size limit bounds an entry.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(JsonValues.MAX_NESTING_DEPTH + 1)
                  .maxNumberLength(JsonValues.MAX_NUMBER_DIGITS)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private StickyValuesCodec() {}

  /**
   * Encodes a value as JSON text.
   *
   * @param values the value
   * @return the JSON document
   */
  public static String encode(StickyValues values) {
    requireNonNullArgument(values, "values");
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      StickyValuesWriter.write(generator, values);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode StickyValues", e);
    }
    return out.toString();
  }

  /**
   * Encodes a value as UTF-8 JSON bytes.
   *
   * @param values the value
   * @return the JSON document in UTF-8
   */
  public static byte[] encodeUtf8(StickyValues values) {
    requireNonNullArgument(values, "values");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      StickyValuesWriter.write(generator, values);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode StickyValues", e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a JSON document.
   *
   * @param json the document
   * @return the value
   * @throws StickyValuesFormatException if the text is not a valid document
   */
  public static StickyValues decode(String json) {
    requireNonNullArgument(json, "json");
    try (JsonParser parser = FACTORY.createParser(json)) {
      return StickyValuesReader.read(parser);
    } catch (IOException e) {
      throw StickyValuesReader.malformed(e);
    }
  }

  /**
   * Decodes a UTF-8 JSON document.
   *
   * @param json the document's bytes
   * @return the value
   * @throws StickyValuesFormatException if the bytes are not a valid document
   */
  public static StickyValues decode(byte[] json) {
    requireNonNullArgument(json, "json");
    try (JsonParser parser = FACTORY.createParser(json)) {
      return StickyValuesReader.read(parser);
    } catch (IOException e) {
      throw StickyValuesReader.malformed(e);
    }
  }
}
