package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/** RSPSIM's derivation of a pool element's policy values (calcappserverprocess.cc). */
class PolicyValuesTest {
  static final double AUTO = PolicyValues.AUTOMATIC;

  static long f(double fraction) {
    return SelectionPolicy.fraction(fraction);
  }

  @Test
  void automaticWeightIsTheCapacityAndForWeightedRoundRobinCapacityOver100000AtLeastOne() {
    assertEquals(1_000_000, PolicyValues.derive(PolicyType.WEIGHTED_RANDOM, 1e6, 100, AUTO, AUTO, 0, 0).weight());
    assertEquals(10, PolicyValues.derive(PolicyType.WEIGHTED_ROUND_ROBIN, 1e6, 100, AUTO, AUTO, 0, 0).weight());
    assertEquals(2, PolicyValues.derive(PolicyType.WEIGHTED_ROUND_ROBIN, 1.5e5, 15, AUTO, AUTO, 0, 0).weight(), "rint(1.5)");
    assertEquals(1, PolicyValues.derive(PolicyType.WEIGHTED_ROUND_ROBIN, 5e4, 5, AUTO, AUTO, 0, 0).weight());
    assertEquals(7, PolicyValues.derive(PolicyType.PRIORITY, 1e6, 100, 7, AUTO, 0, 0).weight());
    assertThrows(IllegalArgumentException.class, () -> PolicyValues.derive(PolicyType.WEIGHTED_RANDOM, 5e9, 100, AUTO, AUTO, 0, 0));
  }

  @Test
  void automaticLoadDegradationIsOneJobsWorthOfLoad() {
    assertEquals(f(0.01), PolicyValues.derive(PolicyType.LEAST_USED_DEGRADATION, 1e6, 100, AUTO, AUTO, 0, 0).loadDegradation());
    assertEquals(42_949_673, PolicyValues.derive(PolicyType.LEAST_USED_DEGRADATION, 1e6, 100, AUTO, AUTO, 0, 0).loadDegradation());
    assertEquals(f(0.25), PolicyValues.derive(PolicyType.LEAST_USED_DEGRADATION, 1e6, 100, AUTO, 0.25, 0, 0).loadDegradation());
    assertEquals(42_950, PolicyValues.derive(PolicyType.LEAST_USED_DPF, 1e6, 100, AUTO, AUTO, 0.00001, 0).loadDpf());
    assertThrows(IllegalArgumentException.class, () -> PolicyValues.derive(PolicyType.LEAST_USED_DPF, 1e6, 100, AUTO, AUTO, 1.5, 0));
  }

  /** The registered parameter carries only the policy's value words; the load only for adaptive policies. */
  @Test
  void thePolicyParameterCarriesTheLoadOfAdaptivePoliciesOnly() {
    PolicyValues lu = PolicyValues.derive(PolicyType.LEAST_USED, 1e6, 100, AUTO, AUTO, 0, 0);
    assertEquals(new SelectionPolicy(PolicyType.LEAST_USED, 0, 0, 0, 0, 0, 0), lu.policy(0, 100));
    assertEquals(f(0.25), lu.policy(25, 100).load());
    assertEquals(SelectionPolicy.MAX_VALUE, lu.policy(120, 100).load());
    PolicyValues lud = PolicyValues.derive(PolicyType.LEAST_USED_DEGRADATION, 1e6, 4, AUTO, AUTO, 0, 0);
    assertEquals(new SelectionPolicy(PolicyType.LEAST_USED_DEGRADATION, 0, f(0.5), f(0.25), 0, 0, 0), lud.policy(2, 4));
    PolicyValues wrr = PolicyValues.derive(PolicyType.WEIGHTED_ROUND_ROBIN, 1e6, 100, AUTO, AUTO, 0, 0);
    assertEquals(new SelectionPolicy(PolicyType.WEIGHTED_ROUND_ROBIN, 10, 0, 0, 0, 0, 0), wrr.policy(50, 100));
    PolicyValues wrandDpf = PolicyValues.derive(PolicyType.WEIGHTED_RANDOM_DPF, 1e6, 100, AUTO, AUTO, 0, 0.005);
    assertEquals(new SelectionPolicy(PolicyType.WEIGHTED_RANDOM_DPF, 1_000_000, 0, 0, 0, f(0.005), 0), wrandDpf.policy(3, 100));
    assertEquals(SelectionPolicy.of(PolicyType.ROUND_ROBIN), PolicyValues.derive(PolicyType.ROUND_ROBIN, 1e6, 100, AUTO, AUTO, 0, 0).policy(9, 100));
  }

  @Test
  void settingsReadThePolicyKeys() {
    PoolElementSettings s = PoolElementSettings.fromConfig(ConfigFactory.parseString(
        "rserpool.pool-element { policy = LeastUsedDegradation, policy-load-degradation = 0.2, capacity = 2e6 }")
        .withFallback(ConfigFactory.defaultReference()));
    assertEquals(f(0.2), s.policyValues().loadDegradation());
    assertEquals(2_000_000, s.policyValues().weight());
    PoolElementSettings defaults = PoolElementSettings.fromConfig(ConfigFactory.defaultReference());
    assertEquals(f(0.01), defaults.policyValues().loadDegradation(), "1 / MaxJobs with MaxJobs 100");
  }

  @Test
  void badPolicySettingsNameTheirKey() {
    for (String bad : new String[] {"policy-load-degradation = 1.5", "policy-load-dpf = -0.1", "policy-weight-dpf = 2", "policy-weight = -3",
        "policy-weight = 5e9"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> PoolElementSettings.fromConfig(
          ConfigFactory.parseString("rserpool.pool-element." + bad).withFallback(ConfigFactory.defaultReference())));
      String key = bad.substring(0, bad.indexOf(' '));
      assertTrue(e.getMessage().contains("rserpool.pool-element." + key), e.getMessage());
    }
  }
}
