package org.rserpool.emulator.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcomes of a sweep grouped by grid point, with every results key summarised over each point's
 * successful replications. The key set is open: whatever the runs' {@link org.rserpool.emulator.results.RunResults}
 * hold, in the order the first successful run lists them.
 */
public final class SweepStatistics {
  private final List<RunOutcome> outcomes;
  private final List<String> metrics;
  private final Map<Integer, List<RunOutcome>> byPoint = new HashMap<>();

  public SweepStatistics(List<RunOutcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
    Set<String> keys = new LinkedHashSet<>();
    for (RunOutcome o : outcomes) {
      if (o.ok()) keys.addAll(o.results().values().keySet());
      byPoint.computeIfAbsent(o.run().point().index(), i -> new ArrayList<>()).add(o);
    }
    this.metrics = List.copyOf(keys);
  }

  public List<RunOutcome> outcomes() {
    return outcomes;
  }

  /** Every results key of the successful runs. */
  public List<String> metrics() {
    return metrics;
  }

  /** Whether any run of this grid point ran (successfully or not). */
  public boolean ran(GridPoint point) {
    return byPoint.containsKey(point.index());
  }

  /** A metric over the successful replications of a grid point (n = 0 when none has it). */
  public SampleSummary summary(GridPoint point, String metric) {
    List<RunOutcome> runs = byPoint.getOrDefault(point.index(), List.of());
    double[] samples = runs.stream()
        .filter(o -> o.ok() && o.results().values().containsKey(metric))
        .mapToDouble(o -> o.results().values().get(metric))
        .toArray();
    return SampleSummary.of(samples);
  }

  public long failed() {
    return outcomes.stream().filter(o -> !o.ok()).count();
  }
}
