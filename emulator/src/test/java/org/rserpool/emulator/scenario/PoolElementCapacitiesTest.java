package org.rserpool.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.scenario.PoolElementCapacities.Shape;

/** RSPSIM's heterogeneous capacity distributions (toolchain/loaddistributions-version3.R), value by value. */
class PoolElementCapacitiesTest {
  private static final double C = 1e6;

  private static double sum(List<Double> capacities) {
    return capacities.stream().mapToDouble(Double::doubleValue).sum();
  }

  @Test
  void identityGivesEveryPoolElementTheNominalCapacity() {
    assertEquals(Collections.nCopies(7, C), PoolElementCapacities.IDENTITY.of(7, C, 1));
    assertEquals(List.of(), PoolElementCapacities.IDENTITY.of(0, C, 1));
  }

  @Test
  void fastServersAreTheFirstRoundLambdaNAndKappaTimesAsFastWithTheTotalKept() {
    // N 10, kappa 4, lambda 0.1: F = 1; fast total rint(1e7 x 4/13) = 3076923, slow total rint(1e7 x 9/13) = 6923077.
    List<Double> c = new PoolElementCapacities(Shape.FAST_SERVERS, 4, 0.1).of(10, C, 1);
    assertEquals(3_076_923, c.get(0), 1e-6);
    for (int j = 1; j < 10; j++) assertEquals(6_923_077 / 9.0, c.get(j), 1e-6);
    assertEquals(1e7, sum(c), 1e-6);
    assertEquals(4, c.get(0) / c.get(1), 1e-5, "kappa");
    // lambda N = 2.5 rounds to even as R's round(): 2 fast servers.
    List<Double> half = new PoolElementCapacities(Shape.FAST_SERVERS, 2, 0.25).of(10, C, 1);
    assertEquals(2, half.stream().filter(x -> x > C).count());
    assertEquals(Collections.nCopies(10, C), new PoolElementCapacities(Shape.FAST_SERVERS, 1, 0.1).of(10, C, 1), "kappa 1: homogeneous");
    assertEquals(Collections.nCopies(4, C), new PoolElementCapacities(Shape.FAST_SERVERS, 8, 1).of(4, C, 1), "all fast: all C");
  }

  @Test
  void linearRisesInEqualStepsFromItsMinimumWithTheTotalKept() {
    // RSPSIM's example: N 10, gamma 2 gives 909091 ... 1090909.
    List<Double> c = new PoolElementCapacities(Shape.LINEAR, 2, 0.1).of(10, C, 1);
    assertEquals(1e6 / 1.1, c.get(0), 1e-6);
    assertEquals(1_090_909.09, c.get(9), 0.01);
    double step = c.get(1) - c.get(0);
    for (int j = 1; j < 10; j++) assertEquals(step, c.get(j) - c.get(j - 1), 1e-6);
    assertEquals(1e7, sum(c), 1e-3);
    assertEquals(List.of(C), new PoolElementCapacities(Shape.LINEAR, 3, 0.1).of(1, C, 1), "one pool element keeps C");
  }

  @Test
  void uniformDrawsFromItsRangeWithMeanCReproduciblyFromTheSeed() {
    PoolElementCapacities u = new PoolElementCapacities(Shape.UNIFORM, 3, 0.1);
    List<Double> c = u.of(20_000, C, 7);
    double min = C / 2;  // C / (1 + (3 - 1) / 2)
    assertTrue(c.stream().allMatch(x -> x >= min && x <= 3 * min), "within U(min, 3 min)");
    assertEquals(C, sum(c) / c.size(), 0.01 * C, "mean C");
    assertEquals(c, u.of(20_000, C, 7), "same seed, same capacities");
    assertNotEquals(c, u.of(20_000, C, 8));
    assertEquals(Collections.nCopies(3, C), new PoolElementCapacities(Shape.UNIFORM, 1, 0.1).of(3, C, 7), "gamma 1: homogeneous");
  }

  @Test
  void truncnormalDrawsPositiveCapacitiesAroundC() {
    List<Double> c = new PoolElementCapacities(Shape.TRUNCNORMAL, 0.2, 0.1).of(20_000, C, 3);
    assertTrue(c.stream().allMatch(x -> x > 0));
    double mean = sum(c) / c.size();
    assertEquals(C, mean, 0.01 * C);
    double sd = Math.sqrt(c.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (c.size() - 1));
    assertEquals(0.2 * C, sd, 0.01 * C, "deviation gamma x C");
    assertTrue(new PoolElementCapacities(Shape.TRUNCNORMAL, 3, 0.1).of(5_000, C, 3).stream().allMatch(x -> x > 0), "redrawn until positive");
    assertEquals(Collections.nCopies(5, C), new PoolElementCapacities(Shape.TRUNCNORMAL, 0, 0.1).of(5, C, 3), "theta 0: homogeneous");
  }

  @Test
  void parametersOutOfRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PoolElementCapacities(Shape.FAST_SERVERS, 0.5, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new PoolElementCapacities(Shape.FAST_SERVERS, 2, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new PoolElementCapacities(Shape.TRUNCNORMAL, -0.1, 0.1));
    new PoolElementCapacities(Shape.TRUNCNORMAL, 0.5, 0.1);
  }
}
