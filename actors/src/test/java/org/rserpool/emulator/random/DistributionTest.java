package org.rserpool.emulator.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {

  static double mean(Distribution d, int n) {
    SplittableRandom r = new SplittableRandom(7);
    double sum = 0;
    for (int i = 0; i < n; i++) sum += d.draw(r);
    return sum / n;
  }

  @Test
  void exponentialHasItsMeanAndItsVariance() {
    Distribution d = Distribution.parse("exponential", 125);
    SplittableRandom r = new SplittableRandom(1);
    double sum = 0;
    double squares = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double x = d.draw(r);
      assertTrue(x >= 0);
      sum += x;
      squares += x * x;
    }
    double mean = sum / n;
    assertEquals(125, mean, 125 * 0.01);
    assertEquals(125 * 125, squares / n - mean * mean, 125 * 125 * 0.03, "variance = mean²");
  }

  @Test
  void constantIsAlwaysItsValue() {
    Distribution d = Distribution.parse(" Constant ", 3e6);
    assertEquals(3e6, d.draw(new SplittableRandom(3)));
    assertEquals(3_000_000L, d.drawLong(new SplittableRandom(3), 1));
  }

  /** RSPSIM uniformgamma(mean, γ): uniform on [m/(1+(γ-1)/2), γ·m/(1+(γ-1)/2)]. */
  @Test
  void uniformIsRspsimsUniformGammaAroundTheMean() {
    Distribution d = Distribution.parse("uniform 3", 100);
    SplittableRandom r = new SplittableRandom(5);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 100_000; i++) {
      double x = d.draw(r);
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    assertEquals(50, min, 0.1);
    assertEquals(150, max, 0.1);
    assertEquals(100, mean(d, 100_000), 0.5);
  }

  @Test
  void drawLongRoundsAndKeepsTheMinimum() {
    assertEquals(1, Distribution.constant(0.2).drawLong(new SplittableRandom(1), 1));
    assertEquals(0, Distribution.constant(0.2).drawLong(new SplittableRandom(1), 0));
    assertEquals(Long.MAX_VALUE, Distribution.constant(1e30).drawLong(new SplittableRandom(1), 0));
  }

  @Test
  void badShapesSayWhatIsAllowed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("normal", 1)).getMessage()
        .contains("exponential, constant or \"uniform G\""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("uniform", 1)).getMessage().contains("uniform G"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.parse("uniform 0.5", 1)).getMessage().contains(">= 1"));
    assertThrows(IllegalArgumentException.class, () -> Distribution.parse("uniform x", 1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.parse("exponential 3", 1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.parse("constant", -1));
  }
}
