package io.github.persistentassignment.catalog;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.Evaluation;
import io.github.persistentassignment.Evaluator;
import io.github.persistentassignment.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The small deterministic {@link Evaluator} core ships: experiments and layers, built in code with
 * {@link #builder()} or read from JSON with {@link #fromJson(Path)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ExperimentCatalog catalog =
 *     ExperimentCatalog.builder()
 *         .experiment(
 *             Experiment.builder("checkout_button")
 *                 .group("Control", 50, Map.of("color", "blue"))
 *                 .group("Test", 50, Map.of("color", "green"))
 *                 .build())
 *         .build();
 * // or: ExperimentCatalog.fromJson(Path.of("experiments.json"))
 * }</pre>
 *
 * <p>A user's bucket depends only on the salt, the unit ID and the configuration, so every instance
 * with the same configuration gives the same answers. Changing an experiment's allocation or group
 * weights moves some users' live buckets; keeping them where they were is what {@link
 * io.github.persistentassignment.PersistentAssignment} is for. {@code docs/experiment-catalog.md}
 * describes the evaluation order, the bucketing algorithm and the JSON format.
 */
public final class ExperimentCatalog implements Evaluator {
  /** Rule id of an inactive experiment's result. */
  public static final String RULE_INACTIVE = "inactive";

  /** Rule id of a result outside the allocation, or of a user without a unit ID. */
  public static final String RULE_NOT_ALLOCATED = "notAllocated";

  /** Rule id of a result decided by an override. */
  public static final String RULE_OVERRIDE = "override";

  /** Rule id of a result for a user who fails the targeting. */
  public static final String RULE_TARGETING_GATE = "targetingGate";

  /**
   * Rule id of the default result served to a user whose stored entry is older than the
   * experiment's {@code excludeBelowVersion}.
   */
  public static final String RULE_PRIOR_VERSION = "priorVersionExcluded";

  /** Rule id of a layer result for a user in none of its experiments. */
  public static final String RULE_LAYER_ASSIGNMENT = "layerAssignment";

  private final long configTime;
  private final @Nullable Integer configVersion;
  private final Map<String, Experiment> experiments;
  private final Map<String, Layer> layers;
  private final CatalogEvaluation evaluation;

