package org.rserpool.emulator.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of one run: RSPSIM's controller scalars, named as its tool-chain names them without
 * spaces (e.g. {@code SystemUtilization}, {@code SystemAverageHandlingSpeed}), in a fixed order.
 *
 * @param scenario the scenario's name
 * @param seed the seed the run used
 * @param values scalar name to value (NaN when undefined, e.g. a mean without samples)
 */
public record RunResults(String scenario, long seed, Map<String, Double> values) {

  public RunResults {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The value of one scalar.
   *
   * @throws IllegalArgumentException naming the known scalars, when there is none of that name
   */
  public double get(String name) {
    Double value = values.get(name);
    if (value == null) throw new IllegalArgumentException("no result named '" + name + "'; known: " + String.join(", ", values.keySet()));
    return value;
  }
}
