package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Optional;

/**
 * The storage key of a user for an id type: {@code "<unitID>:<idType>"}, the key Statsig's server
 * SDKs use, so a store can be shared with services in other languages.
 */
public final class StorageKeys {
  private StorageKeys() {}

  /**
   * The storage key for a user and id type.
   *
   * <p>The unit ID is the user ID when {@code idType} equals {@code userID} ignoring case;
   * otherwise the custom ID of that type, then of that type lower-cased. The id type is kept as
   * spelled. A user with no unit ID has no key, and no storage I/O happens for them.
   *
   * @param user the user
   * @param idType the experiment's id type, such as {@code userID} or {@code companyID}
   * @return the key, or empty when the user has no unit ID of that type
   * @throws IllegalArgumentException if {@code user} is null or {@code idType} blank
   */
  public static Optional<String> of(User user, String idType) {
    requireNonNullArgument(user, "user");
    requireNonBlank(idType, "idType");
    return user.unitId(idType).map(unitId -> unitId + ":" + idType);
  }
}
