package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.fault.Direction;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The network's configuration and control API on a running emulation: one pool element loses all it
 * sends (a component override in the scenario), another is cut off by a partition added at run time
 * and registers once the partition is healed.
 */
class NetworkFaultsTest {
  static Emulation emulation;
  static ActorTestKit probes;
  static Fault partition;

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario {
          time-scale = 10
          sites = [ { registrars = 1, pool-elements = 3, pool-users = 0 } ]
          start.pool-elements = 20s
          network.components = [ { address = "10.1.16.1", direction = egress, loss = 100% } ]
        }
        rserpool.metrics.port = 0
        """, Map.of()));
    // Pool elements start 2 s (real) from now: the partition is in place before they send anything.
    partition = emulation.network().control().partition("isolate pe-1-3",
        Selector.hosts("10.1.16.3"), Selector.all(), Direction.BOTH);
    probes = ActorTestKit.create(emulation.system());
  }

  @AfterAll
  static void stop() throws Exception {
    emulation.close();
  }

  @Test
  void lossAndPartitionsKeepPoolElementsOutUntilHealed() {
    TestProbe<Object> probe = probes.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
      Statistics s = emulation.statistics();
      assertEquals(3, s.poolElementsRunning());
      assertEquals(1, s.poolElementsInHandlespaces(), "only pe-1-2 reaches the registrar");
      assertTrue(s.messagesLost() >= 1, "pe-1-1's registrations are lost");
      assertTrue(s.messagesPartitioned() >= 1, "pe-1-3's registrations are cut");
      return null;
    });
    assertTrue(emulation.network().control().remove(partition.id()));
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
      assertEquals(2, emulation.statistics().poolElementsInHandlespaces(), "pe-1-3 registers after the heal");
      return null;
    });
  }

  @Test
  void theNetworkMetersAreOnThePrometheusEndpoint() {
    String text = emulation.registry().scrape();
    for (String series : new String[] {
        "emulator_network_messages_total{node=\"node-1\",outcome=\"partitioned\"}",
        "emulator_network_delay_seconds_bucket{node=\"node-1\",le=\"0.001\"}",
        "emulator_network_delay_line_lateness_seconds_bucket{node=\"node-1\",le=\"0.001\"}",
        "emulator_network_faults_active{kind=\"partition\",node=\"node-1\"}",
        "emulator_network_in_flight{node=\"node-1\"}"}) {
      assertTrue(text.contains(series), series + " in\n" + text.lines().filter(l -> l.startsWith("emulator_network")).toList());
    }
  }
}
