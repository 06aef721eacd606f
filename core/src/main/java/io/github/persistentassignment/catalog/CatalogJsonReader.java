package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON form of an {@link ExperimentCatalog}, described in {@code
 * docs/experiment-catalog.md}. Use {@link ExperimentCatalog#fromJson(String, String)} and its
 * siblings; this class is what they call.
 *
 * <p>The reader is strict, because a typo in a catalog silently changes who sees what: unknown
 * fields, duplicate fields, wrong types and references to unknown groups or experiments are all
 * {@link CatalogFormatException}s that point at the offending element.
 */
public final class CatalogJsonReader {
  private static final List<String> DOCUMENT_FIELDS =
      List.of("time", "version", "experiments", "layers");
  private static final List<String> EXPERIMENT_FIELDS =
      List.of(
          "name",
          "idType",
          "salt",
          "active",
          "allocationPercent",
          "defaultParameters",
          "groups",
          "targeting",
          "overrides",
          "fallbackIdType",
          "version",
          "reassignBelowVersion",
          "excludeBelowVersion");
  private static final List<String> GROUP_FIELDS = List.of("name", "weight", "parameters");
  private static final List<String> CONDITION_FIELDS = List.of("attribute", "operator", "value");
  private static final List<String> LAYER_FIELDS =
      List.of("name", "idType", "salt", "defaultParameters", "experiments");
  private static final List<String> SEGMENT_FIELDS = List.of("name", "percent");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // The caller owns a stream it passes in; we close only what we open.
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private final JsonCursor cursor;

  private CatalogJsonReader(JsonCursor cursor) {
    this.cursor = cursor;
  }

  /**
   * Reads a catalog from a string.
   *
   * @param json the document
   * @param sourceName the document's name, used in error messages
   * @return the catalog
   * @throws CatalogFormatException if the document is not a valid catalog
   */
  public static ExperimentCatalog read(String json, String sourceName) {
    requireNonNullArgument(json, "json");
    requireNonBlank(sourceName, "sourceName");
    try (JsonParser parser = FACTORY.createParser(json)) {
      return new CatalogJsonReader(new JsonCursor(parser, sourceName)).readDocument();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName, e);
    }
  }

  /**
   * Reads a catalog from UTF-8 bytes. The stream is read to the end of the document and not closed.
   *
   * @param in the document's bytes
   * @param sourceName the document's name, used in error messages
   * @return the catalog
   * @throws CatalogFormatException if the document is not a valid catalog
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static ExperimentCatalog read(InputStream in, String sourceName) {
    requireNonNullArgument(in, "in");
    requireNonBlank(sourceName, "sourceName");
    try (JsonParser parser = FACTORY.createParser(in)) {
      return new CatalogJsonReader(new JsonCursor(parser, sourceName)).readDocument();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName, e);
    }
  }

  private record ParsedExperiment(Experiment experiment, JsonPosition at, JsonPosition nameAt) {}

  private record ParsedLayer(
      Layer layer, JsonPosition at, JsonPosition nameAt, List<JsonPosition> segmentNamesAt) {}

  private record ParsedSegment(
      Layer.Segment segment, JsonPosition nameAt, JsonPosition percentAt) {}

  private ExperimentCatalog readDocument() {
    JsonPosition root = cursor.startObject("an object with experiments and layers");
    ExperimentCatalog.Builder builder = ExperimentCatalog.builder();
    List<ParsedExperiment> experiments = new ArrayList<>();
    List<ParsedLayer> layers = new ArrayList<>();
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "time" -> builder.configTime(cursor.integer());
        case "version" -> builder.configVersion(cursor.nullableInteger());
        case "experiments" -> {
          cursor.startArray("an array of experiments");
          while (cursor.hasNextElement()) {
            experiments.add(readExperiment());
          }
        }
        case "layers" -> {
          cursor.startArray("an array of layers");
          while (cursor.hasNextElement()) {
            layers.add(readLayer());
          }
        }
        default -> throw cursor.unknownField(DOCUMENT_FIELDS);
      }
    }
    cursor.requireEnd();
    checkReferences(experiments, layers);
    experiments.forEach(parsed -> builder.experiment(parsed.experiment()));
    layers.forEach(parsed -> builder.layer(parsed.layer()));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // Every rule the builder enforces is checked above with a precise place; this is a backstop.
      throw cursor.error(root, e.getMessage());
    }
  }

  /** Names are unique across experiments and layers; segments name same-type experiments. */
  private void checkReferences(List<ParsedExperiment> experiments, List<ParsedLayer> layers) {
    Map<String, Experiment> byName = new HashMap<>();
    for (ParsedExperiment parsed : experiments) {
      if (byName.putIfAbsent(parsed.experiment().name(), parsed.experiment()) != null) {
        throw cursor.error(
            parsed.nameAt(), "a second experiment named \"" + parsed.experiment().name() + "\"");
      }
    }
    Map<String, Layer> layersByName = new HashMap<>();
    for (ParsedLayer parsed : layers) {
      Layer layer = parsed.layer();
      if (byName.containsKey(layer.name())) {
        throw cursor.error(
            parsed.nameAt(),
            "layer \"" + layer.name() + "\" has the name of an experiment; names must be unique");
      }
      if (layersByName.putIfAbsent(layer.name(), layer) != null) {
        throw cursor.error(parsed.nameAt(), "a second layer named \"" + layer.name() + "\"");
      }
      for (int i = 0; i < layer.segments().size(); i++) {
        String name = layer.segments().get(i).experiment();
        Experiment experiment = byName.get(name);
        JsonPosition at = parsed.segmentNamesAt().get(i);
        if (experiment == null) {
          throw cursor.error(
              at, "layer \"" + layer.name() + "\" names unknown experiment \"" + name + "\"");
        }
        if (!experiment.idType().equals(layer.idType())) {
          throw cursor.error(
              at,
              "experiment \""
                  + name
                  + "\" has idType "
                  + experiment.idType()
                  + " but layer \""
                  + layer.name()
                  + "\" has idType "
                  + layer.idType());
        }
      }
    }
  }

  private ParsedExperiment readExperiment() {
    JsonPosition at = cursor.startObject("an experiment object");
    String name = null;
    JsonPosition nameAt = at;
    Experiment.Builder builder = Experiment.builder("unnamed");
    Optional<String> salt = Optional.empty();
    List<Group> groups = null;
    JsonPosition groupsAt = at;
    List<JsonPosition> groupNamesAt = new ArrayList<>();
    Map<String, JsonPosition> overridesAt = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "name" -> {
          name = nonBlank(cursor.string());
          nameAt = cursor.valueAt();
        }
        case "idType" -> builder.idType(nonBlank(cursor.string()));
        case "salt" -> salt = Optional.of(nonBlank(cursor.string()));
        case "active" -> builder.active(cursor.bool());
        case "allocationPercent" -> builder.allocationPercent(percent());
        case "defaultParameters" -> builder.defaultParameters(cursor.object());
        case "groups" -> {
          groupsAt = cursor.startArray("an array of groups");
          groups = new ArrayList<>();
          while (cursor.hasNextElement()) {
            groups.add(readGroup(groupNamesAt));
          }
        }
        case "targeting" -> {
          cursor.startArray("an array of conditions");
          while (cursor.hasNextElement()) {
            builder.targeting(readCondition());
          }
        }
        case "overrides" -> {
          cursor.startObject("an object of unit ID to group name");
          String unitId;
          while ((unitId = cursor.nextField()) != null) {
            overrides.put(unitId, cursor.string());
            overridesAt.put(unitId, cursor.valueAt());
          }
        }
        case "fallbackIdType" -> builder.fallbackIdType(nonBlank(cursor.string()));
        case "version" -> builder.version(cursor.nullableInteger());
        case "reassignBelowVersion" -> builder.reassignBelowVersion(requiredInt());
        case "excludeBelowVersion" -> builder.excludeBelowVersion(requiredInt());
        default -> throw cursor.unknownField(EXPERIMENT_FIELDS);
      }
    }
    if (name == null) {
      throw cursor.error(at, "missing required field \"name\" of an experiment");
    }
    if (groups == null) {
      throw cursor.error(at, "missing required field \"groups\" of experiment \"" + name + "\"");
    }
    checkGroups(groups, groupsAt, groupNamesAt);
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String group = override.getValue();
      if (groups.stream().noneMatch(g -> g.name().equals(group))) {
        throw cursor.error(
            overridesAt.get(override.getKey()),
            "override of \"" + override.getKey() + "\" names unknown group \"" + group + "\"");
      }
      builder.override(override.getKey(), group);
    }
    builder.name(name).salt(salt.orElse(name)).groups(groups);
    return new ParsedExperiment(build(builder::build, at), at, nameAt);
  }

  private int requiredInt() {
    Integer value = cursor.nullableInteger();
    if (value == null) {
      throw cursor.error(cursor.valueAt(), "expected a whole number, got null");
    }
    return value;
  }

  private void checkGroups(List<Group> groups, JsonPosition at, List<JsonPosition> namesAt) {
    if (groups.stream().noneMatch(group -> group.weight() > 0)) {
      throw cursor.error(at, "expected at least one group with a weight above 0");
    }
    for (int i = 0; i < groups.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (groups.get(i).name().equals(groups.get(j).name())) {
          throw cursor.error(
              namesAt.get(i), "a second group named \"" + groups.get(i).name() + "\"");
        }
      }
    }
  }

  private Group readGroup(List<JsonPosition> namesAt) {
    JsonPosition at = cursor.startObject("a group object");
    String name = null;
    Double weight = null;
    Map<String, @Nullable Object> parameters = Map.of();
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "name" -> {
          name = nonBlank(cursor.string());
          namesAt.add(cursor.valueAt());
        }
        case "weight" -> {
          weight = cursor.number();
          if (weight < 0) {
            throw cursor.error(cursor.valueAt(), "expected a weight >= 0, found " + weight);
          }
        }
        case "parameters" -> parameters = cursor.object();
        default -> throw cursor.unknownField(GROUP_FIELDS);
      }
    }
    String groupName = require(name, "name", "a group", at);
    double groupWeight = require(weight, "weight", "group \"" + groupName + "\"", at);
    Map<String, @Nullable Object> groupParameters = parameters;
    return build(() -> new Group(groupName, groupWeight, groupParameters), at);
  }

  private Condition readCondition() {
    JsonPosition at = cursor.startObject("a condition object");
    String attribute = null;
    Operator operator = null;
    Object value = null;
    boolean hasValue = false;
    JsonPosition valueAt = at;
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "attribute" -> attribute = nonBlank(cursor.string());
        case "operator" -> operator = operator(cursor.string());
        case "value" -> {
          value = cursor.value();
          hasValue = true;
          valueAt = cursor.valueAt();
        }
        default -> throw cursor.unknownField(CONDITION_FIELDS);
      }
    }
    String conditionAttribute = require(attribute, "attribute", "a condition", at);
    Operator conditionOperator = require(operator, "operator", "a condition", at);
    if (!hasValue) {
      throw cursor.error(at, "missing required field \"value\" of a condition");
    }
    if (value == null) {
      throw cursor.error(valueAt, "expected a string, number, boolean or list, found null");
    }
    Object conditionValue = value;
    return build(
        () -> Condition.of(conditionAttribute, conditionOperator, conditionValue), valueAt);
  }

  private Operator operator(String spelling) {
    return Operator.fromJsonName(spelling)
        .orElseThrow(
            () -> {
              List<String> accepted = new ArrayList<>();
              for (Operator operator : Operator.values()) {
                accepted.add(operator.jsonName());
              }
              return cursor.error(
                  cursor.valueAt(),
                  "unknown operator \""
                      + spelling
                      + "\"; the operators are "
                      + String.join(", ", accepted));
            });
  }

  private ParsedLayer readLayer() {
    JsonPosition at = cursor.startObject("a layer object");
    String name = null;
    JsonPosition nameAt = at;
    Optional<String> idType = Optional.empty();
    Optional<String> salt = Optional.empty();
    Optional<Map<String, @Nullable Object>> defaults = Optional.empty();
    List<Layer.Segment> segments = new ArrayList<>();
    List<JsonPosition> segmentNamesAt = new ArrayList<>();
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "name" -> {
          name = nonBlank(cursor.string());
          nameAt = cursor.valueAt();
        }
        case "idType" -> idType = Optional.of(nonBlank(cursor.string()));
        case "salt" -> salt = Optional.of(nonBlank(cursor.string()));
        case "defaultParameters" -> defaults = Optional.of(cursor.object());
        case "experiments" -> {
          cursor.startArray("an array of layer segments");
          double total = 0;
          while (cursor.hasNextElement()) {
            ParsedSegment parsed = readSegment();
            total += parsed.segment().percent();
            // Compared in hundredths, as the layer itself does.
            if (Math.round(total * 100) > Bucketing.BUCKETS) {
              throw cursor.error(
                  parsed.percentAt(),
                  "the layer's segments add up to " + total + " percent, more than 100");
            }
            segments.add(parsed.segment());
            segmentNamesAt.add(parsed.nameAt());
          }
        }
        default -> throw cursor.unknownField(LAYER_FIELDS);
      }
    }
    if (name == null) {
      throw cursor.error(at, "missing required field \"name\" of a layer");
    }
    Layer.Builder builder = Layer.builder(name);
    idType.ifPresent(builder::idType);
    builder.salt(salt.orElse(name));
    defaults.ifPresent(builder::defaultParameters);
    for (Layer.Segment segment : segments) {
      builder.experiment(segment.experiment(), segment.percent());
    }
    return new ParsedLayer(build(builder::build, at), at, nameAt, segmentNamesAt);
  }

  private ParsedSegment readSegment() {
    JsonPosition at = cursor.startObject("a layer segment object");
    String name = null;
    JsonPosition nameAt = at;
    Double percent = null;
    JsonPosition percentAt = at;
    String field;
    while ((field = cursor.nextField()) != null) {
      switch (field) {
        case "name" -> {
          name = nonBlank(cursor.string());
          nameAt = cursor.valueAt();
        }
        case "percent" -> {
          percent = percent();
          percentAt = cursor.valueAt();
        }
        default -> throw cursor.unknownField(SEGMENT_FIELDS);
      }
    }
    String experiment = require(name, "name", "a layer segment", at);
    double share = require(percent, "percent", "layer segment \"" + experiment + "\"", at);
    return new ParsedSegment(
        build(() -> new Layer.Segment(experiment, share), at), nameAt, percentAt);
  }

  /** A number from 0 to 100. */
  private double percent() {
    double percent = cursor.number();
    if (!(percent >= 0 && percent <= 100)) {
      throw cursor.error(cursor.valueAt(), "expected a percent from 0 to 100, found " + percent);
    }
    return percent;
  }

  private String nonBlank(String text) {
    if (text.isBlank()) {
      throw cursor.error(cursor.valueAt(), "expected a non-blank string, found \"" + text + "\"");
    }
    return text;
  }

  private <T> T require(@Nullable T value, String field, String owner, JsonPosition at) {
    if (value == null) {
      throw cursor.error(at, "missing required field \"" + field + "\" of " + owner);
    }
    return value;
  }

  /** Runs a constructor, placing any validation error it raises at the element's position. */
  private <T> T build(Supplier<T> constructor, JsonPosition at) {
    try {
      return constructor.get();
    } catch (CatalogFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw cursor.error(at, e.getMessage());
    }
  }
}
