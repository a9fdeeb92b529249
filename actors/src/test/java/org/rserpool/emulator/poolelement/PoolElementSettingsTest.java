package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.random.Distribution;

class PoolElementSettingsTest {

  static PoolElementSettings read(String overrides) {
    return PoolElementSettings.fromConfig(ConfigFactory.parseString("rserpool.pool-element {" + overrides + "}")
        .withFallback(ConfigFactory.defaultReference()));
  }

  @Test
  void defaultsAreRspsimsServiceAndRsplibsTimers() {
    PoolElementSettings s = read("");
    assertEquals(100, s.maxJobs(), "rint(1e6 / 1e4)");
    assertEquals(1e7, s.cookieMaxCalculations());
    assertEquals(100, s.cookieMaxTime().toDays());
    assertEquals(50, s.sessionKeepAliveInterval().toSeconds());
    assertEquals(3, s.registrationTimeout().toSeconds());
    assertEquals(1, s.maxRegistrationAttempts());
    assertTrue(s.reregisterOnLoadChange());
    assertFalse(s.lifecycle().fails());
    assertNull(s.lifecycle().uptime());
    assertEquals(1.0, s.lifecycle().cleanShutdownProbability());
  }

  @Test
  void maxJobsWinsOverMinCapacityPerJobAndAFailureProcessIsRead() {
    assertEquals(4, read("max-jobs = 4").maxJobs());
    assertEquals(1, read("capacity = 5000").maxJobs(), "below one job's worth: still one job");
    PoolElementSettings s = read("lifecycle { mtbf = 60s, downtime = 2s, downtime-distribution = exponential, clean-shutdown-probability = 0.25 }");
    assertEquals(Distribution.exponential(60e9), s.lifecycle().uptime());
    assertEquals(Distribution.exponential(2e9), s.lifecycle().downtime());
    assertEquals(0.25, s.lifecycle().cleanShutdownProbability());
  }

  @Test
  void anotherCapacityBringsItsOwnMaxJobsAndAutomaticWeightAsRspsim() {
    // RSPSIM's CalcApp server derives both from its own serviceCapacity (heterogeneous pools).
    PoolElementSettings nominal = read("policy = WeightedRandom");
    PoolElementSettings fast = nominal.withCapacity(4e6);
    assertEquals(4e6, fast.capacity());
    assertEquals(400, fast.maxJobs(), "rint(4e6 / 1e4)");
    assertEquals(4_000_000, fast.policyValues().weight(), "automatic weight = capacity");
    PoolElementSettings slow = nominal.withCapacity(769_230.77);
    assertEquals(77, slow.maxJobs(), "rint(76.92)");
    assertEquals(769_231, slow.policyValues().weight(), "rint(capacity)");
    assertEquals(nominal.sessionKeepAliveInterval(), slow.sessionKeepAliveInterval(), "the rest stays");
    assertEquals(nominal.lifecycle(), slow.lifecycle());
    assertSame(nominal, nominal.withCapacity(1e6), "same capacity, same settings");

    PoolElementSettings lud = read("policy = LeastUsedDegradation").withCapacity(2e6);
    assertEquals(org.rserpool.emulator.protocol.param.SelectionPolicy.fraction(1.0 / 200), lud.policyValues().loadDegradation(),
        "automatic load degradation = 1 / its own MaxJobs");
    PoolElementSettings fixed = read("policy = WeightedRandom, policy-weight = 7, max-jobs = 4").withCapacity(3e6);
    assertEquals(4, fixed.maxJobs(), "a configured MaxJobs stays");
    assertEquals(7, fixed.policyValues().weight(), "a configured weight stays");
    assertThrows(IllegalArgumentException.class, () -> nominal.withCapacity(5e9), "weight beyond 32 bits");
    assertThrows(IllegalArgumentException.class, () -> nominal.withCapacity(0));
  }

  @Test
  void badValuesNameTheirKey() {
    for (String bad : new String[] {"max-jobs = -1", "reject-probability = 1.5", "cookie-max-calculations = 0", "cookie-max-time = 0s",
        "session-keep-alive-interval = 0s", "max-registration-attempts = 0", "policy-update-threshold = 2", "lifecycle.mtbf = -5s",
        "lifecycle.mtbf-distribution = weibull", "lifecycle.clean-shutdown-probability = -0.1"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> read(bad));
      assertTrue(e.getMessage().contains("rserpool.pool-element." + bad.substring(0, bad.indexOf(' '))), e.getMessage());
    }
  }
}
