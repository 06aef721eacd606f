package io.github.persistentassignment.cli;

/**
 * Pearson's chi-square goodness-of-fit test, for the sample-ratio-mismatch check of {@code stats}:
 * how likely counts this far from the weights are if the split works.
 */
final class ChiSquare {
  private static final int MAX_ITERATIONS = 10_000;
  private static final double EPSILON = 1e-15;

  private ChiSquare() {}

  /**
   * The p-value of observed counts against expected shares.
   *
   * @param observed the count of each group
   * @param weights each group's weight, in the same order (need not sum to 1)
   * @return the p-value, 1 when there is nothing to test (fewer than two groups or no counts)
   */
  static double pValue(long[] observed, double[] weights) {
    long total = 0;
    double weightSum = 0;
    for (int i = 0; i < observed.length; i++) {
      total += observed[i];
      weightSum += weights[i];
    }
    int groups = 0;
    double statistic = 0;
    for (int i = 0; i < observed.length; i++) {
      if (weights[i] <= 0) {
        if (observed[i] > 0) {
          return 0; // entries in a group that should get nobody
        }
        continue;
      }
      groups++;
      double expected = total * weights[i] / weightSum;
      double difference = observed[i] - expected;
      statistic += difference * difference / expected;
    }
    if (groups < 2 || total == 0) {
      return 1;
    }
    return upperRegularizedGamma((groups - 1) / 2.0, statistic / 2.0);
  }

  /** Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, Lentz's continued fraction above. */
  static double upperRegularizedGamma(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    if (x < a + 1) {
      return 1 - lowerSeries(a, x);
    }
    return upperContinuedFraction(a, x);
  }

  private static double lowerSeries(double a, double x) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double upperContinuedFraction(double a, double x) {
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  /** ln Γ(a) by the Lanczos approximation (g = 7, n = 9), accurate to about 15 digits. */
  static double logGamma(double a) {
    double[] coefficients = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (a < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
    }
    double z = a - 1;
    double sum = coefficients[0];
    for (int i = 1; i < coefficients.length; i++) {
      sum += coefficients[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
