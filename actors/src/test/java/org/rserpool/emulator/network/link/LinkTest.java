package org.rserpool.emulator.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The link model against netem's definitions, statistically. Seeds are fixed, so every run draws the
 * same numbers; tolerances are six standard errors of the statistic (or a Kolmogorov-Smirnov p-value
 * of 1e-6), so a correct model passes with any seed and a wrong one (a wrong mean, spread or shape)
 * fails by far.
 */
class LinkTest {
  static final int N = 100_000;
  static final double MS = 1e6;
  static final double KS_ALPHA = 1e-6;

  static double[] delaysMs(LinkProfile profile, long seed) {
    Link link = new Link(profile, seed);
    double[] d = new double[N];
    for (int i = 0; i < N; i++) {
      Transmission t = Transmission.start();
      t.cross(link, 0, 100);
      assertEquals(1, t.copies());
      d[i] = t.delayNanos(0) / MS;
    }
    return d;
  }

  static LinkProfile jittered(double delayMs, double jitterMs, double correlation, DelayDistribution dist) {
    return LinkProfile.constant(Duration.ofNanos(Math.round(delayMs * MS)))
        .withJitter(Duration.ofNanos(Math.round(jitterMs * MS)), correlation, dist);
  }

  static void assertFits(double[] sample, DoubleUnaryOperator cdf) {
    double p = KolmogorovSmirnovTest.withDefaults().test(sample, cdf).getPValue();
    assertTrue(p > KS_ALPHA, "Kolmogorov-Smirnov p-value " + p);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return Math.sqrt(s / (x.length - 1));
  }

