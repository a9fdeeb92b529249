package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * RSPSIM's failure experiments in small (the wp2 scripts: exponential PE uptimes, clean shutdowns and
 * crashes, 1 s session keep-alives): 4 pool elements that fail every 8 s on average, half of them by
 * crashing, and 8 pool users with 5 jobs each. Every job completes through failovers, with RSPSIM's
 * per-job invariants holding, and failed pool elements come back as new incarnations.
 */
class FailuresScenarioTest {

  @Test
  void everyJobCompletesThroughFailoversAndTheInvariantsHold() throws Exception {
    String scenario = """
        scenario {
          name = "failures"
          sites = [{ registrars = 1, pool-elements = 4, pool-users = 8 }]
          workload.target-utilization = none
        }
        rserpool.pool-element {
          session-keep-alive-interval = 1s
          session-keep-alive-timeout = 1s
          cookie-max-calculations = 500000
          lifecycle { mtbf = 8s, downtime = 1s, clean-shutdown-probability = 0.5 }
        }
        rserpool.pool-user {
          job-size = 2000000
          job-interval = 3s
          job-count = 5
          job-request-timeout = 1s
          session-keep-alive-interval = 1s
          session-keep-alive-timeout = 1s
        }
        """;
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString(scenario, Map.of("scenario.time-scale", 10, "rserpool.metrics.port", 0)))) {
      TestProbe<Object> waiter = ActorTestKit.create(emulation.system()).createTestProbe();
      // About 60 emulated seconds of work; up to 90 s of real time (900 emulated) on a loaded machine.
      waiter.awaitAssert(Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
        assertEquals(40, emulation.statistics().jobsCompleted());
        return null;
      });
      Statistics s = emulation.statistics();
      assertEquals(40, s.jobsQueued());
      assertTrue(s.failovers() > 0, "pool elements failed under running jobs");
      assertEquals(0, s.invariantViolations());
      assertTrue(s.jobSizeCompleted() > 0 && s.goodput() >= s.jobSizeCompleted() - 1 && s.usedCapacity() >= s.goodput() - 1, "goodput only from work done");
      long restarted = emulation.listComponents(Duration.ofSeconds(3)).toCompletableFuture().join().components().stream()
          .filter(c -> c.role() == EmulationGuardian.Role.POOL_ELEMENT && c.incarnation() > 1).count();
      assertTrue(restarted > 0, "failed pool elements restart as new incarnations");
    }
  }
}
