package org.rserpool.emulator.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.runtime.Statistics.Sample;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** RSPSIM's global metrics from a measurement window, and how they are written. */
class ResultsCalculatorTest {
  static final Scenario SCENARIO = ScenarioLoader.loadDefault(Map.of("scenario.duration", "200s", "scenario.warm-up", "100s"));

  /** A snapshot with the given cumulative values; everything else zero. */
  static Statistics snapshot(double at, long handleResolutions, long jobsCompleted, double jobSize, double handlingSum,
      double processingSum, double used, double provided, long asap, long enrp) {
    return new Statistics(at, 0, 1, 1, 10, 10, 10, 100, 0, 3,
        0, 0, handleResolutions, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        jobsCompleted, jobsCompleted, jobsCompleted, jobSize, jobSize,
        new Sample(jobsCompleted, 4.0 * jobsCompleted), Sample.NONE, new Sample(jobsCompleted, processingSum),
        new Sample(jobsCompleted, handlingSum), Sample.NONE, Sample.NONE,
        jobsCompleted, jobsCompleted, 0, jobsCompleted, 0, 0, 0, 0,
        used, provided, 0, asap, enrp, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void theWindowSubtractsTheWarmUpAndTheMetricsAreRatiosOfSums() {
    Statistics warmUp = snapshot(100, 50, 40, 4e7, 200, 40, 8e8, 1e9, 1000, 10);
    Statistics end = snapshot(300, 250, 240, 2.4e8, 1200, 240, 2.4e9, 3e9, 3000, 30);
    Statistics window = end.minus(warmUp);
    assertEquals(200, window.windowSeconds());
    assertEquals(3, window.jobQueueLength(), "gauges are the end's");
    RunResults r = ResultsCalculator.of(SCENARIO, window);
    assertEquals(200, r.get("MeasuredDuration"));
    assertEquals(1.6e9 / 2e9, r.get("SystemUtilization"), 1e-12);
    assertEquals(2e8 / 1000, r.get("SystemAverageHandlingSpeed"), 1e-9);
    assertEquals(20.0, r.get("SystemAverageHandlingSpeedPercent"), 1e-9, "of the nominal capacity 1e6");
    assertEquals(2e8 / 200, r.get("SystemAverageProcessingSpeed"), 1e-9);
    assertEquals(5.0, r.get("SystemAverageHandlingTime"), 1e-12);
    assertEquals(4.0, r.get("SystemAverageQueuingDelay"), 1e-12);
    assertEquals(1.0, r.get("HandleResolutionsPerRequest"), 1e-12);
    assertEquals(10.0, r.get("TransportNodeGlobalASAPPacketsPerSecond"), 1e-12);
    assertEquals(0.1, r.get("TransportNodeGlobalENRPPacketsPerSecond"), 1e-12);
    assertTrue(Double.isNaN(r.get("SystemAverageStartupDelay")), "no samples: undefined, not 0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("SystemUtilisation"));
    assertTrue(e.getMessage().contains("SystemUtilization"), e.getMessage());
  }

  @Test
  void undefinedValuesAreNullInJsonAndNaNInCsv() throws Exception {
    RunResults r = ResultsCalculator.of(SCENARIO, snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    JsonNode json = new ObjectMapper().readTree(ResultsWriter.json(
        new ResultsWriter.Run(SCENARIO, null, Map.of("scenario.seed", 7), OffsetDateTime.now(), 1.5), r));
    assertTrue(json.get("results").get("SystemUtilization").isNull());
    assertEquals(200.0, json.get("durationSeconds").asDouble());
    assertEquals("7", json.get("overrides").get("scenario.seed").asText());
    String[] lines = ResultsWriter.csv(r).split("\n");
    assertTrue(lines[1].contains(",NaN,"), lines[1]);
    assertEquals("1.5", ResultsWriter.number(1.5));
    assertEquals("3", ResultsWriter.number(3.0));
    assertEquals("\"a,b\"", ResultsWriter.csvText("a,b"));
  }
}
