package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.handlespace.CauseSet;

class RegistrarSettingsTest {
  @Test
  void defaultsAreRfcCausesAndRsplibsPolicyUpdate() {
    RegistrarSettings s = RegistrarSettings.fromConfig(ConfigFactory.defaultReference());
    assertEquals(CauseSet.RFC_5354, s.errorCauses());
    assertTrue(s.policyUpdateOnRelink());
  }

  @Test
  void theCauseSetAndUpdateBehaviourAreSettings() {
    RegistrarSettings s = RegistrarSettings.fromConfig(ConfigFactory.parseString(
        "rserpool.registrar { error-causes = RSPLIB, policy-update-on-relink = off }").withFallback(ConfigFactory.defaultReference()));
    assertEquals(CauseSet.RSPLIB, s.errorCauses());
    assertFalse(s.policyUpdateOnRelink());
  }

  @Test
  void anUnknownCauseSetNamesTheKeyAndTheChoices() {
    ConfigException e = assertThrows(ConfigException.class, () -> RegistrarSettings.fromConfig(
        ConfigFactory.parseString("rserpool.registrar.error-causes = rfc").withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("rserpool.registrar.error-causes"), e.getMessage());
    assertTrue(e.getMessage().contains("rfc5354, rsplib"), e.getMessage());
  }
}
