package org.rserpool.emulator.sweep;

import java.util.List;

/**
 * A validated {@code sweep} block: the grid is the Cartesian product of the parameters' values, and
 * every grid point runs {@code replications} times with seeds {@code scenario.seed + k - 1}, as
 * RSPSIM's tool-chain runs replication k with {@code seed-0-mt = k} (simulate-version14.R).
 *
 * @param plot the plot block, or null for no plots
 */
public record SweepDefinition(int replications, List<SweptParameter> parameters, PlotSpec plot) {

  public SweepDefinition {
    parameters = List.copyOf(parameters);
  }

  public SweepDefinition withReplications(int n) {
    return new SweepDefinition(n, parameters, plot);
  }

  public SweptParameter parameter(String key) {
    for (SweptParameter p : parameters) {
      if (p.key().equals(key)) return p;
    }
    throw new IllegalArgumentException("'" + key + "' is not swept");
  }

  public List<String> keys() {
    return parameters.stream().map(SweptParameter::key).toList();
  }
}
