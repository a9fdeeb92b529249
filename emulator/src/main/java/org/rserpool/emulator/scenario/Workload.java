package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.rserpool.emulator.config.ConfigChecks;

/**
 * RSPSIM's workload auto-computation ({@code scenario.workload}; simulate-version14.R,
 * rspsim5AutoParameters; rspsim-model.md §5.1): from the target utilization θ and the PU:PE ratio r
 * follow each site's pool users, round(r × its pool elements), and the mean job interval
 * I = max(1, r) × S / (θ × C), S the mean job size. The offered load is then θ × the pool's capacity for
 * r ≥ 1. C is the mean capacity of the scenario's pool elements: the nominal one for RSPSIM's
 * normalised heterogeneous distributions, the realised mean for the random ones (so the load stays
 * θ × the capacity the pool really has).
 *
 * @param targetUtilization θ, or empty to keep the configured rserpool.pool-user.job-interval
 * @param puToPeRatio r, or empty when the sites give their pool users (then r = pool users / pool elements)
 */
record Workload(OptionalDouble targetUtilization, OptionalDouble puToPeRatio) {
  static final String UTILIZATION = "scenario.workload.target-utilization";
  static final String RATIO = "scenario.workload.pu-to-pe-ratio";

  static Workload fromConfig(Config c) {
    OptionalDouble utilization = OptionalDouble.empty();
    Double u = ScenarioValues.numberOrNone(c, UTILIZATION, "a fraction in (0, 1]");
    if (u != null) {
      if (!(u > 0 && u <= 1)) throw ConfigChecks.bad(UTILIZATION, "must be in (0, 1] or \"none\", got " + u);
      utilization = OptionalDouble.of(u);
    }
    OptionalDouble ratio = OptionalDouble.empty();
    Double r = ScenarioValues.numberOrNone(c, RATIO, "a positive number (pool users per pool element)");
    if (r != null) {
      if (!(r > 0) || Double.isInfinite(r)) throw ConfigChecks.bad(RATIO, "must be a positive number or \"none\", got " + r);
      ratio = OptionalDouble.of(r);
    }
    return new Workload(utilization, ratio);
  }

  /** The configuration with rserpool.pool-user.job-interval derived as RSPSIM does, if a target utilization is set. */
  Config withDerivedJobInterval(Config c, List<Site> sites, List<Double> capacities) {
    int poolElements = capacities.size();
    int poolUsers = sites.stream().mapToInt(Site::poolUsers).sum();
    if (targetUtilization.isEmpty() || poolElements == 0 || poolUsers == 0) return c;
    double ratio = puToPeRatio.orElse((double) poolUsers / poolElements);
    double jobSize = ConfigChecks.positive(c.getDouble("rserpool.pool-user.job-size"), "rserpool.pool-user.job-size");
    double meanCapacity = capacities.stream().mapToDouble(Double::doubleValue).sum() / poolElements;
    double seconds = Math.max(1, ratio) * jobSize / (targetUtilization.getAsDouble() * meanCapacity);
    return ConfigFactory.parseMap(Map.of("rserpool.pool-user.job-interval", Math.round(seconds * 1e9) + "ns"),
            "derived from " + UTILIZATION)
        .withFallback(c);
  }
}
