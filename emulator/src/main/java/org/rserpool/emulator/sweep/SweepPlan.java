package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep expanded: the grid (the Cartesian product of the parameters' values, first parameter
 * slowest, as RSPSIM's simulationConfigurations) and the runs (every grid point × replications, the
 * replications of a point one after another).
 */
public record SweepPlan(SweepDefinition definition, List<GridPoint> points, List<SweepRun> runs) {

  public SweepPlan {
    points = List.copyOf(points);
    runs = List.copyOf(runs);
  }

  /** @param baseSeed the scenario's seed: replication k uses baseSeed + k - 1 */
  public static SweepPlan expand(SweepDefinition definition, long baseSeed) {
    List<Map<String, ConfigValue>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (SweptParameter p : definition.parameters()) {
      List<Map<String, ConfigValue>> next = new ArrayList<>();
      for (Map<String, ConfigValue> partial : grid) {
        for (ConfigValue v : p.values()) {
          Map<String, ConfigValue> m = new LinkedHashMap<>(partial);
          m.put(p.key(), v);
          next.add(m);
        }
      }
      grid = next;
    }
    List<GridPoint> points = new ArrayList<>();
    List<SweepRun> runs = new ArrayList<>();
    for (Map<String, ConfigValue> values : grid) {
      GridPoint point = new GridPoint(points.size(), values);
      points.add(point);
      for (int k = 1; k <= definition.replications(); k++) {
        runs.add(new SweepRun(runs.size() + 1, point, k, baseSeed + k - 1));
      }
    }
    return new SweepPlan(definition, points, runs);
  }
}
