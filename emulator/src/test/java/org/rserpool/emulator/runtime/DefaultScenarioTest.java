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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The default scenario (1 registrar, 10 pool elements, 100 pool users, round robin) in-process at
 * time-scale 50: all pool elements register, jobs complete, and round robin gives every pool element work.
 */
class DefaultScenarioTest {
  static Emulation emulation;
  static ActorTestKit probes;

  @BeforeAll
  static void start() {
    Scenario scenario = ScenarioLoader.loadDefault(Map.of("scenario.time-scale", 50, "rserpool.metrics.port", 0));
    emulation = Emulation.start(scenario);
    probes = ActorTestKit.create(emulation.system());
  }

  @AfterAll
  static void stop() throws Exception {
    emulation.close();
  }

  @Test
  void allPoolElementsRegisterJobsCompleteAndEveryPoolElementServesSome() {
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
      assertTrue(stats.jobsCompleted() >= 10);
      assertTrue(stats.handleResolutions() >= stats.jobsStarted(), "one handle resolution per job start at least");
      assertEquals(0, stats.messagesUnroutable());
      return null;
    });
  }
}
