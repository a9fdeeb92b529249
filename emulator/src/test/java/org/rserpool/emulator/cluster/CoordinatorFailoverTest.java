package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes started one by one; the oldest, which runs the coordinator singleton, is killed with
 * {@code kill -9} mid-run: the singleton starts on a survivor, carries on from the plan the nodes send
 * with their heartbeats, restarts the lost node's components, and the run still ends with results,
 * written by the first live node.
 */
class CoordinatorFailoverTest {

  static String log(Path dir, String node) {
    try {
      return Files.readString(dir.resolve(node + ".log"), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /**
   * A node's log shows that it runs its part: the line it logs on the plan, or its first progress line
   * (a progress line, written to the same output from another thread, may cut that log line in two).
   */
  static boolean runsItsPart(String log) {
    return log.contains("components here") || PROGRESS.matcher(log).find();
  }

  static final java.util.regex.Pattern PROGRESS = java.util.regex.Pattern.compile("\\[\\d+:\\d\\d:\\d\\d( / \\d+:\\d\\d:\\d\\d)?] PRs ");

  /** Polls until the condition holds; at the deadline fails with the tails of the nodes' logs in {@code dir}. */
  static void await(Path dir, String what, long seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        StringBuilder tails = new StringBuilder();
        for (String node : new String[] {"node-1", "node-2", "node-3"}) {
          tails.append("\n--- ").append(node).append(".log\n").append(ClusterRunner.tail(log(dir, node), 3000));
        }
        fail(what + " within " + seconds + " s" + tails);
      }
      Thread.sleep(250);
    }
  }

  @Test
  void theRunEndsWithResultsWhenTheCoordinatorsNodeIsKilled(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("small.conf");
    Files.writeString(scenario, """
        scenario {
          name = "coordinator-failover"
          seed = 2
          sites = [
            { registrars = 1, pool-elements = 4, pool-users = 20 }
            { registrars = 1, pool-elements = 4, pool-users = 20 }
            { registrars = 1, pool-elements = 4, pool-users = 20 }
          ]
          network { lan-delay = 1ms, wan-delay = 10ms }
        }
        """);
    int seed = ClusterRunner.freePortRun(1);
    String seeds = "127.0.0.1:" + seed;
    Process[] nodes = new Process[3];
    try {
      nodes[0] = HandStartedNodes.node(dir, "node-1", seed, seeds, 3, "45s", "--scenario", scenario.toString());
      // node-1 is the oldest member (it runs the coordinator): the others join once it is up.
      await(dir, "node-1 runs the coordinator", 60, () -> log(dir, "node-1").contains("coordinator started"));
      nodes[1] = HandStartedNodes.node(dir, "node-2", ClusterRunner.freePortRun(1), seeds, 3, "45s", "--scenario", scenario.toString());
      nodes[2] = HandStartedNodes.node(dir, "node-3", ClusterRunner.freePortRun(1), seeds, 3, "45s", "--scenario", scenario.toString());
      await(dir, "every node has the plan", 90, () -> runsItsPart(log(dir, "node-2")) && runsItsPart(log(dir, "node-3")));
      Thread.sleep(15_000);
      assertTrue(nodes[0].toHandle().destroyForcibly(), "kill -9 of node-1");
      nodes[0].waitFor(10, TimeUnit.SECONDS);
      assertTrue(nodes[1].waitFor(150, TimeUnit.SECONDS), "node-2 ends by itself");
      assertTrue(nodes[2].waitFor(30, TimeUnit.SECONDS), "node-3 ends by itself");
      String log2 = log(dir, "node-2") + log(dir, "node-3");
      assertEquals(0, nodes[1].exitValue(), log(dir, "node-2"));
      assertEquals(0, nodes[2].exitValue(), log(dir, "node-3"));
      assertTrue(log2.contains("coordinator takes over the running emulation"), "the singleton moved to a survivor");
      assertTrue(log2.contains("taking over") && log2.contains("components of lost nodes"), "node-1's components restarted on the survivors");
      JsonNode results = ClusterRunner.JSON.readTree(dir.resolve("results-node-2").resolve("results.json").toFile());
      assertEquals(3, results.get("results").get("Nodes").asInt());
      assertEquals(1, results.get("results").get("NodeFailures").asInt());
      assertTrue(results.get("results").get("CalcAppPUGlobalJobsCompleted").asDouble() > 0);
      assertEquals(2, results.get("nodes").size(), "the survivors' reports");
    } finally {
      HandStartedNodes.stop(nodes);
    }
  }
}
