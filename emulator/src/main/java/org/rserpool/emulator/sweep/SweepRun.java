package org.rserpool.emulator.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: a grid point, one of its replications, and the seed that replication uses.
 *
 * @param number 1-based position among all runs of the sweep
 * @param point the grid point
 * @param replication 1-based replication of the point
 * @param seed scenario.seed + replication - 1
 */
public record SweepRun(int number, GridPoint point, int replication, long seed) {

  /** The overrides of this run over the scenario file: the grid point's values and the seed. */
  public Map<String, Object> overrides() {
    Map<String, Object> o = new LinkedHashMap<>(point.overrides());
    o.put("scenario.seed", seed);
    return o;
  }

  public String label() {
    return point.label() + ", replication " + replication + " (seed " + seed + ")";
  }
}
