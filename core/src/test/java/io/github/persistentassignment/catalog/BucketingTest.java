package io.github.persistentassignment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Bucketing")
class BucketingTest {

  /**
   * Expected buckets computed outside Java with Python's hashlib: {@code
   * int.from_bytes(hashlib.sha256((salt + "." + unit).encode("utf-8")).digest()[:8], "big") %
   * 10000}.
   */
  @ParameterizedTest(name = "bucket({0}, {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "checkout_button       | user-1   | 5955",
        "checkout_button       | user-2   | 540",
        "checkout_button.group | user-1   | 9576",
        "exp                   | 42       | 4911",
        "checkout_layer        | user-1   | 9869",
        "salt                  | ü-ñ-日本   | 4772",
        "größe                 | 😀       | 1482",
        "''                    | ''       | 4234",
      })
  @DisplayName("matches SHA-256 buckets computed independently, unicode included")
  void golden(String salt, String unitId, int expected) {
    assertThat(Bucketing.bucket(salt, unitId)).isEqualTo(expected);
  }

  @Test
  @DisplayName("always lies in [0, 10000)")
  void range() {
    for (int i = 0; i < 20_000; i++) {
      assertThat(Bucketing.bucket("s", "u" + i)).isBetween(0, Bucketing.BUCKETS - 1);
    }
  }

  @Test
  @DisplayName("spreads units evenly over the buckets")
  void uniform() {
    int[] tenths = new int[10];
    for (int i = 0; i < 100_000; i++) {
      tenths[Bucketing.bucket("uniform", "u" + i) / 1000]++;
    }
    for (int count : tenths) {
      assertThat(count).isBetween(9_500, 10_500);
    }
  }

  @Test
  @DisplayName("rejects null arguments")
  void nulls() {
    assertThatThrownBy(() -> Bucketing.bucket(null, "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> Bucketing.bucket("s", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unitId");
  }
}
