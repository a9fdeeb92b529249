package org.rserpool.emulator.sweep;

import java.util.List;

/**
 * The {@code sweep.plot} block: RSPSIM's plot form (toolchain/plotter.R), x = a swept parameter,
 * y = a metric's mean over the replications with its 95 % confidence interval, one curve per value of
 * another swept parameter.
 *
 * @param x a swept key whose values are numbers (or durations, plotted in seconds)
 * @param curves a swept key with one curve per value, or null for a single curve
 * @param metrics results keys ({@link org.rserpool.emulator.results.RunResults}), one plot each
 */
public record PlotSpec(String x, String curves, List<String> metrics) {

  public PlotSpec {
    metrics = List.copyOf(metrics);
  }
}
