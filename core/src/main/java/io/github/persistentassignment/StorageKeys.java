package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Optional;

/**
 * The storage key of a user for an id type: {@code "<unitID>:<idType>"}, the key Statsig's server
 * SDKs use, so a store can be shared with services in other languages.
 *
 * <p>An id type may not contain {@code ':'}. The unit ID may hold any character, so the key is read
 * from its last {@code ':'}: with a colon in the id type, unit ID {@code "a"} of type {@code "b:c"}
 * and unit ID {@code "a:b"} of type {@code "c"} would both be {@code "a:b:c"}, two users sharing
 * one stored assignment. Real id types ({@code userID}, {@code stableID}, {@code companyID}) never
 * have one, so every key Statsig's SDKs build for them is the same here.
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
   * @throws IllegalArgumentException if {@code user} is null, or {@code idType} is blank or
   *     contains {@code ':'}
   */
  public static Optional<String> of(User user, String idType) {
    requireNonNullArgument(user, "user");
    requireValidIdType(idType, "idType");
    return user.unitId(idType).map(unitId -> unitId + ":" + idType);
  }

  /**
   * Checks that an id type can be part of a storage key: not blank, and without {@code ':'}.
   *
   * @param idType the id type
   * @param name what the id type is, for the message (such as {@code "idType of experiment x"})
   * @return the id type
   * @throws IllegalArgumentException naming it, if it is null, blank or contains {@code ':'}
   */
  public static String requireValidIdType(String idType, String name) {
    requireNonBlank(idType, name);
    if (idType.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          name
              + " must not contain ':', was '"
              + idType
              + "': keys are \"<unitID>:<idType>\", and two users could then share one key");
    }
    return idType;
  }
}
