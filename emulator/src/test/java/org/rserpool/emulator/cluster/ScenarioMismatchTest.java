package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes started by hand, as docker-compose starts them (EMULATOR_* variables), with different
 * scenarios (another seed): the node that joins is refused with a message that says why, and ends.
 */
class ScenarioMismatchTest {

  @Test
  void aNodeWithAnotherScenarioIsRefused(@TempDir Path dir) throws Exception {
    int[] ports = {ClusterRunner.freePortRun(1), 0};
    ports[1] = ClusterRunner.freePortRun(1);
    Process first = null;
    Process other = null;
    try {
      first = HandStartedNodes.node(dir, "node-1", ports[0], "127.0.0.1:" + ports[0], 2, "60s");
      other = HandStartedNodes.node(dir, "node-2", ports[1], "127.0.0.1:" + ports[0], 2, "60s", "--seed", "99");
      assertTrue(other.waitFor(90, TimeUnit.SECONDS), "the refused node ends by itself");
      assertEquals(1, other.exitValue());
      String log = Files.readString(dir.resolve("node-2.log"), StandardCharsets.UTF_8);
      assertTrue(log.contains("the cluster refused this node") && log.contains("another scenario"), log);
      assertTrue(first.isAlive(), "the first node keeps waiting for a second node with its scenario");
    } finally {
      HandStartedNodes.stop(first, other);
    }
  }
}
