package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.codec.StickyValuesArbitraries;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Storage keys for any unit ID and id type: unit IDs with any character ({@code :}, braces, quotes,
 * {@code %}, unicode beyond the BMP, thousands of characters), id types without {@code :}.
 */
@Label("StorageKeys, for any unit ID and id type")
class StorageKeysPropertyTest {

  /** A user and the id type to key them by, with the unit ID the key must hold. */
  record Unit(User user, String idType, String unitId) {}

  @Property(tries = 200)
  @Label("the key is \"<unitID>:<idType>\", and its last ':' splits it back into both")
  void keyRoundTrips(@ForAll("units") Unit unit) {
    String key = StorageKeys.of(unit.user(), unit.idType()).orElseThrow();
    assertThat(key).isEqualTo(unit.unitId() + ":" + unit.idType());
    int colon = key.lastIndexOf(':');
    assertThat(key.substring(0, colon)).isEqualTo(unit.unitId());
    assertThat(key.substring(colon + 1)).isEqualTo(unit.idType());
  }

  @Property(tries = 500)
  @Label("two keys are equal only when unit ID and id type both are (look-alike pairs drawn)")
  void keysNeverCollide(@ForAll("lookAlikes") Unit first, @ForAll("lookAlikes") Unit second) {
    // Id types are drawn with ':' too: those must be refused, every other pair keyed apart.
    Optional<String> firstKey = keyUnlessRefused(first);
    Optional<String> secondKey = keyUnlessRefused(second);
    if (firstKey.isPresent() && secondKey.isPresent()) {
      boolean samePair =
          first.unitId().equals(second.unitId()) && first.idType().equals(second.idType());
      assertThat(firstKey.equals(secondKey)).as("%s vs %s", first, second).isEqualTo(samePair);
    }
  }

  private static Optional<String> keyUnlessRefused(Unit unit) {
    if (unit.idType().contains(":")) {
      assertThatThrownBy(() -> StorageKeys.of(unit.user(), unit.idType()))
          .isInstanceOf(IllegalArgumentException.class);
      return Optional.empty();
    }
    return Optional.of(StorageKeys.of(unit.user(), unit.idType()).orElseThrow());
  }

  @Property(tries = 100)
  @Label("an id type containing ':' is refused, naming it, whoever the user is")
  void idTypeWithColonIsRefused(
      @ForAll("units") Unit unit,
      @ForAll("idTypes") String before,
      @ForAll("idTypes") String after) {
    String idType = before + ":" + after;
    assertThatThrownBy(() -> StorageKeys.of(unit.user(), idType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idType must not contain ':'")
        .hasMessageContaining(idType);
  }

  @Provide
  Arbitrary<Unit> units() {
    Arbitrary<String> unitIds = StickyValuesArbitraries.text(3_000).filter(id -> !id.isEmpty());
    return Arbitraries.oneOf(byUserId(unitIds), byCustomId(idTypes(), unitIds));
  }

  /** Tiny alphabets, so equal and nearly equal pairs come up often; id types may hold ':'. */
  @Provide
  Arbitrary<Unit> lookAlikes() {
    Arbitrary<String> unitIds =
        Arbitraries.strings().withChars("a:A{").ofMinLength(1).ofMaxLength(4);
    Arbitrary<String> idTypes =
        Arbitraries.strings().withChars("aA:").ofMinLength(1).ofMaxLength(3);
    return Arbitraries.oneOf(byUserId(unitIds), byCustomId(idTypes, unitIds));
  }

  /** Id types as real ones look, and odd ones: any text without ':' that is not blank. */
  @Provide
  Arbitrary<String> idTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of("stableID", "companyID", "deviceID", "orgId", "team_id"),
        StickyValuesArbitraries.text(20)
            .map(text -> text.replace(":", ""))
            .filter(text -> !text.isBlank()));
  }

  /** Keyed by the user ID, under {@code userID} spelled in any case. */
  private static Arbitrary<Unit> byUserId(Arbitrary<String> unitIds) {
    Arbitrary<String> spellings = Arbitraries.of("userID", "userid", "USERID", "UserId");
    return Combinators.combine(unitIds, spellings)
        .as((id, idType) -> new Unit(User.of(id), idType, id));
  }

  /** Keyed by a custom ID, next to a user ID that must not be used. */
  private static Arbitrary<Unit> byCustomId(Arbitrary<String> idTypes, Arbitrary<String> unitIds) {
    return Combinators.combine(idTypes, unitIds)
        .filter((idType, id) -> !idType.equalsIgnoreCase("userID"))
        .as(
            (idType, id) ->
                new Unit(
                    User.builder().userId("not-" + id).customId(idType, id).build(), idType, id));
  }
}
