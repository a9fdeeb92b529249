package org.rserpool.emulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.results.RunResults;
import org.w3c.dom.Document;

/** sweep.csv, sweep-summary.csv and the plots, from made-up outcomes (no emulation runs). */
class SweepOutputTest {

  /** Policy (curves) × ratio (x) × job size (a further grouping key), 2 replications. */
  static final SweepPlan PLAN = SweepPlan.expand(SweepParserTest.parse("""
      sweep {
        replications = 2
        parameters = [
          { key = "rserpool.pool-element.policy", values = [LeastUsed, Random] }
          { key = "scenario.workload.target-utilization", values = [0.4, 0.8] }
          { key = "rserpool.pool-user.job-size", values = [1e6, "1,5e7"] }
        ]
        plot { x = "scenario.workload.target-utilization", curves = "rserpool.pool-element.policy",
               metrics = [SystemAverageHandlingSpeedPercent] }
      }"""), 1);

  /** "Utilization" = 100 × the target + seed; handling speed 50 % for LeastUsed, 30 % for Random. Run 3 fails. */
  static List<RunOutcome> outcomes() {
    List<RunOutcome> outcomes = new ArrayList<>();
    for (SweepRun run : PLAN.runs()) {
      if (run.number() == 3) {
        outcomes.add(RunOutcome.failed(run, "bad configuration: \"x\", no", 0.1));
        continue;
      }
      double u = Double.parseDouble(run.point().text("scenario.workload.target-utilization"));
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("SystemUtilization", Math.round(100 * u) + (double) run.seed());
      values.put("SystemAverageHandlingSpeedPercent", run.point().text("rserpool.pool-element.policy").equals("LeastUsed") ? 50.0 : 30.0);
      values.put("SystemAverageQueuingDelay", Double.NaN);
      outcomes.add(RunOutcome.succeeded(run, new RunResults("s", run.seed(), values), 1.0));
    }
    return outcomes;
  }

  @Test
  void sweepCsvHasOneRowPerRunWithSweptKeysReplicationSeedStatusAndEveryResult(@TempDir Path dir) throws IOException {
    Path file = SweepCsv.writeRuns(dir, PLAN.definition(), new SweepStatistics(outcomes()));
    List<String> lines = Files.readAllLines(file);
    assertEquals(1 + 16, lines.size());
    assertEquals("rserpool.pool-element.policy,scenario.workload.target-utilization,rserpool.pool-user.job-size,replication,seed,status,"
        + "SystemUtilization,SystemAverageHandlingSpeedPercent,SystemAverageQueuingDelay,error", lines.get(0));
    assertEquals("LeastUsed,0.4,1000000,1,1,ok,41.0,50.0,NaN,", lines.get(1));
    assertEquals("LeastUsed,0.4,\"1,5e7\",1,1,failed,,,,\"bad configuration: \"\"x\"\", no\"", lines.get(3));
    assertEquals("Random,0.8,\"1,5e7\",2,2,ok,82.0,30.0,NaN,", lines.get(16));
  }

  @Test
  void sweepSummaryHasOneRowPerGridPointAndMetric(@TempDir Path dir) throws IOException {
    Path file = SweepCsv.writeSummary(dir, PLAN, new SweepStatistics(outcomes()));
    List<String> lines = Files.readAllLines(file);
    assertEquals(1 + 8 * 3, lines.size());
    assertEquals("rserpool.pool-element.policy,scenario.workload.target-utilization,rserpool.pool-user.job-size,metric,n,mean,stddev,ci95_halfwidth",
        lines.get(0));
    // 41 and 42: mean 41.5, s = 0.70711, half-width = t(0.975, 1) * s / sqrt(2) = 12.7062 * 0.5 = 6.35310
    String[] first = lines.get(1).split(",");
    assertEquals(List.of("LeastUsed", "0.4", "1000000", "SystemUtilization", "2"), List.of(first).subList(0, 5));
    assertEquals(41.5, Double.parseDouble(first[5]), 1e-12);
    assertEquals(0.7071068, Double.parseDouble(first[6]), 1e-6);
    assertEquals(6.3531024, Double.parseDouble(first[7]), 1e-6);
    // The point whose first replication failed has one sample: no interval.
    assertTrue(lines.get(4).startsWith("LeastUsed,0.4,\"1,5e7\",SystemUtilization,1,42.0,NaN,NaN"), lines.get(4));
    assertTrue(lines.get(6).endsWith("SystemAverageQueuingDelay,0,NaN,NaN,NaN"), lines.get(6));
  }

  @Test
  void onePlotPerMetricAndCombinationOfTheOtherKeysAsValidPngAndSvg(@TempDir Path dir) throws Exception {
    SweepPlots.Written written = SweepPlots.write(dir, "policies", PLAN, new SweepStatistics(outcomes()));
    assertEquals(List.of(
        dir.resolve("SystemAverageHandlingSpeedPercent-job-size=1000000.png"),
        dir.resolve("SystemAverageHandlingSpeedPercent-job-size=1000000.svg"),
        dir.resolve("SystemAverageHandlingSpeedPercent-job-size=1_5e7.png"),
        dir.resolve("SystemAverageHandlingSpeedPercent-job-size=1_5e7.svg")), written.files());
    assertEquals(List.of(), written.empty());
    for (Path f : written.files()) {
      assertTrue(Files.size(f) > 0, f.toString());
      if (f.toString().endsWith(".png")) {
        BufferedImage image = ImageIO.read(f.toFile());
        assertNotNull(image, "ImageIO reads " + f);
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
      } else {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(f.toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertTrue(Files.readString(f).contains("<svg"));
      }
    }
  }

  @Test
  void aPlotWithoutAnyValueIsReportedNotDrawn(@TempDir Path dir) throws Exception {
    List<RunOutcome> failed = PLAN.runs().stream().map(r -> RunOutcome.failed(r, "no", 0)).toList();
    SweepPlots.Written written = SweepPlots.write(dir, "policies", PLAN, new SweepStatistics(failed));
    assertEquals(List.of(), written.files());
    assertEquals(2, written.empty().size());
  }

  @Test
  void unitsFollowRspsimsNames() {
    assertEquals("%", SweepPlots.unit("SystemAverageHandlingSpeedPercent"));
    assertEquals("calculations/s", SweepPlots.unit("SystemAverageHandlingSpeed"));
    assertEquals("s", SweepPlots.unit("SystemAverageQueuingDelay"));
    assertEquals("s", SweepPlots.unit("SystemAverageHandlingTime"));
    assertEquals("1/s", SweepPlots.unit("TransportNodeGlobalASAPPacketsPerSecond"));
    assertEquals("", SweepPlots.unit("SystemUtilization"));
    assertEquals(Map.of("a.x.delay", "a.x.delay", "b.delay", "b.delay", "c.policy", "policy"),
        SweptParameter.shortNames(List.of("a.x.delay", "b.delay", "c.policy")));
  }
}