  static double lag1Correlation(double[] x) {
    double m = mean(x);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      den += (x[i] - m) * (x[i] - m);
      if (i > 0) num += (x[i] - m) * (x[i - 1] - m);
    }
    return num / den;
  }

  @Test
  void aConstantDelayIsExact() {
    double[] d = delaysMs(LinkProfile.constant(Duration.ofMillis(25)), 1);
    for (double v : d) assertEquals(25.0, v, 1e-9);
  }

  @Test
  void uniformJitterSpreadsEvenlyAroundTheDelay() {
    // netem: delay 100ms 10ms -> uniform in [90, 110) ms.
    double[] d = delaysMs(jittered(100, 10, 0, DelayDistribution.UNIFORM), 2);
    assertFits(d, x -> Math.max(0, Math.min(1, (x - 90) / 20)));
    assertEquals(100, mean(d), 6 * (20 / Math.sqrt(12)) / Math.sqrt(N));
  }

  @Test
  void normalJitterIsNormalWithTheJitterAsStandardDeviation() {
    double[] d = delaysMs(jittered(100, 10, 0, DelayDistribution.NORMAL), 3);
    NormalDistribution n = NormalDistribution.of(100, 10);
    assertFits(d, n::cumulativeProbability);
    assertEquals(100, mean(d), 6 * 10 / Math.sqrt(N));
    assertEquals(10, sd(d), 6 * 10 / Math.sqrt(2.0 * N));
  }

  @Test
  void paretoJitterFollowsNetemsTable() {
    // X = (U^(-1/3) - 1.5) * 4/3: P(X <= x) = 1 - (1.5 + 0.75 x)^(-3) for x >= -2/3. netem's table
    // saturates at 32767/8192, so the top (1.5 + 0.75 cap)^(-3) = 1.1 % sit at the cap: the test checks
    // that mass, then the shape below it (KS needs a continuous distribution).
    double[] d = delaysMs(jittered(100, 10, 0, DelayDistribution.PARETO), 4);
    double cap = DelayDistribution.TABLE_LIMIT;
    double atCap = Math.pow(1.5 + 0.75 * cap, -3);
    double[] below = java.util.Arrays.stream(d).filter(ms -> (ms - 100) / 10 < cap - 1e-6).toArray();
    double capped = 1 - (double) below.length / N;
    assertEquals(atCap, capped, 6 * Math.sqrt(atCap * (1 - atCap) / N));
    assertFits(below, ms -> {
      double x = (ms - 100) / 10;
      return x < -2.0 / 3 ? 0 : Math.min(1, (1 - Math.pow(1.5 + 0.75 * x, -3)) / (1 - atCap));
    });
    for (double v : d) assertTrue(v >= 100 - 10 * 2.0 / 3 - 1e-6 && v <= 100 + 10 * cap + 1e-6, "out of netem's range: " + v);
  }

  @Test
  void paretonormalCombinesNormalAndParetoQuantiles() {
    double[] d = delaysMs(jittered(100, 10, 0, DelayDistribution.PARETONORMAL), 5);
    NormalDistribution n = NormalDistribution.of(0, 1);
    double cap = DelayDistribution.TABLE_LIMIT;
    DoubleUnaryOperator quantile = u -> (Math.max(-cap, Math.min(cap, n.inverseCumulativeProbability(u)))
        + 3 * Math.min(cap, (Math.pow(1 - u, -1.0 / 3) - 1.5) * 4 / 3)) / 4;
    // The quantile function is increasing, so its inverse is the CDF: found by bisection.
    assertFits(d, ms -> {
      double x = (ms - 100) / 10;
      double lo = 0;
      double hi = 1 - 1e-12;
      if (x <= quantile.applyAsDouble(1e-12)) return 0;
      if (x >= quantile.applyAsDouble(hi)) return 1;
      for (int i = 0; i < 60; i++) {
        double mid = (lo + hi) / 2;
        if (quantile.applyAsDouble(mid) <= x) lo = mid;
        else hi = mid;
      }
      return lo;
    });
  }

  @Test
  void exponentialJitterHasTheDelayAsMeanAndTheJitterAsSpread() {
    // jitter = delay: Maelstrom's exponential latency with mean 20 ms.
    double[] d = delaysMs(jittered(20, 20, 0, DelayDistribution.EXPONENTIAL), 6);
    assertFits(d, x -> x <= 0 ? 0 : 1 - Math.exp(-x / 20));
    assertEquals(20, mean(d), 6 * 20 / Math.sqrt(N));
  }

  @Test
  void delayNeverGoesBelowZero() {
    double[] d = delaysMs(jittered(1, 10, 0, DelayDistribution.NORMAL), 7);
    for (double v : d) assertTrue(v >= 0);
  }

  @Test
  void correlationMakesEachDelayDependOnThePreviousOne() {
    // With a uniform distribution the delay is linear in netem's correlated random value, whose
    // lag-1 autocorrelation is the configured correlation (x' = (1-r) u + r x).
    for (double r : new double[] {0, 0.25, 0.75}) {
      double[] d = delaysMs(jittered(100, 10, r, DelayDistribution.UNIFORM), 8);
      double tolerance = 6 * Math.sqrt((1 - r * r) / N);
      assertEquals(r, lag1Correlation(d), tolerance, "correlation " + r);
      assertEquals(100, mean(d), 6 * 10 / Math.sqrt(N) * Math.sqrt((1 + r) / (1 - r)));
    }
  }

  static double lossRate(LinkProfile profile, long seed, int n) {
    Link link = new Link(profile, seed);
    int lost = 0;
    for (int i = 0; i < n; i++) {
      Transmission t = Transmission.start();
      t.cross(link, 0, 100);
      lost += t.lost();
    }
    return (double) lost / n;
  }

  @Test
  void randomLossLosesTheConfiguredFraction() {
    for (double p : new double[] {0.001, 0.05, 0.3}) {
      double rate = lossRate(LinkProfile.constant(Duration.ofMillis(1)).withLoss(new LossModel.Random(p, 0)), 9, N);
      assertEquals(p, rate, 6 * Math.sqrt(p * (1 - p) / N), "loss " + p);
    }
  }

  @Test
  void fullLossLosesEverythingAndNoLossNothing() {
    assertEquals(1.0, lossRate(LinkProfile.constant(Duration.ZERO).withLoss(new LossModel.Random(1, 0)), 10, 10_000));
    assertEquals(0.0, lossRate(LinkProfile.constant(Duration.ZERO).withJitter(Duration.ofMillis(1), 0, DelayDistribution.NORMAL), 10, 10_000));
  }

  @Test
  void gilbertElliottLosesAtItsStationaryRateInBursts() {
    // p = 1 %, r = 20 %, 1-h = 100 %, 1-k = 0: losses come in bursts of mean length 1/r = 5,
    // and the long-run loss rate is p / (p + r).
    LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.01, 0.2, 1, 0);
    Link link = new Link(LinkProfile.constant(Duration.ZERO).withLoss(ge), 11);
    int n = 400_000;
    int lost = 0;
    int bursts = 0;
    boolean previous = false;
    for (int i = 0; i < n; i++) {
      Transmission t = Transmission.start();
      t.cross(link, 0, 100);
      boolean l = t.lost() == 1;
      if (l) lost++;
      if (l && !previous) bursts++;
      previous = l;
    }
    double pi = ge.meanLoss();
    double lambda = 1 - ge.p() - ge.r();
    // A two-state Markov chain's sample mean has variance pi (1 - pi) / n * (1 + lambda) / (1 - lambda).
    double se = Math.sqrt(pi * (1 - pi) / n * (1 + lambda) / (1 - lambda));
    assertEquals(pi, (double) lost / n, 6 * se);
    double meanBurst = (double) lost / bursts;
    // Burst lengths are geometric with mean 1/r and variance (1-r)/r^2.
    assertEquals(1 / ge.r(), meanBurst, 6 * Math.sqrt((1 - ge.r()) / (ge.r() * ge.r()) / bursts));
  }

  @Test
  void duplicationSendsTheConfiguredFractionTwice() {
    double p = 0.02;
    Link link = new Link(LinkProfile.constant(Duration.ofMillis(5)).withDuplicate(p, 0), 12);
    int copies = 0;
    for (int i = 0; i < N; i++) {
      Transmission t = Transmission.start();
      t.cross(link, 0, 100);
      copies += t.copies();
      assertEquals(t.copies() - 1, t.duplicated());
    }
    assertEquals(p, (double) (copies - N) / N, 6 * Math.sqrt(p * (1 - p) / N));
  }

  @Test
  void aRateQueuesPacketsBehindEachOtherAndDropsBeyondItsLimit() {
    // 1000 bytes at 8 Mbit/s take 1 ms; ten sent at once leave 1, 2, ... ms later, then travel 10 ms.
    Link link = new Link(LinkProfile.constant(Duration.ofMillis(10)).withRate(Rate.parse("8mbit"), 6), 13);
    long[] delays = new long[10];
    int overflow = 0;
    for (int i = 0; i < 10; i++) {
      Transmission t = Transmission.start();
      t.cross(link, 0, 1000);
      overflow += t.overflowed();
      delays[i] = t.copies() == 1 ? t.delayNanos(0) : -1;
    }
    for (int i = 0; i < 6; i++) assertEquals((11 + i) * 1_000_000L, delays[i], "packet " + i);
    for (int i = 6; i < 10; i++) assertEquals(-1, delays[i], "packet " + i + " should overflow the queue of 6");
    assertEquals(4, overflow);
    // 3.5 ms later three have left the queue: three more fit.
    Transmission later = Transmission.start();
    later.cross(link, 3_500_000, 1000);
    assertEquals(1, later.copies());
    assertEquals(6_000_000L + 1_000_000 + 10_000_000 - 3_500_000, later.delayNanos(0));
  }

  @Test
  void linksInARowAddTheirDelays() {
    Transmission t = Transmission.start();
    t.cross(new Link(LinkProfile.constant(Duration.ofMillis(3)), 1), 0, 100);
    t.cross(new Link(LinkProfile.constant(Duration.ofMillis(4)), 2), 0, 100);
    assertEquals(1, t.copies());
    assertEquals(7_000_000L, t.delayNanos(0));
  }
}
