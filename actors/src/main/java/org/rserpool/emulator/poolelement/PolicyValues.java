package org.rserpool.emulator.poolelement;

import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PolicyValue;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * A pool element's member selection policy values, derived as RSPSIM's CalcApp server derives them
 * (calcappserverprocess.cc, initialize and scheduleJobs):
 *
 * <ul>
 *   <li>weight: as configured, or automatically the capacity, for WeightedRoundRobin capacity / 100,000
 *       (at least 1); stored as rint(value);
 *   <li>load degradation: as configured, or automatically 1 / MaxJobs (one job's worth of load);
 *   <li>load and weight distance penalty factors: as configured, fractions in [0, 1];
 *   <li>load: jobs / MaxJobs for adaptive policies (rsplib PPT_IS_ADAPTIVE), always 0 for the others;
 *       distance 0 (the registrar measures it).
 * </ul>
 *
 * Fractions are encoded as rint(fraction × 0xffffffff), capped (RFC 5356 §3.1). Values the policy type
 * does not carry are 0, as the wire format has no place for them.
 *
 * @param weight the weight (priority for the Priority policy), unsigned 32 bits
 * @param loadDegradation encoded fraction
 * @param loadDpf encoded fraction (load penalty per millisecond of distance)
 * @param weightDpf encoded fraction (weight penalty per millisecond of distance)
 */
public record PolicyValues(PolicyType type, long weight, long loadDegradation, long loadDpf, long weightDpf) {
  /** The setting that asks for RSPSIM's automatic weight or load degradation. */
  public static final double AUTOMATIC = -1;
  private static final long MAX = SelectionPolicy.MAX_VALUE;

  public PolicyValues {
    if (type == null) throw new IllegalArgumentException("policy type is required");
  }

  /**
   * @param capacity calculations per second
   * @param maxJobs jobs served at once (at least 1)
   * @param weight the configured weight, or {@link #AUTOMATIC} (any negative value)
   * @param loadDegradation the configured fraction in [0, 1], or {@link #AUTOMATIC} (any negative value)
   * @param loadDpf fraction in [0, 1]
   * @param weightDpf fraction in [0, 1]
   * @throws IllegalArgumentException for values out of range, naming the value
   */
  public static PolicyValues derive(
      PolicyType type, double capacity, int maxJobs, double weight, double loadDegradation, double loadDpf, double weightDpf) {
    if (!(capacity >= 1)) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    if (maxJobs < 1) throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
    double w = weight;
    if (w < 0) {
      w = capacity;
      if (type == PolicyType.WEIGHTED_ROUND_ROBIN) w = Math.max(1.0, w / 100_000);
    }
    long encodedWeight = Math.round(Math.rint(w));
    if (encodedWeight > MAX) {
      throw new IllegalArgumentException("weight must be at most " + MAX + ", got " + w + (weight < 0 ? " (the capacity)" : ""));
    }
    double degradation = loadDegradation < 0 ? 1.0 / maxJobs : loadDegradation;
    if (degradation > 1) throw new IllegalArgumentException("load degradation must be in [0, 1], got " + loadDegradation);
    return new PolicyValues(type, encodedWeight, SelectionPolicy.fraction(degradation),
        SelectionPolicy.fraction(checkFraction(loadDpf, "load DPF")), SelectionPolicy.fraction(checkFraction(weightDpf, "weight DPF")));
  }

  private static double checkFraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    return value;
  }

  /**
   * The policy parameter to register with while {@code jobs} of {@code maxJobs} are in service: load
   * rint(jobs / maxJobs × 0xffffffff), capped, for adaptive policies; 0 otherwise.
   */
  public SelectionPolicy policy(int jobs, int maxJobs) {
    long load = type.adaptive() ? SelectionPolicy.fraction(Math.min(1.0, (double) jobs / maxJobs)) : 0;
    long[] words = new long[type.valueWords().size()];
    for (int i = 0; i < words.length; i++) {
      PolicyValue v = type.valueWords().get(i);
      words[i] = switch (v) {
        case WEIGHT -> weight;
        case LOAD -> load;
        case LOAD_DEGRADATION -> loadDegradation;
        case LOAD_DPF -> loadDpf;
        case WEIGHT_DPF -> weightDpf;
        case DISTANCE -> 0;
      };
    }
    return SelectionPolicy.fromWords(type, words);
  }
}
