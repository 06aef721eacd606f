package io.github.persistentassignment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sample-ratio-mismatch test against published chi-square critical values. */
class ChiSquareTest {
  @Test
  @DisplayName("the p-value at the tabulated critical values")
  void criticalValues() {
    assertThat(ChiSquare.upperRegularizedGamma(0.5, 3.841458820694124 / 2))
        .isCloseTo(0.05, within(1e-9));
    assertThat(ChiSquare.upperRegularizedGamma(1.0, 5.991464547107979 / 2))
        .isCloseTo(0.05, within(1e-9));
    assertThat(ChiSquare.upperRegularizedGamma(1.5, 16.26623619623813 / 2))
        .isCloseTo(0.001, within(1e-9));
    assertThat(ChiSquare.upperRegularizedGamma(5.0, 0.5)).isCloseTo(0.99982788437004, within(1e-9));
    assertThat(ChiSquare.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(ChiSquare.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
  }

  @Test
  @DisplayName("a fair split passes, a skewed one is far below the threshold")
  void splits() {
    assertThat(ChiSquare.pValue(new long[] {500, 500}, new double[] {1, 1})).isEqualTo(1.0);
    assertThat(ChiSquare.pValue(new long[] {510, 490}, new double[] {0.5, 0.5})).isGreaterThan(0.5);
    // 600/400 where 50/50 was asked: chi-square 40 with one degree of freedom.
    assertThat(ChiSquare.pValue(new long[] {600, 400}, new double[] {1, 1}))
        .isCloseTo(2.539e-10, within(1e-12));
    // Weighted 20/80 and stored 20/80 is fair.
    assertThat(ChiSquare.pValue(new long[] {200, 800}, new double[] {20, 80})).isEqualTo(1.0);
    assertThat(ChiSquare.pValue(new long[] {1, 5}, new double[] {0, 1})).isZero();
    assertThat(ChiSquare.pValue(new long[] {0, 0}, new double[] {1, 1})).isEqualTo(1.0);
  }
}
