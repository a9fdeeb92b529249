package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * How each pool member selection policy orders, weighs and updates pool elements: rsplib's policy table
 * (poolpolicy-template_impl.h, PoolPolicyArray), which RSPSIM compiles unchanged. Verified against
 * rsplib's own code (see HandlespaceRsplibTraceTest).
 *
 * <p>Sorted policies keep the pool in ascending (key, key2, sequence number) order and select the
 * first entries; value-tree policies draw entries with probability proportional to their value, and
 * are kept in identifier order as rsplib keeps them. The update function advances an entry's state
 * (WRR credits, LUD degradation); value and keys are recomputed whenever the entry is (re-)linked.
 */
enum PoolPolicy {
  ROUND_ROBIN(PolicyType.ROUND_ROBIN, false, 1),
  WEIGHTED_ROUND_ROBIN(PolicyType.WEIGHTED_ROUND_ROBIN, false, 1),
  RANDOM(PolicyType.RANDOM, true, 0),
  WEIGHTED_RANDOM(PolicyType.WEIGHTED_RANDOM, true, 0),
  WEIGHTED_RANDOM_DPF(PolicyType.WEIGHTED_RANDOM_DPF, true, 0),
  PRIORITY(PolicyType.PRIORITY, false, 1),
  LEAST_USED(PolicyType.LEAST_USED, false, 1),
  LEAST_USED_DPF(PolicyType.LEAST_USED_DPF, false, 1),
  PRIORITY_LEAST_USED_DPF(PolicyType.PRIORITY_LEAST_USED_DPF, false, 1),
  PRIORITY_LEAST_USED_DEGRADATION_DPF(PolicyType.PRIORITY_LEAST_USED_DEGRADATION_DPF, false, 1),
  LEAST_USED_DEGRADATION(PolicyType.LEAST_USED_DEGRADATION, false, 1),
  LEAST_USED_DEGRADATION_DPF(PolicyType.LEAST_USED_DEGRADATION_DPF, false, 1),
  PRIORITY_LEAST_USED(PolicyType.PRIORITY_LEAST_USED, false, 1),
  PRIORITY_LEAST_USED_DEGRADATION(PolicyType.PRIORITY_LEAST_USED_DEGRADATION, false, 1),
  RANDOMIZED_LEAST_USED(PolicyType.RANDOMIZED_LEAST_USED, true, 1),
  RANDOMIZED_LEAST_USED_DEGRADATION(PolicyType.RANDOMIZED_LEAST_USED_DEGRADATION, true, 1),
  RANDOMIZED_PRIORITY_LEAST_USED(PolicyType.RANDOMIZED_PRIORITY_LEAST_USED, true, 1),
  RANDOMIZED_PRIORITY_LEAST_USED_DEGRADATION(PolicyType.RANDOMIZED_PRIORITY_LEAST_USED_DEGRADATION, true, 1);

  private static final long MAX = SelectionPolicy.MAX_VALUE;
  private static final PoolPolicy[] BY_TYPE = new PoolPolicy[PolicyType.values().length];

  static {
    for (PoolPolicy p : values()) BY_TYPE[p.type.ordinal()] = p;
    for (PolicyType t : PolicyType.values()) {
      if (BY_TYPE[t.ordinal()] == null) throw new ExceptionInInitializerError("no selection rule for " + t);
    }
  }

  final PolicyType type;
  /** Selected by weighted random draws (rsplib poolPolicySelectPoolElementNodesByValueTree). */
  final boolean byValue;
  /** What MaxIncrement 0 means for this policy (rsplib DefaultMaxIncrement). */
  final int defaultMaxIncrement;

  PoolPolicy(PolicyType type, boolean byValue, int defaultMaxIncrement) {
    this.type = type;
    this.byValue = byValue;
    this.defaultMaxIncrement = defaultMaxIncrement;
  }

  static PoolPolicy of(PolicyType type) {
    return BY_TYPE[type.ordinal()];
  }

  /** Whether the policy has an update function that changes state (rather than only the node value). */
  boolean updates() {
    return this == WEIGHTED_ROUND_ROBIN || degrades();
  }

  private boolean degrades() {
    return this == LEAST_USED_DEGRADATION || this == LEAST_USED_DEGRADATION_DPF
        || this == PRIORITY_LEAST_USED_DEGRADATION || this == PRIORITY_LEAST_USED_DEGRADATION_DPF;
  }

