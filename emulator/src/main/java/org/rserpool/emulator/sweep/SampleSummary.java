package org.rserpool.emulator.sweep;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Mean, standard deviation and 95 % confidence interval of one metric over the replications of a grid
 * point, as RSPSIM's plotter computes them (toolchain/plotter.R: {@code t.test(..., conf.level = 0.95)}):
 * half-width = t(0.975, n - 1) × s / √n with the sample standard deviation s.
 *
 * @param n the number of finite samples (NaN samples, e.g. a mean without jobs, are left out)
 * @param mean NaN when n = 0
 * @param standardDeviation the sample standard deviation (n - 1 in the denominator), NaN when n < 2
 * @param ci95HalfWidth NaN when n < 2
 */
public record SampleSummary(int n, double mean, double standardDeviation, double ci95HalfWidth) {
  static final double CONFIDENCE = 0.95;

  public static SampleSummary of(double... samples) {
    int n = 0;
    double sum = 0;
    for (double s : samples) {
      if (Double.isFinite(s)) {
        n++;
        sum += s;
      }
    }
    if (n == 0) return new SampleSummary(0, Double.NaN, Double.NaN, Double.NaN);
    double mean = sum / n;
    if (n == 1) return new SampleSummary(1, mean, Double.NaN, Double.NaN);
    double squares = 0;
    for (double s : samples) {
      if (Double.isFinite(s)) squares += (s - mean) * (s - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    return new SampleSummary(n, mean, sd, t * sd / Math.sqrt(n));
  }
}
