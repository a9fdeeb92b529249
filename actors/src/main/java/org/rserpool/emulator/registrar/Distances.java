package org.rserpool.emulator.registrar;

import java.time.Duration;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;

/**
 * The distance of the distance-sensitive policies (draft-dreibholz-rserpool-delay; RFC 5356 leaves
 * delay-aware selection to extensions), set by the registrar as rsplib's registrarUpdateDistance does:
 * a pool element registering here is at half the round-trip time of its association, rounded to the
 * nearest DistanceStep (rsplib registrarRoundDistance); a pool element learnt from a peer (ADD_PE,
 * handle table entry) is further by this registrar's distance to that peer, added to the distance the
 * peer sent. The distance the pool element itself sent is overwritten (rsplib ignores it too).
 *
 * <p>rsplib does this for LU-DPF, LUD-DPF and WRAND-DPF only; its PLU-DPF and PLUD-DPF (which its
 * wire codec cannot carry) keep the distance they came with. So does every policy without a distance.
 */
final class Distances {
  private Distances() {}

  /** rsplib registrarUpdateDistance's policy test. */
  static boolean measured(PolicyType type) {
    return type == PolicyType.LEAST_USED_DPF || type == PolicyType.LEAST_USED_DEGRADATION_DPF || type == PolicyType.WEIGHTED_RANDOM_DPF;
  }

  /**
   * rsplib: registrarRoundDistance(spinfo_srtt / 2, DistanceStep), the SRTT in whole milliseconds
   * (integer halving), then rint(distance / step) × step.
   */
  static long of(long roundTripNanos, Duration step) {
    long srttMillis = roundTripNanos / 1_000_000L;
    long stepMillis = step.toMillis();
    return (long) Math.rint((double) (srttMillis / 2) / stepMillis) * stepMillis;
  }

  /** A pool element registering with this registrar: its distance is the measured one. */
  static PoolElementParameter set(PoolElementParameter pe, long distance) {
    if (!measured(pe.policy().type())) return pe;
    return pe.withPolicy(pe.policy().withDistance(clamp(distance)));
  }

  /** A pool element from a peer: its distance there plus this registrar's distance to the peer. */
  static PoolElementParameter add(PoolElementParameter pe, long distance) {
    if (!measured(pe.policy().type())) return pe;
    return pe.withPolicy(pe.policy().withDistance(clamp(pe.policy().distance() + distance)));
  }

  /** The wire field is 32 bits (rsplib's unsigned int); saturate rather than wrap. */
  private static long clamp(long distance) {
    return Math.min(distance, 0xffffffffL);
  }
}
