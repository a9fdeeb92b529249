package org.rserpool.emulator.attacker;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;
import org.rserpool.emulator.asapclient.AsapClientSettings;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.poolelement.PolicyValues;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.random.Distribution;

/**
 * Attacker parameters ({@code rserpool.attacker} in reference.conf), RSPSIM's attacker model
 * (attackerprocess.cc; rspsim-model.md §1.8) with its tool-chain defaults.
 *
 * @param interval emulated nanoseconds between attacks (RSPSIM attackInterval)
 * @param fakePolicy the policy the fake pool elements of a registration attack register with: the
 *     configured type, weight and load degradation, load 0
 * @param reportUnreachableProbability probability to report the pool elements of a handle resolution
 *     answer as unreachable
 * @param randomizeIdentifier a new identifier for every fake registration (else one fake pool element)
 * @param answerKeepAlives ack the registrar's endpoint keep-alives, so fake pool elements stay registered
 */
public record AttackerSettings(
    Type type,
    Distribution interval,
    PoolHandle poolHandle,
    SelectionPolicy fakePolicy,
    double reportUnreachableProbability,
    boolean randomizeIdentifier,
    boolean answerKeepAlives,
    int port,
    AsapClientSettings asapClient) {

  /** RSPSIM attackType. */
  public enum Type {
    NONE("none"),
    HANDLE_RESOLUTION("handle-resolution"),
    REGISTRATION("registration");

    private final String key;

    Type(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** The {@code policy} value that takes the pool elements' policy (RSPSIM: attackTargetPolicy = selectionPolicy). */
  public static final String AS_POOL_ELEMENTS = "as-pool-elements";

  public static AttackerSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.attacker");
    String path = "rserpool.attacker.";
    Type type = null;
    String typeText = c.getString("type").trim().toLowerCase(Locale.ROOT);
    for (Type t : Type.values()) {
      if (t.key.equals(typeText)) type = t;
    }
    if (type == null) throw ConfigChecks.bad(path + "type", "must be none, handle-resolution or registration, got '" + c.getString("type") + "'");
    Duration interval = ConfigChecks.positive(c.getDuration("interval"), path + "interval");
    String policyName = c.getString("policy");
    PolicyType policy;
    try {
      policy = PolicyType.fromName(policyName.equals(AS_POOL_ELEMENTS) ? config.getString("rserpool.pool-element.policy") : policyName);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path + "policy", e.getMessage() + " (or \"" + AS_POOL_ELEMENTS + "\")");
    }
    double degradation = ConfigChecks.inRange(c.getDouble("load-degradation"), 0, 1, path + "load-degradation");
    double weight = c.getDouble("weight");
    if (!(weight >= 1 && weight <= SelectionPolicy.MAX_VALUE)) {
      throw ConfigChecks.bad(path + "weight", "must be in 1..4294967295 (RSPSIM refuses 0), got " + weight);
    }
    return new AttackerSettings(
        type,
        ConfigChecks.distribution(c.getString("interval-distribution"), interval.toNanos(), path + "interval-distribution"),
        ConfigChecks.poolHandle(c.getString("pool-handle"), path + "pool-handle"),
        new PolicyValues(policy, Math.round(weight), SelectionPolicy.fraction(degradation), 0, 0).policy(0, 1),
        ConfigChecks.inRange(c.getDouble("report-unreachable-probability"), 0, 1, path + "report-unreachable-probability"),
        c.getBoolean("randomize-identifier"),
        c.getBoolean("answer-keep-alives"),
        ConfigChecks.port(c.getInt("port"), path + "port"),
        AsapClientSettings.fromConfig(config));
  }
}
