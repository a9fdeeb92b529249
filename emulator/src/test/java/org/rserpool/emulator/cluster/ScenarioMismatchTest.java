package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.cli.EmulatorMain;

/**
 * Two nodes started by hand, as docker-compose starts them (EMULATOR_* variables), with different
 * scenarios (another seed): the node that joins is refused with a message that says why, and ends.
 */
class ScenarioMismatchTest {

  static Process node(Path dir, String name, int port, String seeds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", ClusterRunner.mainClassPath(), EmulatorMain.class.getName(), "--duration", "60s",
        "--no-control", "--metrics-port", "0", "--results", dir.resolve("results-" + name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(Map.of("EMULATOR_CLUSTER_ENABLED", "true", "EMULATOR_NODE", name, "EMULATOR_HOST", "127.0.0.1",
        "EMULATOR_CLUSTER_PORT", String.valueOf(port), "EMULATOR_SEED_NODES", seeds, "EMULATOR_MIN_NODES", "2"));
    return pb.start();
  }

  @Test
  void aNodeWithAnotherScenarioIsRefused(@TempDir Path dir) throws Exception {
    int[] ports = {ClusterRunner.freePortRun(1), 0};
    ports[1] = ClusterRunner.freePortRun(1);
    Process first = null;
    Process other = null;
    try {
      first = node(dir, "node-1", ports[0], "127.0.0.1:" + ports[0]);
      other = node(dir, "node-2", ports[1], "127.0.0.1:" + ports[0], "--seed", "99");
      assertTrue(other.waitFor(90, TimeUnit.SECONDS), "the refused node ends by itself");
      assertEquals(1, other.exitValue());
      String log = Files.readString(dir.resolve("node-2.log"), StandardCharsets.UTF_8);
      assertTrue(log.contains("the cluster refused this node") && log.contains("another scenario"), log);
      assertTrue(first.isAlive(), "the first node keeps waiting for a second node with its scenario");
    } finally {
      for (Process p : new Process[] {first, other}) {
        if (p == null) continue;
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
