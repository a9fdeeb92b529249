package org.rserpool.emulator.protocol.param;

/**
 * Pool Member Selection Policy parameter (RFC 5354 §3.8, type 0x8): a policy type and its value words.
 * All values are unsigned 32-bit quantities held in a {@code long}; a value the type does not carry
 * must be 0, so that two equal wire encodings are always equal records.
 */
public record SelectionPolicy(
    PolicyType type, long weight, long load, long loadDegradation, long loadDpf, long weightDpf, long distance) {
  public static final int TYPE = 0x0008;
  /** The encoding of 100 % for loads, degradations and DPFs (RFC 5356 §3.1). */
  public static final long MAX_VALUE = 0xffffffffL;
  private static final int VALUE_KINDS = PolicyValue.values().length;

  public SelectionPolicy {
    if (type == null) throw new IllegalArgumentException("policy type is required");
    check(type, PolicyValue.WEIGHT, weight);
    check(type, PolicyValue.LOAD, load);
    check(type, PolicyValue.LOAD_DEGRADATION, loadDegradation);
    check(type, PolicyValue.LOAD_DPF, loadDpf);
    check(type, PolicyValue.WEIGHT_DPF, weightDpf);
    check(type, PolicyValue.DISTANCE, distance);
  }

  private static void check(PolicyType type, PolicyValue field, long value) {
    if (value < 0 || value > MAX_VALUE) {
      throw new IllegalArgumentException(field + " is an unsigned 32-bit value, got " + value);
    }
    if (value != 0 && !type.uses(field)) {
      throw new IllegalArgumentException(type + " carries no " + field + " value, got " + value);
    }
  }

  /** A policy of the given type with every value 0. */
  public static SelectionPolicy of(PolicyType type) {
    return new SelectionPolicy(type, 0, 0, 0, 0, 0, 0);
  }

  /** A policy built from the value words in wire order (as many as {@code type.valueWords()} lists). */
  public static SelectionPolicy fromWords(PolicyType type, long... words) {
    if (words.length != type.valueWords().size()) {
      throw new IllegalArgumentException(type + " has " + type.valueWords().size() + " value words, got " + words.length);
    }
    // Indexed by PolicyValue ordinal; no map: the codec builds one policy per pool element it decodes.
    long[] v = new long[VALUE_KINDS];
    for (int i = 0; i < words.length; i++) v[type.valueWords().get(i).ordinal()] = words[i];
    return new SelectionPolicy(type,
        v[PolicyValue.WEIGHT.ordinal()], v[PolicyValue.LOAD.ordinal()], v[PolicyValue.LOAD_DEGRADATION.ordinal()],
        v[PolicyValue.LOAD_DPF.ordinal()], v[PolicyValue.WEIGHT_DPF.ordinal()], v[PolicyValue.DISTANCE.ordinal()]);
  }

  /** The value words in wire order. */
  public long[] words() {
    long[] w = new long[type.valueWords().size()];
    for (int i = 0; i < w.length; i++) w[i] = value(type.valueWords().get(i));
    return w;
  }

  public long value(PolicyValue field) {
    return switch (field) {
      case WEIGHT -> weight;
      case LOAD -> load;
      case LOAD_DEGRADATION -> loadDegradation;
      case LOAD_DPF -> loadDpf;
      case WEIGHT_DPF -> weightDpf;
      case DISTANCE -> distance;
    };
  }

  /** The same policy with a new load (for adaptive policies; 0 stays 0 for the others). */
  public SelectionPolicy withLoad(long newLoad) {
    return new SelectionPolicy(type, weight, newLoad, loadDegradation, loadDpf, weightDpf, distance);
  }

  /** The same policy with a new distance in ms (for the DPF policies). */
  public SelectionPolicy withDistance(long newDistance) {
    return new SelectionPolicy(type, weight, load, loadDegradation, loadDpf, weightDpf, newDistance);
  }

  /** Encodes a fraction in [0, 1] as RFC 5356 does: rint(fraction × 0xffffffff). */
  public static long fraction(double fraction) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) throw new IllegalArgumentException("fraction outside [0, 1]: " + fraction);
    return Math.min(MAX_VALUE, Math.round(Math.rint(fraction * MAX_VALUE)));
  }

  /** Decodes an RFC 5356 fraction. */
  public static double toFraction(long value) {
    return value / (double) MAX_VALUE;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(type.rspsimName());
    for (PolicyValue v : type.valueWords()) s.append(' ').append(v.name().toLowerCase()).append('=').append(value(v));
    return s.toString();
  }
}
