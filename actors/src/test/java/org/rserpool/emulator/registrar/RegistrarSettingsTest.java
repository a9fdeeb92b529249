package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.handlespace.CauseSet;
import org.rserpool.emulator.network.TransportAddress;

class RegistrarSettingsTest {
  static RegistrarSettings with(String overrides) {
    return RegistrarSettings.fromConfig(ConfigFactory.parseString("rserpool.registrar {" + overrides + "}")
        .withFallback(ConfigFactory.defaultReference()));
  }

  @Test
  void defaultsAreRsplibsRegistrarWithRfcCausesAndArbitration() {
    RegistrarSettings s = RegistrarSettings.fromConfig(ConfigFactory.defaultReference());
    assertEquals(CauseSet.RFC_5354, s.errorCauses());
    assertTrue(s.policyUpdateOnRelink());
    assertEquals(3, s.maxHandleResolutionItems());
    assertEquals(3, s.maxBadPeReports());
    assertEquals(Duration.ofSeconds(5), s.keepAliveTransmissionInterval());
    assertEquals(Duration.ofSeconds(5), s.keepAliveTimeoutInterval());
    assertEquals(Duration.ofNanos(2_444_444_000L), s.peerHeartbeatCycle());
    assertEquals(Duration.ofSeconds(5), s.peerMaxTimeLastHeard());
    assertEquals(Duration.ofSeconds(5), s.peerMaxTimeNoResponse());
    assertEquals(Duration.ofSeconds(5), s.mentorDiscoveryTimeout());
    assertEquals(Duration.ofSeconds(5), s.takeoverExpiryInterval());
    assertEquals(Duration.ofSeconds(1), s.serverAnnounceCycle());
    assertEquals(128, s.maxElementsPerHandleTableRequest());
    assertEquals(TransportAddress.parse("239.0.0.50:3863"), s.asapAnnounceAddress());
    assertEquals(TransportAddress.parse("239.0.0.51:9901"), s.enrpMulticastAddress());
    assertEquals(TakeoverArbitration.HIGHER_ID_WINS, s.takeoverArbitration());
    assertFalse(s.handleResolutionRate().enabled());
    assertFalse(s.takeoverSuggestion());
    assertEquals(s, RegistrarSettings.defaults());
    assertEquals(s, new RegistrarSettings(3, 0, CauseSet.RFC_5354, true), "the short constructor fills in the defaults");
  }

  @Test
  void theChoicesAreSettings() {
    RegistrarSettings s = with("error-causes = RSPLIB, policy-update-on-relink = off, takeover-arbitration = rsplib,"
        + " asap-announce = off, enrp-multicast = \"239.1.2.3:9999\", max-handle-resolution-rate = 2.5");
    assertEquals(CauseSet.RSPLIB, s.errorCauses());
    assertFalse(s.policyUpdateOnRelink());
    assertEquals(TakeoverArbitration.LOWER_ID_WINS, s.takeoverArbitration());
    assertNull(s.asapAnnounceAddress());
    assertEquals(TransportAddress.parse("239.1.2.3:9999"), s.enrpMulticastAddress());
    assertTrue(s.handleResolutionRate().enabled());
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    assertBad("error-causes = rfc", "rserpool.registrar.error-causes", "rfc5354, rsplib");
    assertBad("takeover-arbitration = highest", "rserpool.registrar.takeover-arbitration", "rfc5353");
    assertBad("asap-announce = \"10.1.0.1:3863\"", "rserpool.registrar.asap-announce", "multicast");
    assertBad("enrp-multicast = nowhere", "rserpool.registrar.enrp-multicast", "address:port");
    assertBad("max-elements-per-handle-table-request = 2000", "rserpool.registrar.max-elements-per-handle-table-request", "1..1024");
    assertBad("peer-heartbeat-cycle = 0s", "rserpool.registrar.peer-heartbeat-cycle", "positive");
    assertBad("update-loss-probability = 1.5", "rserpool.registrar.update-loss-probability", "0.0..1.0");
    assertBad("max-bad-pe-reports = 0", "rserpool.registrar.max-bad-pe-reports", "at least 1");
  }

  static void assertBad(String overrides, String key, String allowed) {
    ConfigException e = assertThrows(ConfigException.class, () -> with(overrides));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(allowed), e.getMessage());
  }
}
