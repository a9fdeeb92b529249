package org.rserpool.emulator.pooluser;

import com.typesafe.config.Config;
import java.time.Duration;
import org.rserpool.emulator.asapclient.AsapClientSettings;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.config.Profiles;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.random.Distribution;

/**
 * Pool user parameters ({@code rserpool.pool-user} in reference.conf): the ASAP request timers from
 * rsplib, the CalcApp queuing client, its session parameters and its workload from RSPSIM's tool-chain.
 *
 * @param jobSize calculations per job (mean and shape; RSPSIM serviceJobSize, exponential)
 * @param jobInterval emulated nanoseconds between job generations (RSPSIM serviceJobInterval, exponential:
 *     a Poisson arrival process)
 * @param jobCount jobs to generate, then stop (RSPSIM serviceJobCount); 0 = no limit
 * @param handleResolutionTimeout T1: how long to wait for a HANDLE_RESOLUTION_RESPONSE (rsplib 3 s, RSPSIM 5 s)
 * @param maxRequestAttempts handle resolutions sent to one registrar before hunting another (rsplib 1,
 *     RSPSIM asapMaxRequestRetransmit + 1 = 4)
 * @param serverHuntRetryDelay after a refused handle resolution, wait uniformly up to this long, then hunt
 * @param staleCacheValue how long a handle resolution result stays in the cache (RSPSIM asapStaleCacheValue)
 * @param handleResolutionItems the items of the Handle Resolution option each request carries, or 0 for
 *     a request without the option (then the registrar's MaxHandleResolutionItems applies)
 * @param jobRequestTimeout how long to wait for a pool element to accept or reject a job
 * @param sessionKeepAliveInterval period of CALCAPP_KEEP_ALIVEs to the pool element serving the job
 * @param sessionKeepAliveTimeout wait for the ack, then fail over
 * @param handleResolutionRetryDelay the wait after a resolution that found no pool element
 * @param jobRetryDelayMax after a reject, the retry comes after a uniform delay in [0, this]
 */
public record PoolUserSettings(
    PoolHandle poolHandle,
    Distribution jobSize,
    Distribution jobInterval,
    long jobCount,
    Duration handleResolutionTimeout,
    int maxRequestAttempts,
    Duration serverHuntRetryDelay,
    Duration staleCacheValue,
    long handleResolutionItems,
    Duration jobRequestTimeout,
    Duration sessionKeepAliveInterval,
    Duration sessionKeepAliveTimeout,
    Duration handleResolutionRetryDelay,
    Duration jobRetryDelayMax,
    int asapPort,
    int servicePort,
    AsapClientSettings asapClient) {

  public static PoolUserSettings fromConfig(Config config) {
    Config c = Profiles.apply(config).getConfig("rserpool.pool-user");
    String path = "rserpool.pool-user.";
    double size = ConfigChecks.positive(c.getDouble("job-size"), path + "job-size");
    Duration interval = ConfigChecks.positive(c.getDuration("job-interval"), path + "job-interval");
    long count = c.getLong("job-count");
    if (count < 0) throw ConfigChecks.bad(path + "job-count", "must be 0 (no limit) or a number of jobs, got " + count);
    Duration stale = ConfigChecks.nonNegative(c.getDuration("stale-cache-value"), path + "stale-cache-value");
    return new PoolUserSettings(
        ConfigChecks.poolHandle(c.getString("pool-handle"), path + "pool-handle"),
        ConfigChecks.distribution(c.getString("job-size-distribution"), size, path + "job-size-distribution"),
        ConfigChecks.distribution(c.getString("job-interval-distribution"), interval.toNanos(), path + "job-interval-distribution"),
        count,
        ConfigChecks.positive(c.getDuration("handle-resolution-timeout"), path + "handle-resolution-timeout"),
        ConfigChecks.atLeast(c.getInt("max-request-attempts"), 1, path + "max-request-attempts"),
        ConfigChecks.nonNegative(c.getDuration("server-hunt-retry-delay"), path + "server-hunt-retry-delay"),
        stale,
        handleResolutionItems(c.getString("handle-resolution-items"), stale, path + "handle-resolution-items"),
        ConfigChecks.positive(c.getDuration("job-request-timeout"), path + "job-request-timeout"),
        ConfigChecks.positive(c.getDuration("session-keep-alive-interval"), path + "session-keep-alive-interval"),
        ConfigChecks.positive(c.getDuration("session-keep-alive-timeout"), path + "session-keep-alive-timeout"),
        ConfigChecks.nonNegative(c.getDuration("handle-resolution-retry-delay"), path + "handle-resolution-retry-delay"),
        ConfigChecks.nonNegative(c.getDuration("job-retry-delay-max"), path + "job-retry-delay-max"),
        ConfigChecks.port(c.getInt("asap-port"), path + "asap-port"),
        ConfigChecks.port(c.getInt("service-port"), path + "service-port"),
        AsapClientSettings.fromConfig(config));
  }

  /**
   * rsplib's choice (asapinstance.c, asapInstanceHandleResolutionAtRegistrar): without a cache it asks
   * for exactly the pool element it will use, so the registrar's policy makes the selection; with a
   * cache it leaves the number to the registrar.
   */
  static long handleResolutionItems(String value, Duration staleCacheValue, String key) {
    String v = value.trim();
    if (v.equals("auto")) return staleCacheValue.isZero() ? 1 : 0;
    if (v.equals("none")) return 0;
    try {
      long n = Long.parseLong(v);
      if (n >= 1 && n <= HandleResolutionOption.AS_MANY_AS_POSSIBLE) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigChecks.bad(key, "must be auto, none or a number of pool elements 1..4294967295, got '" + value + "'");
  }
}
