package org.rserpool.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.handlespace.CauseSet;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.pooluser.PoolUserSettings;
import org.rserpool.emulator.registrar.RegistrarSettings;
import org.rserpool.emulator.registrar.TakeoverArbitration;

/** {@code rserpool.profile}: one key for every switchable difference; an individual key still wins. */
class ProfilesTest {
  static Config scenario(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void theDefaultsAreTheRfcProfiles() {
    Config reference = ConfigFactory.defaultReference();
    assertEquals("rfc", reference.getString(Profiles.KEY));
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : reference.getConfig("rserpool.profiles.rfc").entrySet()) {
      assertEquals(e.getValue().unwrapped(), reference.getValue("rserpool." + e.getKey()).unwrapped(), e.getKey());
    }
    assertEquals(RegistrarSettings.defaults(), RegistrarSettings.fromConfig(scenario("rserpool.profile = rfc")));
    assertEquals(PoolUserSettings.fromConfig(reference), PoolUserSettings.fromConfig(scenario("rserpool.profile = rfc")));
    assertEquals(PoolElementSettings.fromConfig(reference), PoolElementSettings.fromConfig(scenario("rserpool.profile = rfc")));
  }

  @Test
  void rsplibSetsRsplibsBehaviour() {
    Config c = scenario("rserpool.profile = rsplib");
    RegistrarSettings r = RegistrarSettings.fromConfig(c);
    assertEquals(CauseSet.RSPLIB, r.errorCauses());
    assertEquals(TakeoverArbitration.fromName("rsplib"), r.takeoverArbitration());
    assertEquals(false, r.takeoverOnExpiry());
    assertEquals(true, r.answerRefusedHandleResolutions());
    assertTrue(r.keepRegistrationLife());
    assertTrue(r.greetWithReplyRequired());
    assertEquals(false, r.restartExpiryOnHandleTableAndTakeover());
    assertTrue(r.acceptAnyKeepAliveAck());
    assertEquals(Duration.ofMillis(250), PoolUserSettings.fromConfig(c).handleResolutionRetryDelay());
  }

  @Test
  void rspsimSetsRspsimsBehaviour() {
    Config c = scenario("rserpool.profile = rspsim");
    RegistrarSettings r = RegistrarSettings.fromConfig(c);
    assertEquals(CauseSet.RFC_5354, r.errorCauses());
    assertEquals(TakeoverArbitration.fromName("rsplib"), r.takeoverArbitration(), "RSPSIM: the lower ID wins, as rsplib");
    assertTrue(r.takeoverOnExpiry());
    assertTrue(r.keepRegistrationLife(), "RSPSIM never changes the life");
    assertEquals(false, r.greetWithReplyRequired());
    assertEquals(1, r.maxHandleResolutionItems(), "RSPSIM tool-chain registrarMaxHandleResolutionItems");
    assertTrue(r.noServiceDuringStartup(), "RSPSIM tool-chain asapNoServiceDuringStartup");
    PoolUserSettings pu = PoolUserSettings.fromConfig(c);
    assertEquals(Duration.ofSeconds(30), pu.handleResolutionRetryDelay());
    assertEquals(0, pu.handleResolutionItems(), "RSPSIM's pool user sends no Handle Resolution option");
    assertEquals(Duration.ofSeconds(5), pu.handleResolutionTimeout());
    assertEquals(4, pu.maxRequestAttempts());
    PoolElementSettings pe = PoolElementSettings.fromConfig(c);
    assertEquals(Duration.ofSeconds(5), pe.registrationTimeout());
    assertEquals(3, pe.maxRegistrationAttempts());
  }

  @Test
  void anIndividualKeyOverridesItsProfile() {
    Config c = scenario("rserpool.profile = rsplib\nrserpool.registrar.takeover-on-expiry = on\n"
        + "rserpool.pool-user.handle-resolution-retry-delay = 1s");
    assertTrue(RegistrarSettings.fromConfig(c).takeoverOnExpiry());
    assertEquals(CauseSet.RSPLIB, RegistrarSettings.fromConfig(c).errorCauses(), "the rest of the profile still applies");
    assertEquals(Duration.ofSeconds(1), PoolUserSettings.fromConfig(c).handleResolutionRetryDelay());
  }

  @Test
  void anUnknownProfileIsRefusedWithTheKnownOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> RegistrarSettings.fromConfig(scenario("rserpool.profile = rfc9999")));
    assertTrue(e.getMessage().contains("rserpool.profile") && e.getMessage().contains("[rfc, rsplib, rspsim]"), e.getMessage());
  }
}
