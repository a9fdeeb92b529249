package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rserpool.emulator.config.ConfigChecks;

/**
 * How the pool elements' capacities spread around the nominal capacity C ({@code
 * scenario.pool-element-capacities}): RSPSIM's heterogeneous pools, with the formulas of its tool-chain
 * (toolchain/loaddistributions-version3.R; rspsim-model.md §5.3). N is the number of pool elements of
 * the whole scenario, numbered in deployment order (site by site, pe-S-1 first); RSPSIM applies the
 * formulas per LAN, which is the same for its single-LAN studies.
 *
 * <ul>
 *   <li>identity: every pool element has C;
 *   <li>fast-servers: F = round(λN) fast ones, the first F, each with κ = γ times the capacity of a slow
 *       one, the total N·C kept: the fast ones share round(N·C·Fκ / (Fκ + N − F)), the slow ones
 *       round(N·C·(N − F) / (Fκ + N − F));
 *   <li>linear: capacity_j = (j − 1)·step + min with min = C / (1 + (γ − 1)/N) and step =
 *       (N·C − N·min) / (N(N − 1)/2), total N·C (max/min is not γ, as in RSPSIM);
 *   <li>uniform: each drawn from U(min, γ·min), min = C / (1 + (γ − 1)/2), mean C;
 *   <li>truncnormal: each drawn from a normal distribution with mean C and deviation γ·C, drawn again
 *       until positive (RSPSIM's rtruncnorm redraws below 0; a capacity must be positive).
 * </ul>
 *
 * R's round() rounds halves to even; so does {@link Math#rint}, used here.
 *
 * @param distribution the shape
 * @param gamma γ: κ for fast-servers, the spread for linear and uniform (≥ 1), ϑ for truncnormal (≥ 0)
 * @param lambda λ: the fraction of fast servers (fast-servers only; 0..1)
 */
public record PoolElementCapacities(Shape distribution, double gamma, double lambda) {
  static final String PATH = "scenario.pool-element-capacities";

  /** RSPSIM's normalised capacity distributions. */
  public enum Shape {
    IDENTITY, FAST_SERVERS, LINEAR, UNIFORM, TRUNCNORMAL;

    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Shape fromKey(String key) {
      for (Shape s : values()) {
        if (s.key().equals(key)) return s;
      }
      return null;
    }

    static List<String> keys() {
      List<String> keys = new ArrayList<>();
      for (Shape s : values()) keys.add(s.key());
      return keys;
    }
  }

  public static final PoolElementCapacities IDENTITY = new PoolElementCapacities(Shape.IDENTITY, 1, 0.1);

  public PoolElementCapacities {
    if (distribution == null) throw new IllegalArgumentException("distribution is required");
    boolean truncnormal = distribution == Shape.TRUNCNORMAL;
    if (!(truncnormal ? gamma >= 0 : gamma >= 1) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma must be " + (truncnormal ? "at least 0 (the deviation as a fraction of the capacity)" : "at least 1")
          + " for " + distribution.key() + ", got " + gamma);
    }
    if (!(lambda >= 0 && lambda <= 1)) throw new IllegalArgumentException("lambda must be a fraction in 0..1, got " + lambda);
  }

  /** Reads {@code scenario.pool-element-capacities}; every problem names its key and what is allowed. */
  static PoolElementCapacities fromConfig(Config c) {
    String key = PATH + ".distribution";
    String name = ScenarioValues.string(c, key, "one of " + Shape.keys());
    Shape shape = Shape.fromKey(name.trim().toLowerCase(Locale.ROOT));
    if (shape == null) throw ConfigChecks.bad(key, "must be one of " + Shape.keys() + ", got '" + name + "'");
    double gamma = ScenarioValues.number(c, PATH + ".gamma", "a number, at least 1 (at least 0 for truncnormal)");
    double lambda = ScenarioValues.number(c, PATH + ".lambda", "a fraction in 0..1");
    try {
      return new PoolElementCapacities(shape, gamma, lambda);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(PATH + (e.getMessage().startsWith("lambda") ? ".lambda" : ".gamma"), e.getMessage());
    }
  }

  /**
   * The capacities of {@code n} pool elements in deployment order.
   *
   * @param nominal C, calculations per second
   * @param seed the scenario's seed (uniform and truncnormal draw from it; the others do not draw)
   */
  public List<Double> of(int n, double nominal, long seed) {
    List<Double> capacities = new ArrayList<>(n);
    if (n == 0) return capacities;
    // Its own stream: adding or removing heterogeneity leaves every other random choice of the scenario unchanged.
    SplittableRandom random = new SplittableRandom(seed ^ 0x6361_7061_6369_7479L);
    switch (distribution) {
      case IDENTITY -> {
        for (int j = 0; j < n; j++) capacities.add(nominal);
      }
      case FAST_SERVERS -> {
        long fast = (long) Math.rint(lambda * n);
        long slow = n - fast;
        double total = nominal * n;
        double fraction = fast * gamma + slow;
        double fastEach = fast == 0 ? 0 : Math.rint(total * (fast * gamma / fraction)) / fast;
        double slowEach = slow == 0 ? 0 : Math.rint(total * (slow / fraction)) / slow;
        for (int j = 0; j < n; j++) capacities.add(j < fast ? fastEach : slowEach);
      }
      case LINEAR -> {
        double min = nominal / (1 + (gamma - 1) / n);
        // One pool element: RSPSIM divides 0 by 0; the only capacity that keeps the total is C.
        double step = n == 1 ? 0 : (nominal * n - min * n) / ((double) n * (n - 1) / 2);
        for (int j = 0; j < n; j++) capacities.add(n == 1 ? nominal : j * step + min);
      }
      case UNIFORM -> {
        double min = nominal / (1 + (gamma - 1) / 2);
        double max = gamma * min;
        for (int j = 0; j < n; j++) capacities.add(max > min ? min + random.nextDouble() * (max - min) : min);
      }
      case TRUNCNORMAL -> {
        for (int j = 0; j < n; j++) {
          double c;
          do {
            c = nominal + gamma * nominal * random.nextGaussian();
          } while (!(c > 0));
          capacities.add(c);
        }
      }
      default -> throw new IllegalStateException("unknown distribution " + distribution);
    }
    return capacities;
  }

  @Override
  public String toString() {
    return switch (distribution) {
      case IDENTITY -> "identity";
      case FAST_SERVERS -> "fast-servers (gamma " + gamma + ", lambda " + lambda + ")";
      default -> distribution.key() + " (gamma " + gamma + ")";
    };
  }
}