  /**
   * The policy's update function: WRR consumes one selection credit of the round, the degradation
   * policies add the load degradation to the entry's accumulated degradation. For the value-tree
   * policies rsplib's update function only sets the node value, which {@link #place} does.
   */
  void update(PoolElementEntry e) {
    if (this == WEIGHTED_ROUND_ROBIN) {
      if (e.virtualCounter > 1) {
        e.virtualCounter--;
      } else {
        e.roundCounter = (e.roundCounter + 1) & MAX;
        e.virtualCounter = e.parameter.policy().weight();
      }
    } else if (degrades()) {
      e.degradation = sum(e.degradation, e.parameter.policy().loadDegradation(), 0);
    }
  }

  /** Computes the sort keys (sorted policies) or the value and identifier order (value-tree policies). */
  void place(PoolElementEntry e) {
    SelectionPolicy p = e.parameter.policy();
    long key;
    long key2 = 0;
    switch (this) {
      case ROUND_ROBIN -> key = 0;
      case WEIGHTED_ROUND_ROBIN -> {
        key = e.roundCounter;
        key2 = e.virtualCounter;
      }
      // Highest priority (rsplib keeps it in the weight field) first.
      case PRIORITY -> key = MAX - p.weight();
      case LEAST_USED -> key = p.load();
      case LEAST_USED_DPF -> key = dpf(p.load(), p);
      case LEAST_USED_DEGRADATION -> key = sum(p.load(), e.degradation, 0);
      case LEAST_USED_DEGRADATION_DPF -> key = dpf((double) p.load() + (double) e.degradation, p);
      case PRIORITY_LEAST_USED -> key = sum(p.load(), p.loadDegradation(), 0);
      case PRIORITY_LEAST_USED_DEGRADATION -> key = sum(p.load(), p.loadDegradation(), e.degradation);
      case PRIORITY_LEAST_USED_DPF -> key = dpf((double) p.load() + (double) p.loadDegradation(), p);
      case PRIORITY_LEAST_USED_DEGRADATION_DPF ->
          key = dpf((double) p.load() + (double) p.loadDegradation() + (double) e.degradation, p);
      default -> {
        // Value-tree policies: identifier order, value by policy.
        key = Integer.toUnsignedLong(e.identifier);
        e.node.value = (int) value(e, p);
      }
    }
    e.node.rank = SelectionNode.rank(key, key2);
  }

  private long value(PoolElementEntry e, SelectionPolicy p) {
    return switch (this) {
      case RANDOM -> 1;
      case WEIGHTED_RANDOM -> p.weight();
      case WEIGHTED_RANDOM_DPF -> {
        // rsplib: weight - rint(weight * distance * WeightDPF); below 0 becomes 1, but 0 stays 0.
        double dpf = (double) p.distance() * ((double) p.weightDpf() / (double) MAX);
        long v = p.weight() - (long) Math.rint((double) p.weight() * dpf);
        yield v < 0 ? 1 : Math.min(v, MAX);
      }
      case RANDOMIZED_LEAST_USED -> fraction(p.load(), 0, 0);
      case RANDOMIZED_LEAST_USED_DEGRADATION -> fraction(p.load(), e.degradation, 0);
      case RANDOMIZED_PRIORITY_LEAST_USED -> fraction(p.load(), p.loadDegradation(), 0);
      case RANDOMIZED_PRIORITY_LEAST_USED_DEGRADATION -> fraction(p.load(), p.loadDegradation(), e.degradation);
      default -> throw new IllegalStateException(this + " is not a value-tree policy");
    };
  }

  /** rsplib getSum: a + b + c, clamped to 0..0xffffffff. */
  private static long sum(long a, long b, long c) {
    return Math.min(a + b + c, MAX);
  }

  /** rsplib getValueFraction: 0xffffffff - a - b - c, clamped to 1..0xffffffff (0 would never be drawn). */
  private static long fraction(long a, long b, long c) {
    long v = MAX - a - b - c;
    return v < 1 ? 1 : Math.min(v, MAX);
  }

  /**
   * The DPF sort value: rint(base + Distance × (LoadDPF / 0xffffffff) × 0xffffffff), clamped, in
   * double arithmetic exactly as rsplib computes it (Java and C doubles are both IEEE 754 binary64).
   * The load penalty per millisecond of distance is LoadDPF as a fraction.
   */
  private static long dpf(double base, SelectionPolicy p) {
    double penalty = (double) p.distance() * ((double) p.loadDpf() / (double) MAX);
    double v = Math.rint(base + penalty * (double) MAX);
    return v >= MAX ? MAX : (long) v;
  }
}
