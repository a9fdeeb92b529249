package org.rserpool.emulator.poolelement;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import org.rserpool.emulator.asapclient.AsapClientSettings;
import org.rserpool.emulator.config.Profiles;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.random.Distribution;

/**
 * Pool element parameters ({@code rserpool.pool-element} in reference.conf): the ASAP client side
 * with rsplib's timers, the CalcApp service and its session parameters from RSPSIM's tool-chain.
 *
 * @param capacity calculations per second (RSPSIM serviceCapacity)
 * @param maxJobs jobs served at once; more are rejected (RSPSIM serviceMaxJobs, or rint(capacity / serviceMinCapacityPerJob))
 * @param policyValues the policy values it registers with, derived as RSPSIM does
 * @param policyUpdateThreshold the load change (fraction) beyond which an adaptive policy's load is re-registered
 * @param reregisterOnLoadChange re-register at once on such a change; otherwise with the next periodic re-registration
 * @param rejectProbability probability to reject a job it could take (RSPSIM serviceRejectProbability)
 * @param cookieMaxCalculations at most this many calculations of a job between two cookies
 * @param cookieMaxTime at most this long between two cookies of a job
 * @param sessionKeepAliveInterval period of CALCAPP_KEEP_ALIVEs per job
 * @param sessionKeepAliveTimeout wait for CALCAPP_KEEP_ALIVE_ACK, then abort the orphaned job
 * @param registrationTimeout T2 and T3: wait for a (de)registration response
 * @param maxRegistrationAttempts (de)registration attempts at one registrar before hunting another
 * @param serverHuntRetryDelay after a refused registration, wait uniformly up to this long, then hunt
 * @param serverHuntBackoff wait before a hunt after unanswered registrations, doubled per such hunt (0 = none)
 * @param serverHuntBackoffMax the cap of that wait (RFC 5352 RETRAN-MAX)
 * @param lifecycle failures and restarts (RSPSIM's component up- and downtimes)
 * @param derivation the configured values from which {@code maxJobs} and {@code policyValues} follow the capacity
 */
