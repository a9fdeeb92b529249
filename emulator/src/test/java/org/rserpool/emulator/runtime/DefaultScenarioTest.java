package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The default scenario (1 registrar, 10 pool elements, 100 pool users, RSPSIM's workload at 80 %
 * target utilization) in-process at time-scale 50 with each of RSPSIM's three standard policies: all
 * pool elements register, every one of them completes jobs, and the statistics are consistent.
 */
class DefaultScenarioTest {

  @ParameterizedTest
  @ValueSource(strings = {"LeastUsed", "RoundRobin", "Random"})
  void everyPoolElementServesJobsAndTheStatisticsAreConsistent(String policy) throws Exception {
    Scenario scenario = ScenarioLoader.loadDefault(Map.of("scenario.time-scale", 50, "rserpool.metrics.port", 0,
        "rserpool.pool-element.policy", policy));
    try (Emulation emulation = Emulation.start(scenario)) {
      ActorTestKit probes = ActorTestKit.create(emulation.system());
      TestProbe<PoolElement.Status> status = probes.createTestProbe();
      // Up to 60 s of real time = 50 emulated minutes; the conditions hold after about 2 emulated minutes.
      status.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
        EmulationGuardian.Components components = emulation.components(Duration.ofSeconds(3)).toCompletableFuture().join();
        assertEquals(10, components.poolElements().size());
        Set<Integer> identifiers = new HashSet<>();
        for (ActorRef<PoolElement.Command> pe : components.poolElements()) {
          pe.tell(new PoolElement.GetStatus(status.ref()));
          PoolElement.Status s = status.expectMessageClass(PoolElement.Status.class);
          assertTrue(s.registered(), "pool element " + s.identifier() + " is registered");
          assertTrue(s.jobsCompleted() >= 1, "pool element " + s.identifier() + " completed a job");
          identifiers.add(s.identifier());
        }
        assertEquals(10, identifiers.size(), "distinct PE identifiers");
        Statistics stats = emulation.statistics();
        assertEquals(10, stats.poolElementsInHandlespaces());
        assertEquals(1, stats.pools());
        assertEquals(100, stats.poolUsersRunning());
        assertTrue(stats.jobsCompleted() >= 20);
        assertTrue(stats.handleResolutions() >= stats.jobsStarted(), "one handle resolution per job start at least");
        assertEquals(0, stats.messagesUnroutable());
        return null;
      });
      Statistics stats = emulation.statistics();
      assertEquals(0, stats.invariantViolations());
      assertEquals(0, stats.failovers(), "nothing fails");
      assertTrue(stats.utilization() > 0 && stats.utilization() < 1, "utilization " + stats.utilization());
      assertTrue(stats.handlingSpeed() > 0, "handling speed " + stats.handlingSpeed());
      assertTrue(stats.usedCapacity() >= stats.goodput() - 1 && stats.goodput() >= stats.jobSizeCompleted() - 1, "no goodput without work");
    }
  }
}
