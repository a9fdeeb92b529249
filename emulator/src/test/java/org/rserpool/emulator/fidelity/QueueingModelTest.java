package org.rserpool.emulator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rserpool.emulator.fidelity.QueueingModel.Config;
import org.rserpool.emulator.fidelity.QueueingModel.Policy;
import org.rserpool.emulator.fidelity.QueueingModel.Result;

/**
 * The queueing model the fidelity tests take their expectations from, against closed forms of queueing
 * theory (rspsim-model.md §6.1), in long runs whose statistical error is far below the tolerances
 * (times in job times S/C, speeds as fractions of the capacity).
 */
class QueueingModelTest {

  /** Least Used with as many pool users as elements: each pool user an M/M/1 queue. */
  @Test
  void leastUsedWithOnePoolUserPerPoolElementIsMm1() {
    for (double load : new double[] {0.5, 0.8}) {
      Result r = QueueingModel.run(new Config(20, 20, load, Policy.LEAST_USED, 500, 50_000), 1);
      assertEquals(load, r.utilization(), 0.005, "utilization at " + load);
      assertEquals(1 - load, r.handlingSpeed(), 0.005, "handling speed at " + load);
      assertEquals(load / (1 - load), r.queuingDelay(), 0.05 * load / (1 - load), "queuing delay at " + load);
      // A pool element of its own: the job's size, exactly.
      assertEquals(1, r.processingTime(), 0.01, "processing time at " + load);
      assertEquals(1 / (1 - load), r.handlingTime(), 0.05 / (1 - load), "handling time at " + load);
    }
  }

  /** Random with very many pool users: Poisson arrivals at each pool element, M/M/1 processor sharing. */
  @Test
  void randomWithVeryManyPoolUsersIsMm1ProcessorSharing() {
    Result r = QueueingModel.run(new Config(10, 10_000, 0.8, Policy.RANDOM, 200, 20_000), 2);
    assertEquals(0.8, r.utilization(), 0.01);
    assertEquals(5, r.processingTime(), 0.25);
    assertEquals(0.2, r.handlingSpeed(), 0.01);
    // The pool users' own queues are nearly empty.
    assertEquals(0, r.queuingDelay(), 0.05);
  }

  /** Fewer pool users per element: their own queues hold the jobs back, so the speed falls short of (1 − θ). */
  @Test
  void randomWithFewPoolUsersPerPoolElementIsSlower() {
    double previous = 0;
    for (int ratio : new int[] {10, 50, 1000}) {
      Result r = QueueingModel.run(new Config(10, 10 * ratio, 0.8, Policy.RANDOM, 200, 20_000), 3);
      assertEquals(5, r.processingTime(), 0.3, "processing time at ratio " + ratio);
      assertEquals(true, r.handlingSpeed() > previous && r.handlingSpeed() < 0.21, "speed " + r.handlingSpeed() + " at ratio " + ratio);
      previous = r.handlingSpeed();
    }
  }

  @Test
  void replicationsGiveMeanAndSpread() {
    QueueingModel.Summary s = QueueingModel.replicate(new Config(10, 10, 0.8, Policy.LEAST_USED, 200, 1000), 30, 7);
    assertEquals(30, s.runs());
    // 30 runs of 8000 jobs: the mean utilization is within 0.003 (1 sd) of 0.8.
    assertEquals(0.8, s.mean().utilization(), 0.012);
    assertEquals(0.2, s.mean().handlingSpeed(), 0.012);
    // M/M/1 at 0.8, 10 queues over 1000 job times: the speed spreads about 0.017-0.019 from run to run
    // (docs/validation.md); an estimate from 30 runs is within about 13 % of it (1 sd).
    assertEquals(0.019, s.sd().handlingSpeed(), 0.0075);
  }
}