public record PoolElementSettings(
    PoolHandle poolHandle,
    PolicyType policy,
    PolicyValues policyValues,
    double policyUpdateThreshold,
    boolean reregisterOnLoadChange,
    double capacity,
    int maxJobs,
    double rejectProbability,
    double cookieMaxCalculations,
    Duration cookieMaxTime,
    Duration sessionKeepAliveInterval,
    Duration sessionKeepAliveTimeout,
    Duration reregistrationInterval,
    Duration registrationLife,
    Duration registrationTimeout,
    int maxRegistrationAttempts,
    Duration serverHuntRetryDelay,
    Duration serverHuntBackoff,
    Duration serverHuntBackoffMax,
    int asapPort,
    int servicePort,
    Lifecycle lifecycle,
    AsapClientSettings asapClient,
    Derivation derivation) {

  /**
   * What the capacity-dependent settings are derived from, as configured: max-jobs (0 = automatic),
   * min-capacity-per-job, the policy weight and load degradation ({@link PolicyValues#AUTOMATIC} or a
   * value) and the distance penalty factors. Kept so a pool element of another capacity (RSPSIM's
   * heterogeneous pools) derives its own MaxJobs and weight exactly as RSPSIM's CalcApp server does.
   */
  public record Derivation(int maxJobs, double minCapacityPerJob, double weight, double loadDegradation, double loadDpf, double weightDpf) {}

  /**
   * RSPSIM's component life cycle of a CalcApp server: up for a drawn uptime after its first accepted
   * registration, then a clean shutdown (probability {@code cleanShutdownProbability}) or a crash, down
   * for a drawn downtime, then up again as a new pool element (new identifier).
   *
   * @param uptime the uptime distribution, or {@code null}: no failures
   */
  public record Lifecycle(Distribution uptime, Distribution downtime, double cleanShutdownProbability) {
    public static final Lifecycle NEVER_FAILS = new Lifecycle(null, Distribution.constant(0), 1.0);

    public boolean fails() {
      return uptime != null;
    }
  }

  public PoolElementSettings {
    if (policyValues.type() != policy) throw new IllegalArgumentException("policy values are for " + policyValues.type() + ", not " + policy);
    if (maxJobs < 1) throw new IllegalArgumentException("maxJobs must be at least 1");
  }

  public static PoolElementSettings fromConfig(Config config) {
    Config c = Profiles.apply(config).getConfig("rserpool.pool-element");
    String path = "rserpool.pool-element.";
    double capacity = ConfigChecks.positive(c.getDouble("capacity"), path + "capacity");
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
    int maxJobsSetting = c.getInt("max-jobs");
    if (maxJobsSetting < 0) {
      throw ConfigChecks.bad(path + "max-jobs", "must be 0 (derive from min-capacity-per-job) or at least 1, got " + maxJobsSetting);
    }
    Derivation derivation = new Derivation(maxJobsSetting,
        maxJobsSetting > 0 ? 0 : ConfigChecks.positive(c.getDouble("min-capacity-per-job"), path + "min-capacity-per-job"),
        c.getDouble("policy-weight"), c.getDouble("policy-load-degradation"), c.getDouble("policy-load-dpf"), c.getDouble("policy-weight-dpf"));
    int maxJobs = maxJobs(derivation, capacity);
    return new PoolElementSettings(
        ConfigChecks.poolHandle(c.getString("pool-handle"), path + "pool-handle"),
        policy,
        policyValues(derivation, path, policy, capacity, maxJobs),
        ConfigChecks.inRange(c.getDouble("policy-update-threshold"), 0, 1, path + "policy-update-threshold"),
        c.getBoolean("reregister-on-load-change"),
        capacity,
        maxJobs,
        ConfigChecks.inRange(c.getDouble("reject-probability"), 0, 1, path + "reject-probability"),
        ConfigChecks.positive(c.getDouble("cookie-max-calculations"), path + "cookie-max-calculations"),
        ConfigChecks.positive(c.getDuration("cookie-max-time"), path + "cookie-max-time"),
        ConfigChecks.positive(c.getDuration("session-keep-alive-interval"), path + "session-keep-alive-interval"),
        ConfigChecks.positive(c.getDuration("session-keep-alive-timeout"), path + "session-keep-alive-timeout"),
        ConfigChecks.positive(c.getDuration("reregistration-interval"), path + "reregistration-interval"),
        life,
        ConfigChecks.positive(c.getDuration("registration-timeout"), path + "registration-timeout"),
        ConfigChecks.atLeast(c.getInt("max-registration-attempts"), 1, path + "max-registration-attempts"),
        ConfigChecks.nonNegative(c.getDuration("server-hunt-retry-delay"), path + "server-hunt-retry-delay"),
        ConfigChecks.nonNegative(c.getDuration("server-hunt-backoff"), path + "server-hunt-backoff"),
        ConfigChecks.positive(c.getDuration("server-hunt-backoff-max"), path + "server-hunt-backoff-max"),
        ConfigChecks.port(c.getInt("asap-port"), path + "asap-port"),
        ConfigChecks.port(c.getInt("service-port"), path + "service-port"),
        lifecycle(c.getConfig("lifecycle"), path + "lifecycle."),
        AsapClientSettings.fromConfig(config),
        derivation);
  }

  /**
   * These settings for a pool element of another capacity (RSPSIM's heterogeneous pools, whose
   * CalcApp servers each derive their values from their own serviceCapacity): MaxJobs and the
   * automatic weight and load degradation follow it, everything else stays.
   *
   * @throws IllegalArgumentException when a value derived from it is out of range (e.g. a weight
   *     beyond 32 bits), naming it
   */
  public PoolElementSettings withCapacity(double newCapacity) {
    if (!(newCapacity > 0) || Double.isInfinite(newCapacity)) throw new IllegalArgumentException("capacity must be positive, got " + newCapacity);
    if (newCapacity == capacity) return this;
    int jobs = maxJobs(derivation, newCapacity);
    PolicyValues values = PolicyValues.derive(policy, Math.max(newCapacity, 1), jobs, derivation.weight(), derivation.loadDegradation(),
        derivation.loadDpf(), derivation.weightDpf());
    return new PoolElementSettings(poolHandle, policy, values, policyUpdateThreshold, reregisterOnLoadChange, newCapacity, jobs,
        rejectProbability, cookieMaxCalculations, cookieMaxTime, sessionKeepAliveInterval, sessionKeepAliveTimeout,
        reregistrationInterval, registrationLife, registrationTimeout, maxRegistrationAttempts, serverHuntRetryDelay,
        serverHuntBackoff, serverHuntBackoffMax, asapPort, servicePort, lifecycle, asapClient, derivation);
  }

  /**
   * RSPSIM: serviceMaxJobs if given, else rint(capacity / serviceMinCapacityPerJob), at least 1 (RSPSIM
   * raises the capacity to one job's worth when it is below min-capacity-per-job; RSPSIM refuses both
   * settings at once, the emulator lets max-jobs win).
   */
  private static int maxJobs(Derivation d, double capacity) {
    if (d.maxJobs() > 0) return d.maxJobs();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.rint(capacity / d.minCapacityPerJob())));
  }

  /** RSPSIM's selectionPolicy{Weight,LoadDegradation,LoadDPF,WeightDPF}; -1 = automatic for the first two. */
  private static PolicyValues policyValues(Derivation d, String path, PolicyType policy, double capacity, int maxJobs) {
    if (d.weight() < 0 && d.weight() != PolicyValues.AUTOMATIC) {
      throw ConfigChecks.bad(path + "policy-weight", "must be -1 (automatic) or 0..4294967295, got " + d.weight());
    }
    if (d.loadDegradation() != PolicyValues.AUTOMATIC) ConfigChecks.inRange(d.loadDegradation(), 0, 1, path + "policy-load-degradation");
    ConfigChecks.inRange(d.loadDpf(), 0, 1, path + "policy-load-dpf");
    ConfigChecks.inRange(d.weightDpf(), 0, 1, path + "policy-weight-dpf");
    try {
      return PolicyValues.derive(policy, Math.max(capacity, 1), maxJobs, d.weight(), d.loadDegradation(), d.loadDpf(), d.weightDpf());
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path + "policy-weight", e.getMessage());
    }
  }

  private static Lifecycle lifecycle(Config c, String path) {
    // The shape is checked even without failures, so a typo does not wait for the day they are switched on.
    Distribution uptime = ConfigChecks.distribution(c.getString("mtbf-distribution"), 1, path + "mtbf-distribution");
    if (c.getValue("mtbf").valueType() == ConfigValueType.STRING && "none".equals(c.getString("mtbf"))) {
      uptime = null;
    } else {
      Duration mtbf = ConfigChecks.positive(c.getDuration("mtbf"), path + "mtbf");
      uptime = new Distribution(uptime.shape(), mtbf.toNanos(), uptime.gamma());
    }
    Duration downtime = ConfigChecks.nonNegative(c.getDuration("downtime"), path + "downtime");
    return new Lifecycle(uptime,
        ConfigChecks.distribution(c.getString("downtime-distribution"), downtime.toNanos(), path + "downtime-distribution"),
        ConfigChecks.inRange(c.getDouble("clean-shutdown-probability"), 0, 1, path + "clean-shutdown-probability"));
  }

  /** The CalcApp server's part of these settings. */
  CalcAppService.Settings service() {
    return new CalcAppService.Settings(capacity, maxJobs, rejectProbability, cookieMaxCalculations, cookieMaxTime.toNanos(),
        sessionKeepAliveInterval.toNanos(), sessionKeepAliveTimeout.toNanos());
  }
}
