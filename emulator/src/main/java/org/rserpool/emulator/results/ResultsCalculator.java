package org.rserpool.emulator.results;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;

/** RSPSIM's global metrics (rspsim-model.md §4.1, §4.6) from a run's statistics. */
public final class ResultsCalculator {
  private ResultsCalculator() {}

  public static RunResults of(Scenario scenario, Statistics s) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("SystemUtilization", s.utilization());
    v.put("SystemAverageHandlingSpeed", s.handlingSpeed());
    v.put("SystemAverageQueuingDelay", s.meanQueuingDelay());
    v.put("SystemAverageStartupDelay", s.meanStartupDelay());
    v.put("SystemAverageProcessingTime", s.meanProcessingTime());
    v.put("SystemAverageHandlingTime", s.meanHandlingTime());
    v.put("CalcAppPUGlobalJobsCompleted", (double) s.jobsCompleted());
    v.put("CalcAppPUGlobalFailovers", (double) s.failovers());
    v.put("HandleResolutionsPerRequest", s.jobsCompleted() > 0 ? (double) s.handleResolutions() / s.jobsCompleted() : Double.NaN);
    return new RunResults(scenario.name(), scenario.seed(), v);
  }
}
