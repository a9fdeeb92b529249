package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One emulation on three real JVMs on 127.0.0.1 ({@code emulate --nodes 3}), watched through the REST
 * control of the first node, and its results. Each test starts and stops its own JVMs (by PID).
 */
class ClusterEmulationTest {
  /** Signs that a message did not go through Kryo, or could not. */
  static final List<String> SERIALIZATION_ERRORS = List.of("Failed to serialize", "Failed to deserialize", "NotSerializableException",
      "JavaSerializationException", "Class is not registered", "KryoException");

  /**
   * The default scenario, one site per node: registrars on different nodes hold every pool element with
   * the same ownership checksums, a fault injected on one node holds on all, jobs complete, the traffic
   * between sites crosses nodes through Kryo, and the results have the single-node keys plus the
   * cluster's. (Spread placement: {@link #aNodeKilledMidRunIsReplacedBySurvivors}.)
   */
  @Test
  void theDefaultScenarioBySiteOnThreeNodes(@TempDir Path dir) throws Exception {
    int metrics = ClusterRunner.freePortRun(3);
    try (ClusterRunner run = ClusterRunner.start(dir, "--nodes", "3", "--duration", "50s", "--metrics-port", String.valueOf(metrics))) {
      assertEquals(2, run.workerPids().size());
      run.await("all 1,062 components run (on their three nodes)", Duration.ofSeconds(60), () -> running(run) == 1062);
      run.await("every registrar holds all 96 pool elements with the same ownership checksums", Duration.ofSeconds(45),
          () -> handlespacesAgree(run, 6, 96));
      // A fault injected through the first node's REST control holds on every node (each applies it to what it sends).
      String id = run.post("/api/faults", "{\"type\":\"latency\",\"from\":{\"site\":1},\"to\":{\"site\":2},\"delay\":\"5ms\"}", 201)
          .get("id").asText();
      for (int node = 0; node < 3; node++) {
        int port = metrics + node;
        run.await("node-" + (node + 1) + " has the impairment", Duration.ofSeconds(10),
            () -> run.metrics(port).contains("emulator_network_faults_active{kind=\"impairment\",node=\"node-" + (port - metrics + 1) + "\"} 1.0"));
      }
      assertEquals(200, run.delete("/api/faults/" + id));
      for (int node = 0; node < 3; node++) {
        int port = metrics + node;
        run.await("node-" + (node + 1) + " has no impairment left", Duration.ofSeconds(10),
            () -> run.metrics(port).contains("emulator_network_faults_active{kind=\"impairment\",node=\"node-" + (port - metrics + 1) + "\"} 0.0"));
      }
      assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.log());
      JsonNode results = run.resultsJson();
      JsonNode values = results.get("results");
      assertEquals(3, values.get("Nodes").asInt());
      assertEquals(0, values.get("NodeFailures").asInt());
      assertTrue(values.get("CalcAppPUGlobalJobsCompleted").asDouble() > 100, values.toString());
      assertEquals(0, values.get("CalcAppPUGlobalJobInvariantViolations").asDouble());
      assertTrue(values.has("SystemUtilization") && values.has("RegistrarGlobalRegistrations"), "the single-node keys are there");
      JsonNode nodes = results.get("nodes");
      assertEquals(3, nodes.size());
      assertCrossNodeTrafficWentThroughKryo(nodes, false);
      assertTrue(values.get("CrossNodePackets").asLong() > 0);
      assertNoSerializationErrors(run);
      assertTrue(Files.readString(run.results.resolve("summary.txt"), StandardCharsets.UTF_8).contains("Nodes: 3 (0 lost)"));
    }
  }

  /**
   * The default scenario, every site spread over the three nodes (most traffic crosses nodes); one node is killed with
   * {@code kill -9} mid-run: the others go on, its third of every site starts on the survivors and
   * registers again, pool users whose pool elements died fail over, and the results count the lost node.
   */
  @Test
  void aNodeKilledMidRunIsReplacedBySurvivors(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("failure.conf");
    // The default scenario, for 75 s, with sessions that notice a dead pool element within seconds
    // (RSPSIM's default is 50 s + 50 s).
    Files.writeString(scenario, """
        include file("%s")
        scenario.duration = 75s
        rserpool.pool-user { session-keep-alive-interval = 2s, session-keep-alive-timeout = 2s }
        """.formatted(Path.of("../scenarios/default.conf").toAbsolutePath().normalize()));
    try (ClusterRunner run = ClusterRunner.start(dir, "--nodes", "3", "--placement", "spread", "--scenario", scenario.toString())) {
      List<Long> workers = run.workerPids();
      run.await("every registrar holds all 96 pool elements with the same ownership checksums", Duration.ofSeconds(60),
          () -> handlespacesAgree(run, 6, 96));
      run.await("the pool is busy: 25 s of emulated time", Duration.ofSeconds(40), () -> emulatedSeconds(run) >= 25);
      // node-3 runs a third of every site's registrars, pool elements and pool users: they die with it.
      ProcessHandle victim = ProcessHandle.of(workers.get(1)).orElseThrow();
      assertTrue(victim.destroyForcibly(), "kill -9 of node-3");
      victim.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      run.await("node-3's 354 components run again on the surviving nodes", Duration.ofSeconds(40), () -> restartedElsewhere(run, 1062, 354));
      run.await("the restarted pool elements registered again: every registrar holds 96 live pool elements", Duration.ofSeconds(30),
          () -> handlespacesAgree(run, 6, 96));
      assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.log());
      JsonNode values = run.resultsJson().get("results");
      assertEquals(1, values.get("NodeFailures").asInt());
      assertEquals(3, values.get("Nodes").asInt());
      assertTrue(values.get("CalcAppPUGlobalFailovers").asDouble() > 0, "pool users failed over: " + values);
      assertTrue(values.get("CalcAppPUGlobalJobsCompleted").asDouble() > 0);
      JsonNode nodes = run.resultsJson().get("nodes");
      assertEquals(2, nodes.size(), "the survivors report");
      assertCrossNodeTrafficWentThroughKryo(nodes, true);
      // Against the packets sent, where a datagram to a group counts once as it crosses once to each
      // other node (the copies for its members there are made there), not against those delivered.
      long sent = 0;
      for (JsonNode n : nodes) sent += n.get("packetsSent").asLong();
      long crossNode = values.get("CrossNodePackets").asLong();
      assertTrue(crossNode > sent / 3, "spread: most traffic crosses nodes (" + crossNode + " cross-node packets, " + sent + " sent)");
      assertTrue(run.log().contains("lost"), "the coordinator logged the lost node");
      assertNoSerializationErrors(run);
    }
  }

  static long running(ClusterRunner run) {
    JsonNode list = run.get("/api/components?state=running");
    return list == null ? -1 : list.get("components").size();
  }

  static double emulatedSeconds(ClusterRunner run) {
    JsonNode status = run.get("/api/status");
    return status == null ? -1 : status.get("emulatedTime").asDouble();
  }

  /**
   * Every packet to another node is a remote message, and every remote message of ours goes through
   * Kryo: each node serialized at least what it sent and deserialized at least what it received. When a
   * node was lost, what the others had queued for it before it was downed was dropped unserialized by
   * Akka, so only the receiving side is exact.
   */
  static void assertCrossNodeTrafficWentThroughKryo(JsonNode nodes, boolean nodeLost) {
    for (JsonNode n : nodes) {
      assertTrue(n.get("crossNodePacketsSent").asLong() > 0, n.toString());
      if (!nodeLost) assertTrue(n.get("kryoMessagesSerialized").asLong() >= n.get("crossNodePacketsSent").asLong(), n.toString());
      assertTrue(n.get("kryoMessagesDeserialized").asLong() >= n.get("crossNodePacketsReceived").asLong(), n.toString());
    }
  }

  /** All components run, those that were on the lost node with a new incarnation (from 100 on). */
  static boolean restartedElsewhere(ClusterRunner run, int components, int expected) {
    JsonNode list = run.get("/api/components");
    if (list == null || list.get("components").size() != components) return false;
    int moved = 0;
    for (JsonNode c : list.get("components")) {
      if (!c.get("state").asText().equals("running")) return false;
      if (c.get("incarnation").asInt() > 100) moved++;
    }
    return moved == expected;
  }

  /**
   * Every running registrar holds {@code poolElements} pool elements (whose home registrars are live)
   * and all registrars report the same owners with the same ownership checksums (RFC 5353 §3.3.1).
   */
  static boolean handlespacesAgree(ClusterRunner run, int registrars, int poolElements) {
    JsonNode list = run.get("/api/components?role=registrar&state=running");
    if (list == null || list.get("components").size() != registrars) return false;
    Set<String> owners = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode c : list.get("components")) {
      JsonNode hs = run.get("/api/registrars/" + c.get("name").asText() + "/handlespace");
      if (hs == null || hs.get("pools").size() != 1) return false;
      sizes.add(hs.get("pools").get(0).get("poolElements").size());
      owners.add(hs.get("owners").toString());
    }
    return owners.size() == 1 && sizes.stream().allMatch(s -> s == poolElements);
  }

  static void assertNoSerializationErrors(ClusterRunner run) throws Exception {
    List<String> logs = new ArrayList<>(List.of(run.log()));
    try (var files = Files.list(run.results)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) logs.add(Files.readString(p));
    }
    for (String log : logs) {
      for (String sign : SERIALIZATION_ERRORS) assertFalse(log.contains(sign), "a node logged '" + sign + "'");
    }
  }
}
