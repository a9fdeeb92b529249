package org.rserpool.emulator.network.link;

import java.util.SplittableRandom;

/**
 * netem's correlated random number generator (Linux {@code sch_netem.c}, {@code get_crandom}): each
 * 32-bit value is {@code (1 - ρ) · fresh + ρ · previous}, so with correlation ρ the next value "depends
 * ρ on the last one" (tc-netem(8)). ρ = 0 gives independent uniform values.
 *
 * <p>Not thread-safe: one instance belongs to one link and is used under its lock.
 */
final class CorrelatedRandom {
  private static final double TWO_32 = 4294967296.0;
  private final long rho;
  private long last;

  CorrelatedRandom(double correlation, SplittableRandom random) {
    Probability.check(correlation, "correlation");
    // netem scales the percentage to 0..2^32-1 and uses rho + 1 in the mix below.
    this.rho = correlation == 0 ? 0 : Math.min(0xffffffffL, Math.round(correlation * TWO_32) - 1);
    this.last = random.nextInt() & 0xffffffffL;
  }

  /** The next value in [0, 2^32). */
  long nextU32(SplittableRandom random) {
    long value = random.nextInt() & 0xffffffffL;
    if (rho == 0) return value;
    long r = rho + 1;
    // Both products are below 2^64 and so is their sum, so the unsigned shift is exact.
    long answer = (value * ((1L << 32) - r) + last * r) >>> 32;
    last = answer;
    return answer;
  }

  /** The next value as a fraction in [0, 1). */
  double next(SplittableRandom random) {
    return nextU32(random) / TWO_32;
  }

  /** True with probability {@code p} (netem: {@code p >= get_crandom()}, scaled to 32 bits). */
  boolean chance(double p, SplittableRandom random) {
    if (p <= 0) return false;
    return nextU32(random) < p * TWO_32;
  }
}
