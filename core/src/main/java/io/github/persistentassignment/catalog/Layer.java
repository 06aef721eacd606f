package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.StorageKeys;
import io.github.persistentassignment.internal.JsonValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A layer: experiments that share parameters and split the layer's traffic, so a unit is in at most
 * one of them. Immutable; build one with {@link #builder(String)}.
 *
 * @param name the layer's name, unique in its catalog (no experiment may share it)
 * @param idType the unit type, the same as each of its experiments'
 * @param salt mixed into the hash that picks the segment
 * @param defaultParameters the parameters of units in no experiment, and the base each experiment's
 *     own parameters are laid over
 * @param segments the experiments and their shares of the layer's traffic, in bucket order
 */
public record Layer(
    String name,
    String idType,
    String salt,
    Map<String, @Nullable Object> defaultParameters,
    List<Segment> segments) {

  /**
   * Validates every field and copies every collection.
   *
   * @param name the layer's name, unique in its catalog (no experiment may share it)
   * @param idType the unit type, the same as each of its experiments'
   * @param salt mixed into the hash that picks the segment
   * @param defaultParameters the parameters of units in no experiment, and the base each
   *     experiment's own parameters are laid over
   * @param segments the experiments and their shares of the layer's traffic, in bucket order
   */
  public Layer {
    requireNonBlank(name, "layer name");
    StorageKeys.requireValidIdType(idType, "idType of layer " + name);
    requireNonBlank(salt, "salt of layer " + name);
    defaultParameters =
        JsonValues.copyObject(
            requireNonNullArgument(defaultParameters, "defaultParameters"),
            "defaultParameters of layer " + name);
    segments = List.copyOf(requireNonNullArgument(segments, "segments"));
    double total = 0;
    Set<String> seen = new HashSet<>();
    for (Segment segment : segments) {
      if (!seen.add(segment.experiment())) {
        throw new IllegalArgumentException(
            "layer " + name + " lists experiment " + segment.experiment() + " twice");
      }
      total += segment.percent();
    }
    // Compared in hundredths, as buckets are, so 33.33 + 33.33 + 33.34 is not "over 100".
    if (Math.round(total * 100) > Bucketing.BUCKETS) {
      throw new IllegalArgumentException(
          "the segments of layer " + name + " add up to " + total + "%, more than 100%");
    }
  }

  /**
   * One experiment's share of a layer's traffic.
   *
   * @param experiment the experiment's name
   * @param percent its share of the layer's traffic, from 0 to 100
   */
  public record Segment(String experiment, double percent) {
    /**
     * Validates the name and the share.
     *
     * @param experiment the experiment's name
     * @param percent its share of the layer's traffic, from 0 to 100
     */
    public Segment {
      requireNonBlank(experiment, "segment experiment");
      if (!(percent >= 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "percent of segment " + experiment + " must be from 0 to 100, got " + percent);
      }
    }
  }

  /**
   * Starts a builder with the defaults: id type {@code userID}, salt = name, no defaults, no
   * experiments.
   *
   * @param name the layer's name
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(requireNonBlank(name, "name"));
  }

  /**
   * A builder holding this layer's fields, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = builder(name).idType(idType).salt(salt).defaultParameters(defaultParameters);
    builder.segments.addAll(segments);
    return builder;
  }

  /** Builds a {@link Layer}; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private String idType = Experiment.DEFAULT_ID_TYPE;
    private @Nullable String salt;
    private Map<String, @Nullable Object> defaultParameters = Map.of();
    private final List<Segment> segments = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the unit type; default {@code userID}.
     *
     * @param idType the id type
     * @return this builder
     */
    public Builder idType(String idType) {
      this.idType = requireNonBlank(idType, "idType");
      return this;
    }

    /**
     * Sets the salt; default the layer's name.
     *
     * @param salt the salt
     * @return this builder
     */
    public Builder salt(String salt) {
      this.salt = requireNonBlank(salt, "salt");
      return this;
    }

    /**
     * Sets the parameters of units in no experiment; default none.
     *
     * @param defaultParameters parameter name → JSON value
     * @return this builder
     */
    public Builder defaultParameters(Map<String, ? extends @Nullable Object> defaultParameters) {
      this.defaultParameters =
          JsonValues.copyObject(
              requireNonNullArgument(defaultParameters, "defaultParameters"), "defaultParameters");
      return this;
    }

    /**
     * Gives an experiment the next share of the layer's traffic.
     *
     * @param experimentName the experiment, which must be in the same catalog
     * @param percent its share, from 0 to 100; all shares add up to at most 100
     * @return this builder
     */
    public Builder experiment(String experimentName, double percent) {
      segments.add(new Segment(experimentName, percent));
      return this;
    }

    /**
     * Removes every experiment from the layer.
     *
     * @return this builder
     */
    public Builder clearExperiments() {
      segments.clear();
      return this;
    }

    /**
     * Builds the layer.
     *
     * @return a new immutable {@link Layer}
     * @throws IllegalArgumentException if a field is invalid; the message says which
     */
    public Layer build() {
      return new Layer(name, idType, salt != null ? salt : name, defaultParameters, segments);
    }
  }
}
