package io.github.persistentassignment.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes the universal schema: every field, in a fixed order, nulls explicit. */
final class StickyValuesWriter {
  private StickyValuesWriter() {}

  static void write(JsonGenerator out, StickyValues values) throws IOException {
    out.writeStartObject();
    out.writeBooleanField(Fields.VALUE, values.value());
    out.writeFieldName(Fields.JSON_VALUE);
    writeValue(out, values.jsonValue());
    writeNullableString(out, Fields.RULE_ID, values.ruleId());
    writeNullableString(out, Fields.GROUP_NAME, values.groupName());
    writeExposures(out, Fields.SECONDARY_EXPOSURES, values.secondaryExposures());
    writeExposures(
        out, Fields.UNDELEGATED_SECONDARY_EXPOSURES, values.undelegatedSecondaryExposures());
    writeNullableString(out, Fields.CONFIG_DELEGATE, values.configDelegate());
    out.writeFieldName(Fields.EXPLICIT_PARAMETERS);
    List<String> explicitParameters = values.explicitParameters();
    if (explicitParameters == null) {
      out.writeNull();
    } else {
      out.writeStartArray();
      for (String parameter : explicitParameters) {
        out.writeString(parameter);
      }
      out.writeEndArray();
    }
    out.writeNumberField(Fields.TIME, values.time());
    out.writeFieldName(Fields.CONFIG_VERSION);
    Integer configVersion = values.configVersion();
    if (configVersion == null) {
      out.writeNull();
    } else {
      out.writeNumber(configVersion);
    }
    out.writeEndObject();
  }

  private static void writeNullableString(JsonGenerator out, String field, @Nullable String value)
      throws IOException {
    out.writeFieldName(field);
    if (value == null) {
      out.writeNull();
    } else {
      out.writeString(value);
    }
  }

  private static void writeExposures(
      JsonGenerator out, String field, List<SecondaryExposure> exposures) throws IOException {
    out.writeArrayFieldStart(field);
    for (SecondaryExposure exposure : exposures) {
      out.writeStartObject();
      out.writeStringField(Fields.GATE, exposure.gate());
      out.writeStringField(Fields.GATE_VALUE, exposure.gateValue());
      out.writeStringField(Fields.EXPOSURE_RULE_ID, exposure.ruleId());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /** Values inside json_value were normalized by StickyValues: maps, lists, scalars. */
  private static void writeValue(JsonGenerator out, @Nullable Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String) {
      out.writeString((String) value);
    } else if (value instanceof Boolean) {
      out.writeBoolean((Boolean) value);
    } else if (value instanceof Long) {
      out.writeNumber((Long) value);
    } else if (value instanceof Double) {
      out.writeNumber((Double) value);
    } else if (value instanceof BigInteger) {
      out.writeNumber((BigInteger) value);
    } else if (value instanceof BigDecimal) {
      out.writeNumber((BigDecimal) value);
    } else if (value instanceof Map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        out.writeFieldName((String) entry.getKey());
        writeValue(out, entry.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List) {
      out.writeStartArray();
      for (Object element : (List<?>) value) {
        writeValue(out, element);
      }
      out.writeEndArray();
    } else {
      throw new IllegalStateException("Not a normalized JSON value: " + value.getClass());
    }
  }
}
