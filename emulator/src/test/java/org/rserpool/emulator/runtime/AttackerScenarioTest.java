package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** An attacker as a component of a scenario: it starts, floods its site's registrar, and stops on request. */
class AttackerScenarioTest {

  @Test
  void anAttackerFloodsItsSitesRegistrarUntilItIsShutDown() throws Exception {
    String scenario = """
        scenario {
          sites = [{ registrars = 1, pool-elements = 2, attackers = 1 }]
          start.attackers = 5s
        }
        rserpool.attacker { type = registration, interval = 500ms, randomize-identifier = on }
        """;
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString(scenario, Map.of("scenario.time-scale", 20, "rserpool.metrics.port", 0)))) {
      TestProbe<Object> waiter = ActorTestKit.create(emulation.system()).createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
        Statistics s = emulation.statistics();
        assertEquals(1, s.attackersRunning());
        assertTrue(s.attackRequests() >= 10);
        assertTrue(s.poolElementsInHandlespaces() >= 12, "fake pool elements in the handlespace: " + s.poolElementsInHandlespaces());
        return null;
      });
      EmulationGuardian.ComponentStatus attacker = emulation.listComponents(Duration.ofSeconds(3)).toCompletableFuture().join()
          .components().stream().filter(c -> c.name().equals("at-1-1")).findFirst().orElseThrow();
      assertEquals("10.1.15.1", attacker.address());
      assertEquals(EmulationGuardian.Role.ATTACKER, attacker.role());
      EmulationGuardian.ControlReply stop = emulation.control(ComponentAction.SHUTDOWN, "at-1-1", Duration.ofSeconds(3)).toCompletableFuture().join();
      assertTrue(stop.done(), stop.message());
      waiter.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
        assertEquals(0, emulation.statistics().attackersRunning());
        return null;
      });
    }
  }
}
