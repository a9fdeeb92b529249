package org.rserpool.emulator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.cluster.ClusterTestRuns;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.runtime.ScenarioRunner;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * A validation scenario (Least Used, PU:PE ratio 1: M/M/1 per pool user) on one node and on three
 * (spread: the registrar, pool elements and pool users round-robin over three JVMs, so most messages
 * cross nodes): utilization and handling speed agree with each other and with theory within the
 * fidelity tolerance of {@link FidelityTest} (2 percentage points), and the cluster run is as clean.
 */
class ClusterFidelityTest {
  static final String FILE = "least-used-r1.conf";
  /** Shorter than the file's run, still long enough for 2 points to be beyond the model's spread (Expectation checks that). */
  static final Map<String, Object> SHORTER = Map.of("scenario.duration", "2400s", "scenario.warm-up", "600s", "scenario.time-scale", 40);

  @Test
  void leastUsedOnThreeNodesAgreesWithOneNode(@TempDir Path dir) throws Exception {
    Map<String, Object> overrides = new java.util.HashMap<>(SHORTER);
    overrides.put("akka.actor.serialize-messages", "off");
    Scenario s = ScenarioLoader.loadFile(Path.of("../scenarios/validation", FILE), overrides);
    RunResults single = ScenarioRunner.run(s, statistics -> { });

    JsonNode cluster = ClusterTestRuns.run(dir, Duration.ofMinutes(4), "--nodes", "3", "--placement", "spread",
        "--scenario", Path.of("../scenarios/validation", FILE).toAbsolutePath().toString(),
        "--duration", "2400s", "--warm-up", "600s", "--time-scale", "40", "--no-control").get("results");
    assertEquals(3, cluster.get("Nodes").asInt());
    assertTrue(cluster.get("CrossNodePackets").asDouble() > 0);
    assertEquals(0, cluster.get("CalcAppPUGlobalJobInvariantViolations").asDouble());
    assertEquals(0, cluster.get("CalcAppPUGlobalFailovers").asDouble() + cluster.get("CalcAppPUGlobalCalcAppRejects").asDouble(),
        "no failures, no limits: no failover and no reject on the cluster either");

    double jobTime = s.poolUser().jobSize().mean() / s.poolElement().capacity();
    QueueingModel.Config config = new QueueingModel.Config(s.poolElementCount(), s.poolUserCount(), s.targetUtilization().getAsDouble(),
        QueueingModel.Policy.LEAST_USED, (s.warmUp().toNanos() / 1e9 - s.start().poolUsers().toNanos() / 1e9) / jobTime,
        (s.duration().toNanos() - s.warmUp().toNanos()) / 1e9 / jobTime);
    QueueingModel.Summary model = QueueingModel.replicate(config, FidelityTest.MODEL_RUNS, 1_000_000);
    double clusterSpeed = cluster.get("SystemAverageHandlingSpeedPercent").asDouble();
    double clusterUtil = 100 * cluster.get("SystemUtilization").asDouble();
    double singleSpeed = single.get("SystemAverageHandlingSpeedPercent");
    double singleUtil = 100 * single.get("SystemUtilization");
    System.out.printf(Locale.ROOT, "Cluster fidelity (%s, 3 nodes spread vs 1): handling speed %.2f %% vs %.2f %%, utilization %.2f %% vs %.2f %%%n",
        FILE, clusterSpeed, singleSpeed, clusterUtil, singleUtil);
    // Against theory (M/M/1 with utilization 0.8: handling speed 20 %), as FidelityTest checks one node.
    System.out.println("  " + new Expectation("SystemAverageHandlingSpeedPercent (3 nodes)", 20, 100 * model.mean().handlingSpeed(),
        100 * model.sd().handlingSpeed(), 2).check(clusterSpeed));
    System.out.println("  " + new Expectation("SystemUtilization % (3 nodes)", 80, 100 * model.mean().utilization(),
        100 * model.sd().utilization(), 2).check(clusterUtil));
    // And against the single node: the same seed draws the same workload, so they differ only by the cluster.
    assertTrue(Math.abs(clusterSpeed - singleSpeed) <= 2, "handling speed: 3 nodes " + clusterSpeed + " %, 1 node " + singleSpeed + " %");
    assertTrue(Math.abs(clusterUtil - singleUtil) <= 2, "utilization: 3 nodes " + clusterUtil + " %, 1 node " + singleUtil + " %");
  }
}
