package org.rserpool.emulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class NetworkSettingsTest {

  @Test
  void theDefaultsAreOneDelayLineThreadWithBoundedMemory() {
    NetworkSettings s = NetworkSettings.fromConfig(ConfigFactory.load());
    assertEquals(new NetworkSettings(1, 1 << 20, 4_000_000), s);
  }

  @Test
  void badValuesNameTheirKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> NetworkSettings.fromConfig(
        ConfigFactory.parseString("rserpool.network.delay-line.threads = 0").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("rserpool.network.delay-line.threads"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> NetworkSettings.fromConfig(
        ConfigFactory.parseString("rserpool.network.delay-line.max-in-flight = 10").withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("rserpool.network.delay-line.max-in-flight"), e.getMessage());
  }
}
