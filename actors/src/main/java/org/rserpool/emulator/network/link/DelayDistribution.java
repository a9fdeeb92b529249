package org.rserpool.emulator.network.link;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * How a link's delay varies around its mean: {@code delay + jitter × X}, with X drawn from one of
 * these standardised distributions, as netem does it ({@code delay TIME JITTER [CORR] distribution
 * NAME}, tc-netem(8)). X is computed from a (possibly correlated) uniform value u in [0, 1) by the
 * distribution's inverse CDF, as netem's tables are.
 *
 * <ul>
 *   <li>{@code uniform}: netem's default without a table, X uniform in [-1, 1).
 *   <li>{@code normal}: X standard normal, clipped at ±4 where netem's 16-bit table saturates
 *       (iproute2 {@code netem/normal.c}).
 *   <li>{@code pareto}: netem's (NIST Net's) table, X = (U^(-1/3) − 1.5) · 4/3 with U = 1 − u: a
 *       Pareto of shape 3 shifted to mean 0, at least −2/3 and capped at 4 (iproute2 {@code netem/pareto.c}).
 *   <li>{@code paretonormal}: (normal + 3 · pareto) / 4 at the same quantile, "a combination which
 *       seems to match experimentally observed distributions reasonably well" (iproute2
 *       {@code netem/paretonormal.c}).
 *   <li>{@code exponential}: X = E − 1 with E exponential of mean 1, so the delay has mean {@code delay}
 *       and standard deviation {@code jitter}; with jitter = delay it is Maelstrom's exponential latency.
 *       Not a netem table: added because Maelstrom users expect it.
 * </ul>
 */
public enum DelayDistribution {
  UNIFORM, NORMAL, PARETO, PARETONORMAL, EXPONENTIAL;

  /** netem's tables hold 16-bit values scaled by 8192 (NETEM_DIST_SCALE), so |X| ≤ 32767/8192. */
  static final double TABLE_LIMIT = 32767.0 / 8192.0;
  private static final int QUANTILES = 4096;
  /** The normal quantile function at (i / QUANTILES), interpolated between points: cheap per packet. */
  private static final double[] NORMAL_QUANTILES = normalQuantiles();

  private static double[] normalQuantiles() {
    NormalDistribution standard = NormalDistribution.of(0, 1);
    double[] q = new double[QUANTILES + 1];
    for (int i = 0; i <= QUANTILES; i++) {
      q[i] = clip(standard.inverseCumulativeProbability((double) i / QUANTILES));
    }
    return q;
  }

  private static double clip(double x) {
    return Math.max(-TABLE_LIMIT, Math.min(TABLE_LIMIT, x));
  }

  /** The standardised variate X for a uniform value {@code u} in [0, 1). */
  public double variate(double u) {
    return switch (this) {
      case UNIFORM -> 2 * u - 1;
      case NORMAL -> normal(u);
      case PARETO -> pareto(u);
      case PARETONORMAL -> clip((normal(u) + 3 * pareto(u)) / 4);
      case EXPONENTIAL -> -Math.log1p(-u) - 1;
    };
  }

  private static double normal(double u) {
    double x = u * QUANTILES;
    int i = (int) x;
    if (i >= QUANTILES) return NORMAL_QUANTILES[QUANTILES];
    double f = x - i;
    return NORMAL_QUANTILES[i] + f * (NORMAL_QUANTILES[i + 1] - NORMAL_QUANTILES[i]);
  }

  private static double pareto(double u) {
    return Math.min(TABLE_LIMIT, (Math.pow(1 - u, -1.0 / 3) - 1.5) * 4 / 3);
  }

  /** The name netem and the scenario file use. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a distribution name (case-insensitive). */
  public static DelayDistribution parse(String name) {
    for (DelayDistribution d : values()) {
      if (d.configName().equalsIgnoreCase(name == null ? "" : name.trim())) return d;
    }
    throw new IllegalArgumentException("distribution must be one of uniform, normal, pareto, paretonormal, exponential; got '" + name + "'");
  }
}
