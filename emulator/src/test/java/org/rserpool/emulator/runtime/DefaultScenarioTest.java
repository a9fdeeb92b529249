package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The default scenario in-process. As shipped (3 sites, 6 registrars, 96 pool elements, 960 pool
 * users): everything comes up, every registrar learns every pool element, and jobs complete. Cut down
 * to one of its sites' pool (1 registrar, 10 pool elements, 100 pool users, RSPSIM's workload at 80 %
 * target utilization) at time-scale 50 with each of RSPSIM's three standard policies: every pool
 * element completes jobs, and the statistics are consistent.
 */
class DefaultScenarioTest {

  @Test
  void theShippedDefaultComesUpWithItsThousandComponentsAndCompletesJobs() throws Exception {
    Scenario scenario = ScenarioLoader.loadDefault(Map.of("scenario.time-scale", 10, "rserpool.metrics.port", 0));
    assertTrue(scenario.registrarCount() + scenario.poolElementCount() + scenario.poolUserCount() >= 1000);
    try (Emulation emulation = Emulation.start(scenario)) {
      ActorTestKit probes = ActorTestKit.create(emulation.system());
      TestProbe<Object> wait = probes.createTestProbe();
      // About 15 emulated seconds (1.5 s of real time) suffice; up to 60 s of real time on a loaded machine.
      wait.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
        Statistics stats = emulation.statistics();
        assertEquals(6, stats.registrars());
        assertEquals(96, stats.poolElementsRegistered());
        assertEquals(960, stats.poolUsersRunning());
        assertEquals(6 * 96, stats.poolElementsInHandlespaces(), "every registrar knows every pool element (ENRP)");
        assertTrue(stats.jobsCompleted() >= 100, stats.jobsCompleted() + " jobs completed");
        return null;
      });
      Statistics stats = emulation.statistics();
      assertEquals(0, stats.invariantViolations());
      // At time-scale 10 a registrar's first ENRP presences can reach a peer whose actor has not bound
      // its address yet (a host not up yet): a handful, never more.
      assertTrue(stats.messagesUnroutable() <= 0.001 * stats.messagesDelivered(), stats.messagesUnroutable() + " unroutable");
      // The snapshot is taken while jobs start: a pool user counts a job as started before its handle
      // resolution reaches the registrar, at most one per pool user (one job in service each).
      assertTrue(stats.handleResolutions() >= stats.jobsStarted() - stats.poolUsersRunning(),
          "one handle resolution per job start at least, but for those still in flight");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LeastUsed", "RoundRobin", "Random"})
  void everyPoolElementServesJobsAndTheStatisticsAreConsistent(String policy) throws Exception {
    Scenario scenario = ScenarioLoader.loadDefault(Map.of("scenario.time-scale", 50, "rserpool.metrics.port", 0,
        "rserpool.pool-element.policy", policy,
        "scenario.sites", List.of(Map.of("registrars", 1, "pool-elements", 10))));
    assertEquals(100, scenario.poolUserCount(), "PU:PE ratio 10");
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