  private ExperimentCatalog(Builder builder) {
    this.configTime = builder.configTime;
    this.configVersion = builder.configVersion;
    this.experiments = Collections.unmodifiableMap(new LinkedHashMap<>(builder.experiments));
    this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.layers));
    this.evaluation = new CatalogEvaluation(configTime, configVersion, experiments);
  }

  /**
   * Starts an empty builder: no experiments, no layers, config time 0, no config version.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this catalog's configuration, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = builder().configTime(configTime).configVersion(configVersion);
    builder.experiments.putAll(experiments);
    builder.layers.putAll(layers);
    return builder;
  }

  /**
   * Reads a catalog from a UTF-8 JSON file; error messages name the file.
   *
   * @param file the file
   * @return the catalog
   * @throws CatalogFormatException if the file is not a valid catalog
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ExperimentCatalog fromJson(Path file) {
    requireNonNullArgument(file, "file");
    Path fileName = file.getFileName();
    String sourceName = fileName != null ? fileName.toString() : file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return CatalogJsonReader.read(in, sourceName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read experiment catalog " + file, e);
    }
  }

  /**
   * Reads a catalog from a JSON string.
   *
   * @param json the document
   * @param sourceName a name for the document in error messages
   * @return the catalog
   * @throws CatalogFormatException if the document is not a valid catalog
   */
  public static ExperimentCatalog fromJson(String json, String sourceName) {
    return CatalogJsonReader.read(json, sourceName);
  }

  /**
   * Reads a catalog from a UTF-8 JSON stream, which is not closed.
   *
   * @param in the document's bytes
   * @param sourceName a name for the document in error messages
   * @return the catalog
   * @throws CatalogFormatException if the document is not a valid catalog
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static ExperimentCatalog fromJson(InputStream in, String sourceName) {
    return CatalogJsonReader.read(in, sourceName);
  }

  /**
   * Epoch milliseconds of this configuration, copied into every {@link Evaluation}.
   *
   * @return the config time; 0 unless set
   */
  public long configTime() {
    return configTime;
  }

  /**
   * Version of this configuration, copied into every {@link Evaluation}.
   *
   * @return the version, or null
   */
  public @Nullable Integer configVersion() {
    return configVersion;
  }

  /**
   * Every experiment, in the order added.
   *
   * @return the experiments
   */
  public List<Experiment> experiments() {
    return List.copyOf(experiments.values());
  }

  /**
   * Every layer, in the order added.
   *
   * @return the layers
   */
  public List<Layer> layers() {
    return List.copyOf(layers.values());
  }

  /**
   * The experiment with a name.
   *
   * @param name the name
   * @return the experiment, or empty when there is none
   */
  public Optional<Experiment> experiment(String name) {
    return Optional.ofNullable(experiments.get(name));
  }

  /**
   * The layer with a name.
   *
   * @param name the name
   * @return the layer, or empty when there is none
   */
  public Optional<Layer> layer(String name) {
    return Optional.ofNullable(layers.get(name));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code user} is null or {@code name} blank
   */
  @Override
  public Optional<Evaluation> evaluate(User user, String name) {
    requireNonNullArgument(user, "user");
    requireNonBlank(name, "name");
    Experiment experiment = experiments.get(name);
    if (experiment != null) {
      return Optional.of(evaluation.evaluateExperiment(user, experiment));
    }
    Layer layer = layers.get(name);
    return layer == null ? Optional.empty() : Optional.of(evaluation.evaluateLayer(user, layer));
  }

  @Override
  public boolean passesTargeting(User user, String experimentName) {
    requireNonNullArgument(user, "user");
    requireNonBlank(experimentName, "experimentName");
    Experiment experiment = experiments.get(experimentName);
    return experiment == null || CatalogEvaluation.passes(user, experiment);
  }

  @Override
  public boolean matchesOverride(User user, String experimentName) {
    requireNonNullArgument(user, "user");
    requireNonBlank(experimentName, "experimentName");
    Experiment experiment = experiments.get(experimentName);
    return experiment != null && CatalogEvaluation.overrideOf(user, experiment).isPresent();
  }

  /**
   * Catalogs are equal when they hold the same configuration: time, version, experiments and
   * layers.
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ExperimentCatalog that
        && configTime == that.configTime
        && Objects.equals(configVersion, that.configVersion)
        && experiments.equals(that.experiments)
        && layers.equals(that.layers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(configTime, configVersion, experiments, layers);
  }

  @Override
  public String toString() {
    return "ExperimentCatalog[configTime="
        + configTime
        + ", configVersion="
        + configVersion
        + ", experiments="
        + experiments.keySet()
        + ", layers="
        + layers.keySet()
        + "]";
  }

  /**
   * Builds an {@link ExperimentCatalog}. Adding an experiment or layer whose name is already
   * present replaces it, so a copy made with {@link ExperimentCatalog#toBuilder()} can change one
   * experiment.
   */
  public static final class Builder {
    private long configTime;
    private @Nullable Integer configVersion;
    private final Map<String, Experiment> experiments = new LinkedHashMap<>();
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the epoch milliseconds of this configuration; default 0.
     *
     * @param configTime epoch milliseconds
     * @return this builder
     */
    public Builder configTime(long configTime) {
      this.configTime = configTime;
      return this;
    }

    /**
     * Sets the version of this configuration; default null.
     *
     * @param configVersion the version, or null
     * @return this builder
     */
    public Builder configVersion(@Nullable Integer configVersion) {
      this.configVersion = configVersion;
      return this;
    }

    /**
     * Adds an experiment, or replaces the one with the same name.
     *
     * @param experiment the experiment
     * @return this builder
     */
    public Builder experiment(Experiment experiment) {
      requireNonNullArgument(experiment, "experiment");
      experiments.put(experiment.name(), experiment);
      return this;
    }

    /**
     * Adds a layer, or replaces the one with the same name.
     *
     * @param layer the layer
     * @return this builder
     */
    public Builder layer(Layer layer) {
      requireNonNullArgument(layer, "layer");
      layers.put(layer.name(), layer);
      return this;
    }

    /**
     * Builds the catalog.
     *
     * @return a new immutable catalog
     * @throws IllegalArgumentException if a layer names an unknown experiment or one of another id
     *     type, or a layer has an experiment's name
     */
    public ExperimentCatalog build() {
      List<String> problems = new ArrayList<>();
      for (Layer layer : layers.values()) {
        if (experiments.containsKey(layer.name())) {
          problems.add(
              "layer " + layer.name() + " has the name of an experiment; names must be unique");
        }
        for (Layer.Segment segment : layer.segments()) {
          Experiment experiment = experiments.get(segment.experiment());
          if (experiment == null) {
            problems.add(
                "layer " + layer.name() + " names unknown experiment " + segment.experiment());
          } else if (!experiment.idType().equals(layer.idType())) {
            problems.add(
                "layer "
                    + layer.name()
                    + " has idType "
                    + layer.idType()
                    + " but its experiment "
                    + experiment.name()
                    + " has idType "
                    + experiment.idType());
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new ExperimentCatalog(this);
    }
  }
}
