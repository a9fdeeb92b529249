package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** Each pool element of a heterogeneous pool runs with its own capacity and what RSPSIM derives from it. */
class DeploymentTest {

  @Test
  void everyPoolElementGetsItsCapacityItsMaxJobsAndItsWeight() {
    Scenario s = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 3 }, { registrars = 1, pool-elements = 7 }]
        scenario.pool-element-capacities { distribution = fast-servers, gamma = 4, lambda = 0.2 }
        rserpool.pool-element.policy = WeightedRandom
        """, Map.of());
    Deployment d = Deployment.of(s);
    // F = 2 fast ones: pe-1-1 and pe-1-2, each 4 x as fast as the 8 others; total 1e7.
    double fast = Math.rint(1e7 * 8 / 16) / 2;
    double slow = Math.rint(1e7 * 8 / 16) / 8;
    for (String name : List.of("pe-1-1", "pe-1-2")) {
      PoolElementSettings pe = d.poolElementSettings(name);
      assertEquals(fast, pe.capacity(), name);
      assertEquals(250, pe.maxJobs(), name + ": rint(2.5e6 / 1e4)");
      assertEquals(2_500_000, pe.policyValues().weight(), name + ": weight = capacity");
    }
    for (String name : List.of("pe-1-3", "pe-2-1", "pe-2-7")) {
      PoolElementSettings pe = d.poolElementSettings(name);
      assertEquals(slow, pe.capacity(), name);
      assertEquals(62, pe.maxJobs(), name + ": rint(62.5), halves to even as RSPSIM");
      assertEquals(625_000, pe.policyValues().weight(), name);
    }
    assertSame(d.poolElementSettings("pe-2-1"), d.poolElementSettings("pe-2-7"), "equal capacities share their settings");
    assertEquals(1e6, d.poolElementSettings().capacity(), "the nominal settings");
    assertThrows(IllegalArgumentException.class, () -> d.poolElementSettings("pe-3-1"));
  }

  @Test
  void aRunningPoolElementProvidesItsOwnCapacity() throws Exception {
    // One pool element of a uniform pool (gamma 3): its drawn capacity is not the nominal 1e6.
    Scenario s = ScenarioLoader.loadString("""
        scenario { time-scale = 10, sites = [{ registrars = 1, pool-elements = 1 }], start.pool-elements = 0s }
        scenario.pool-element-capacities { distribution = uniform, gamma = 3 }
        rserpool.metrics.port = 0
        """, Map.of());
    double capacity = s.poolElementCapacities().get(0);
    assertTrue(Math.abs(capacity - 1e6) > 5e4, "drawn " + capacity);
    try (Emulation emulation = Emulation.start(s)) {
      ActorTestKit probes = ActorTestKit.create(emulation.system());
      TestProbe<Object> wait = probes.createTestProbe();
      wait.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
        Statistics stats = emulation.statistics();
        assertEquals(1, stats.poolElementsRegistered());
        assertTrue(stats.emulatedSeconds() > 5);
        // Up since about time 0: provided capacity = up-time x its capacity.
        assertEquals(capacity, stats.providedCapacity() / stats.emulatedSeconds(), 0.03 * capacity);
        return null;
      });
    }
  }
}
