package org.rserpool.emulator.pooluser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.random.Distribution;

class PoolUserSettingsTest {

  @Test
  void defaultsAreRspsimsWorkloadAndRsplibsTimers() {
    PoolUserSettings s = PoolUserSettings.fromConfig(ConfigFactory.defaultReference());
    assertEquals(Distribution.exponential(1e7), s.jobSize());
    assertEquals(Distribution.exponential(125e9), s.jobInterval());
    assertEquals(0, s.jobCount());
    assertEquals(3, s.handleResolutionTimeout().toSeconds());
    assertEquals(1, s.maxRequestAttempts());
    assertEquals(0, s.staleCacheValue().toNanos());
    assertEquals(1, s.handleResolutionItems(), "no cache: ask for the one PE to use, as rsplib");
    assertEquals(50, s.jobRequestTimeout().toSeconds());
    assertEquals(50, s.sessionKeepAliveInterval().toSeconds());
    assertEquals(50, s.sessionKeepAliveTimeout().toSeconds());
  }

  @Test
  void badValuesNameTheirKey() {
    for (String bad : new String[] {"job-size = 0", "job-size-distribution = \"uniform 0\"", "job-interval-distribution = poisson",
        "job-count = -1", "max-request-attempts = 0", "stale-cache-value = -1s", "session-keep-alive-timeout = 0s",
        "handle-resolution-items = 0", "handle-resolution-items = many", "handle-resolution-items = 4294967296"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> PoolUserSettings.fromConfig(
          ConfigFactory.parseString("rserpool.pool-user." + bad).withFallback(ConfigFactory.defaultReference())));
      assertTrue(e.getMessage().contains("rserpool.pool-user." + bad.substring(0, bad.indexOf(' '))), e.getMessage());
    }
  }
}
