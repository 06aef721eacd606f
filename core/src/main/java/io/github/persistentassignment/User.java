package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requireNonNullElement;

import io.github.persistentassignment.internal.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The user being evaluated: a user ID, custom unit IDs (such as {@code companyID}) and attributes
 * used by targeting. Immutable; build it with {@link #builder()} or {@link #of(String)}.
 *
 * @param userId the user ID, or null for a user known only by custom IDs
 * @param customIds id type → unit ID
 * @param attributes attribute name → value (strings, numbers, booleans, lists), for targeting
 */
public record User(
    @Nullable String userId,
    Map<String, String> customIds,
    Map<String, @Nullable Object> attributes) {

  /**
   * Copies both maps so the record is immutable.
   *
   * @param userId the user ID, or null for a user known only by custom IDs
   * @param customIds id type → unit ID
   * @param attributes attribute name → value (strings, numbers, booleans, lists), for targeting
   */
  public User {
    requireNonNullArgument(customIds, "customIds");
    requireNonNullArgument(attributes, "attributes");
    Map<String, String> ids = new LinkedHashMap<>();
    customIds.forEach(
        (type, id) ->
            ids.put(
                requireNonBlank(type, "customIds key"),
                requireNonNullElement(id, "customIds", type)));
    customIds = Collections.unmodifiableMap(ids);
    attributes = JsonValues.copyObject(attributes, "attributes");
  }

  /**
   * A user with only a user ID.
   *
   * @param userId the user ID
   * @return the user
   */
  public static User of(String userId) {
    return builder().userId(userId).build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The custom ID of the given type, looked up as spelled, then lower-cased.
   *
   * @param idType the id type, such as {@code companyID}
   * @return the unit ID, if the user has one
   */
  public Optional<String> customId(String idType) {
    String id = customIds.get(idType);
    if (id == null) {
      id = customIds.get(idType.toLowerCase(java.util.Locale.ROOT));
    }
    return Optional.ofNullable(id);
  }

  /**
   * The unit ID for an id type: the user ID when the type is {@code userID} (ignoring case), else
   * the custom ID of that type.
   *
   * @param idType the id type
   * @return the unit ID, if the user has one
   */
  public Optional<String> unitId(String idType) {
    if ("userID".equalsIgnoreCase(idType)) {
      return Optional.ofNullable(userId).filter(id -> !id.isEmpty());
    }
    return customId(idType).filter(id -> !id.isEmpty());
  }

  /** Builds a {@link User}. */
  public static final class Builder {
    private @Nullable String userId;
    private final Map<String, String> customIds = new LinkedHashMap<>();
    private final Map<String, @Nullable Object> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the user ID.
     *
     * @param userId the user ID, or null
     * @return this builder
     */
    public Builder userId(@Nullable String userId) {
      this.userId = userId;
      return this;
    }

    /**
     * Adds a custom unit ID.
     *
     * @param idType the id type, such as {@code companyID}
     * @param id the unit ID
     * @return this builder
     */
    public Builder customId(String idType, String id) {
      customIds.put(requireNonBlank(idType, "idType"), requireNonNullArgument(id, "id"));
      return this;
    }

    /**
     * Adds a targeting attribute.
     *
     * @param name the attribute name
     * @param value a string, number, boolean, list or map
     * @return this builder
     */
    public Builder attribute(String name, @Nullable Object value) {
      attributes.put(requireNonBlank(name, "name"), value);
      return this;
    }

    /**
     * Adds several targeting attributes.
     *
     * @param values attribute name → value
     * @return this builder
     */
    public Builder attributes(Map<String, ? extends @Nullable Object> values) {
      values.forEach(this::attribute);
      return this;
    }

    /**
     * Builds the user.
     *
     * @return a new immutable {@link User}
     */
    public User build() {
      return new User(userId, customIds, attributes);
    }
  }
}
