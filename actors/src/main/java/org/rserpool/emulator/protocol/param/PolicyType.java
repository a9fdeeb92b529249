package org.rserpool.emulator.protocol.param;

import static org.rserpool.emulator.protocol.param.PolicyValue.DISTANCE;
import static org.rserpool.emulator.protocol.param.PolicyValue.LOAD;
import static org.rserpool.emulator.protocol.param.PolicyValue.LOAD_DEGRADATION;
import static org.rserpool.emulator.protocol.param.PolicyValue.LOAD_DPF;
import static org.rserpool.emulator.protocol.param.PolicyValue.WEIGHT;
import static org.rserpool.emulator.protocol.param.PolicyValue.WEIGHT_DPF;

import java.util.List;
import java.util.Locale;

/**
 * Pool member selection policies: the RFC 5356 types and rsplib's extensions, with their type codes,
 * the value words that follow the type word on the wire, and the names RSPSIM uses in its scenarios.
 */
public enum PolicyType {
  ROUND_ROBIN(0x00000001, "RoundRobin", false),
  WEIGHTED_ROUND_ROBIN(0x00000002, "WeightedRoundRobin", false, WEIGHT),
  RANDOM(0x00000003, "Random", false),
  WEIGHTED_RANDOM(0x00000004, "WeightedRandom", false, WEIGHT),
  PRIORITY(0x00000005, "Priority", false, WEIGHT),
  LEAST_USED(0x40000001, "LeastUsed", true, LOAD),
  LEAST_USED_DEGRADATION(0x40000002, "LeastUsedDegradation", true, LOAD, LOAD_DEGRADATION),
  PRIORITY_LEAST_USED(0x40000003, "PriorityLeastUsed", true, LOAD, LOAD_DEGRADATION),
  RANDOMIZED_LEAST_USED(0x40000004, "RandomizedLeastUsed", true, LOAD),
  RANDOMIZED_PRIORITY_LEAST_USED(0xb0001001, "RandomizedPriorityLeastUsed", true, LOAD, LOAD_DEGRADATION),
  RANDOMIZED_LEAST_USED_DEGRADATION(0xb0001002, "RandomizedLeastUsedDegradation", true, LOAD, LOAD_DEGRADATION),
  PRIORITY_LEAST_USED_DEGRADATION(0xb0001003, "PriorityLeastUsedDegradation", true, LOAD, LOAD_DEGRADATION),
  RANDOMIZED_PRIORITY_LEAST_USED_DEGRADATION(0xb0001004, "RandomizedPriorityLeastUsedDegradation", true, LOAD, LOAD_DEGRADATION),
  WEIGHTED_RANDOM_DPF(0xb0002001, "WeightedRandomDPF", false, WEIGHT, WEIGHT_DPF, DISTANCE),
  LEAST_USED_DPF(0xb0002002, "LeastUsedDPF", true, LOAD, LOAD_DPF, DISTANCE),
  LEAST_USED_DEGRADATION_DPF(0xb0002003, "LeastUsedDegradationDPF", true, LOAD, LOAD_DEGRADATION, LOAD_DPF, DISTANCE),
  // rsplib selects by these two but its codec can neither write nor read them; the value layout here
  // follows LUD-DPF's (load, load degradation, load DPF, distance).
  PRIORITY_LEAST_USED_DPF(0xb0002004, "PriorityLeastUsedDPF", true, LOAD, LOAD_DEGRADATION, LOAD_DPF, DISTANCE),
  PRIORITY_LEAST_USED_DEGRADATION_DPF(0xb0002005, "PriorityLeastUsedDegradationDPF", true, LOAD, LOAD_DEGRADATION, LOAD_DPF, DISTANCE);

  private final int code;
  private final String rspsimName;
  private final boolean adaptive;
  private final List<PolicyValue> valueWords;

  PolicyType(int code, String rspsimName, boolean adaptive, PolicyValue... values) {
    this.code = code;
    this.rspsimName = rspsimName;
    this.adaptive = adaptive;
    this.valueWords = List.of(values);
  }

  /** The 32-bit type code on the wire. */
  public int code() {
    return code;
  }

  /** The name RSPSIM's {@code selectionPolicy} parameter uses, e.g. {@code LeastUsed}. */
  public String rspsimName() {
    return rspsimName;
  }

  /** Whether a pool element re-registers when its load changes (rsplib's PPT_IS_ADAPTIVE). */
  public boolean adaptive() {
    return adaptive;
  }

  /** The value words after the type word, in wire order. */
  public List<PolicyValue> valueWords() {
    return valueWords;
  }

  public boolean uses(PolicyValue value) {
    return valueWords.contains(value);
  }

  /** The policy for a wire code, or {@code null} when the code is unknown. */
  public static PolicyType fromCode(int code) {
    for (PolicyType t : values()) {
      if (t.code == code) return t;
    }
    return null;
  }

  /**
   * Looks a policy up by RSPSIM name ({@code LeastUsed}), enum name ({@code LEAST_USED}) or kebab case
   * ({@code least-used}), ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static PolicyType fromName(String name) {
    String n = name.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    for (PolicyType t : values()) {
      if (t.rspsimName.toLowerCase(Locale.ROOT).equals(n)) return t;
    }
    StringBuilder known = new StringBuilder();
    for (PolicyType t : values()) known.append(known.isEmpty() ? "" : ", ").append(t.rspsimName);
    throw new IllegalArgumentException("unknown pool policy '" + name + "'; known: " + known);
  }

  @Override
  public String toString() {
    return rspsimName;
  }
}
