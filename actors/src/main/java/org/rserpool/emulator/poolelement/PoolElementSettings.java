package org.rserpool.emulator.poolelement;

import com.typesafe.config.Config;
import java.time.Duration;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * Pool element parameters ({@code rserpool.pool-element} in reference.conf): ASAP timers from rsplib,
 * the CalcApp service from RSPSIM's tool-chain.
 *
 * @param capacity calculations per second (RSPSIM serviceCapacity)
 * @param maxJobs jobs served at once; more are rejected (RSPSIM: rint(capacity / min-capacity-per-job))
 * @param policyValues the policy values it registers with, derived as RSPSIM does
 */
public record PoolElementSettings(
    PoolHandle poolHandle,
    PolicyType policy,
    double capacity,
    int maxJobs,
    Duration reregistrationInterval,
    Duration registrationLife,
    Duration registrationTimeout,
    int asapPort,
    int servicePort,
    PolicyValues policyValues) {

  public PoolElementSettings {
    if (policyValues.type() != policy) throw new IllegalArgumentException("policy values are for " + policyValues.type() + ", not " + policy);
  }

  public static PoolElementSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.pool-element");
    String path = "rserpool.pool-element.";
    double capacity = ConfigChecks.positive(c.getDouble("capacity"), path + "capacity");
    double minCapacityPerJob = ConfigChecks.positive(c.getDouble("min-capacity-per-job"), path + "min-capacity-per-job");
    PolicyType policy;
    try {
      policy = PolicyType.fromName(c.getString("policy"));
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path + "policy", e.getMessage());
    }
    Duration life = ConfigChecks.positive(c.getDuration("registration-life"), path + "registration-life");
    if (life.toMillis() > Integer.MAX_VALUE) {
      throw ConfigChecks.bad(path + "registration-life", "must fit 32 bits of milliseconds (about 24 days), got " + life);
    }
    // RSPSIM raises the capacity to one job's worth when it is below min-capacity-per-job: MaxJobs >= 1.
    int maxJobs = (int) Math.max(1, Math.rint(capacity / minCapacityPerJob));
    return new PoolElementSettings(
        ConfigChecks.poolHandle(c.getString("pool-handle"), path + "pool-handle"),
        policy,
        capacity,
        maxJobs,
        ConfigChecks.positive(c.getDuration("reregistration-interval"), path + "reregistration-interval"),
        life,
        ConfigChecks.positive(c.getDuration("registration-timeout"), path + "registration-timeout"),
        ConfigChecks.port(c.getInt("asap-port"), path + "asap-port"),
        ConfigChecks.port(c.getInt("service-port"), path + "service-port"),
        policyValues(c, path, policy, capacity, maxJobs));
  }

  /** RSPSIM's selectionPolicy{Weight,LoadDegradation,LoadDPF,WeightDPF}; -1 = automatic for the first two. */
  private static PolicyValues policyValues(Config c, String path, PolicyType policy, double capacity, int maxJobs) {
    double weight = c.getDouble("policy-weight");
    if (weight < 0 && weight != PolicyValues.AUTOMATIC) throw ConfigChecks.bad(path + "policy-weight", "must be -1 (automatic) or 0..4294967295, got " + weight);
    double degradation = c.getDouble("policy-load-degradation");
    if (degradation != PolicyValues.AUTOMATIC) ConfigChecks.inRange(degradation, 0, 1, path + "policy-load-degradation");
    double loadDpf = ConfigChecks.inRange(c.getDouble("policy-load-dpf"), 0, 1, path + "policy-load-dpf");
    double weightDpf = ConfigChecks.inRange(c.getDouble("policy-weight-dpf"), 0, 1, path + "policy-weight-dpf");
    try {
      return PolicyValues.derive(policy, Math.max(capacity, 1), maxJobs, weight, degradation, loadDpf, weightDpf);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path + "policy-weight", e.getMessage());
    }
  }
}
