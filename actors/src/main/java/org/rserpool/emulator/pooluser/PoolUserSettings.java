package org.rserpool.emulator.pooluser;

import com.typesafe.config.Config;
import java.time.Duration;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * Pool user parameters ({@code rserpool.pool-user} in reference.conf): the ASAP request timeout from
 * rsplib, the CalcApp client and its workload from RSPSIM's tool-chain.
 *
 * @param jobSize mean job size in calculations (jobs are exponentially distributed)
 * @param jobInterval mean time between job generations (exponential: a Poisson arrival process)
 * @param handleResolutionTimeout T1: how long to wait for a HANDLE_RESOLUTION_RESPONSE (rsplib 3 s)
 * @param jobRequestTimeout how long to wait for a pool element to accept or reject a job
 * @param handleResolutionRetryDelay the wait after a resolution that found no pool element
 * @param jobRetryDelayMax after a reject, the retry comes after a uniform delay in [0, this]
 */
public record PoolUserSettings(
    PoolHandle poolHandle,
    double jobSize,
    Duration jobInterval,
    Duration handleResolutionTimeout,
    Duration jobRequestTimeout,
    Duration handleResolutionRetryDelay,
    Duration jobRetryDelayMax,
    int asapPort,
    int servicePort) {

  public static PoolUserSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.pool-user");
    String path = "rserpool.pool-user.";
    return new PoolUserSettings(
        ConfigChecks.poolHandle(c.getString("pool-handle"), path + "pool-handle"),
        ConfigChecks.positive(c.getDouble("job-size"), path + "job-size"),
        ConfigChecks.positive(c.getDuration("job-interval"), path + "job-interval"),
        ConfigChecks.positive(c.getDuration("handle-resolution-timeout"), path + "handle-resolution-timeout"),
        ConfigChecks.positive(c.getDuration("job-request-timeout"), path + "job-request-timeout"),
        ConfigChecks.nonNegative(c.getDuration("handle-resolution-retry-delay"), path + "handle-resolution-retry-delay"),
        ConfigChecks.nonNegative(c.getDuration("job-retry-delay-max"), path + "job-retry-delay-max"),
        ConfigChecks.port(c.getInt("asap-port"), path + "asap-port"),
        ConfigChecks.port(c.getInt("service-port"), path + "service-port"));
  }

  public PoolUserSettings withJobInterval(Duration interval) {
    return new PoolUserSettings(poolHandle, jobSize, interval, handleResolutionTimeout, jobRequestTimeout,
        handleResolutionRetryDelay, jobRetryDelayMax, asapPort, servicePort);
  }
}
