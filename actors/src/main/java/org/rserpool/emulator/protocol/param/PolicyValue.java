package org.rserpool.emulator.protocol.param;

/**
 * The 32-bit value words a Pool Member Selection Policy parameter can carry after its type word
 * (RFC 5356 §4-§5, rsplib rserpool-policytypes.h). Loads, degradations and distance penalty factors
 * are fractions scaled to 0..0xffffffff (RFC 5356 §3.1); distance is in milliseconds.
 */
public enum PolicyValue {
  /** Weight; Priority for the Priority policy, which rsplib also stores in its weight field. */
  WEIGHT,
  LOAD,
  LOAD_DEGRADATION,
  LOAD_DPF,
  WEIGHT_DPF,
  DISTANCE
}
