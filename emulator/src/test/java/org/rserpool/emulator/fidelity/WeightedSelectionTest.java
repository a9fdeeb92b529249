package org.rserpool.emulator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * Weighted Random through the whole path, pool user → registrar → pool element: with weights 1, 1, 1,
 * 1, 10 the heavy pool element must get 10/14 ≈ 0.714 of the job requests (RFC 5356 §3.2: probability
 * proportional to the weight). Before the pool user asked for one item, the registrar answered three
 * and the pool user drew again from those, which gave the heavy one about 0.82.
 */
class WeightedSelectionTest {

  @Test
  void theHeavyPoolElementGetsItsWeightsShareOfTheRequests() throws Exception {
    // fast-servers with 5 PEs, lambda 0.2 and gamma 10: one PE with 10 times the capacity of each of
    // the other four; WeightedRandom's automatic weight is the capacity (RSPSIM).
    String scenario = """
        scenario {
          name = "weighted-random"
          seed = 5
          time-scale = 20
          sites = [{ registrars = 1, pool-elements = 5, pool-users = 40 }]
          pool-element-capacities { distribution = fast-servers, gamma = 10, lambda = 0.2 }
          workload.target-utilization = 0.3
        }
        rserpool.pool-element.policy = "WeightedRandom"
        rserpool.pool-user.job-size = 100000
        """;
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString(scenario, Map.of("rserpool.metrics.port", 0)))) {
      ActorTestKit kit = ActorTestKit.create(emulation.system());
      // Pool elements start after the registrars (the scenario's start delays): wait until all 5 run.
      List<ActorRef<PoolElement.Command>> pes = kit.createTestProbe().awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
        List<ActorRef<PoolElement.Command>> running = emulation.components(Duration.ofSeconds(5)).toCompletableFuture().join().poolElements();
        assertEquals(5, running.size(), "pool elements running");
        return running;
      });
      TestProbe<PoolElement.Status> probe = kit.createTestProbe();
      long[] requests = new long[5];
      // About 6 job requests per emulated second: 3,000 requests take 25 s of real time at time-scale 20.
      kit.createTestProbe().awaitAssert(Duration.ofSeconds(120), Duration.ofSeconds(1), () -> {
        for (int i = 0; i < 5; i++) {
          pes.get(i).tell(new PoolElement.GetStatus(probe.ref()));
          PoolElement.Status s = probe.receiveMessage(Duration.ofSeconds(5));
          requests[i] = s.jobsAccepted() + s.jobsRejected();
        }
        assertTrue(total(requests) >= 3000, "requests so far: " + total(requests));
        return null;
      });
      List<Double> shares = new ArrayList<>();
      for (long r : requests) shares.add((double) r / total(requests));
      double heavy = shares.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      // n >= 3000: the share's standard deviation is below 0.009; 0.04 is more than 4 of them.
      assertEquals(10.0 / 14, heavy, 0.04, "shares " + shares);
      for (double s : shares) {
        if (s != heavy) assertEquals(1.0 / 14, s, 0.03, "shares " + shares);
      }
    }
  }

  static long total(long[] a) {
    long t = 0;
    for (long x : a) t += x;
    return t;
  }
}
