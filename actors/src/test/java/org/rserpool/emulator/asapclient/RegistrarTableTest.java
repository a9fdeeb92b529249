package org.rserpool.emulator.asapclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

class RegistrarTableTest {
  static final TransportAddress A = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress B = TransportAddress.parse("10.1.0.2:3863");
  static final TransportAddress C = TransportAddress.parse("10.1.0.3:3863");
  static final long SECOND = 1_000_000_000L;

  @Test
  void staticRegistrarsStayAndArePickedUniformly() {
    RegistrarTable table = new RegistrarTable(List.of(A, B), 5 * SECOND);
    SplittableRandom random = new SplittableRandom(1);
    int a = 0;
    for (int i = 0; i < 10_000; i++) {
      if (table.pick(random, i * SECOND).equals(A)) a++;
    }
    assertEquals(5_000, a, 200);
  }

  /** rsplib's hunt: a registrar that did not answer is skipped while the others work, then forgotten. */
  @Test
  void aFailedRegistrarIsAvoidedUntilItsFailureIsForgottenOrItAnnounces() {
    RegistrarTable table = new RegistrarTable(List.of(A, B, C), 5 * SECOND, 30 * SECOND);
    SplittableRandom random = new SplittableRandom(2);
    table.failed(A, 0);
    table.failed(B, 0);
    for (int i = 0; i < 1_000; i++) assertEquals(C, table.pick(random, 29 * SECOND));
    Set<TransportAddress> later = new HashSet<>();
    for (int i = 0; i < 1_000; i++) later.add(table.pick(random, 30 * SECOND));
    assertEquals(Set.of(A, B, C), later, "the failures are forgotten after hunt-failure-memory");

    table.failed(A, 40 * SECOND);
    table.announced(A, 41 * SECOND);
    Set<TransportAddress> afterAnnounce = new HashSet<>();
    for (int i = 0; i < 1_000; i++) afterAnnounce.add(table.pick(random, 42 * SECOND));
    assertTrue(afterAnnounce.contains(A), "an announce shows it is alive again");
  }

  @Test
  void whenEveryRegistrarFailedAnyIsTriedAndAnAnswerClearsTheFailure() {
    RegistrarTable table = new RegistrarTable(List.of(A, B), 5 * SECOND, 30 * SECOND);
    SplittableRandom random = new SplittableRandom(3);
    table.failed(A, 0);
    table.failed(B, 0);
    Set<TransportAddress> picked = new HashSet<>();
    for (int i = 0; i < 1_000; i++) picked.add(table.pick(random, SECOND));
    assertEquals(Set.of(A, B), picked);
    table.answered(B);
    for (int i = 0; i < 1_000; i++) assertEquals(B, table.pick(random, SECOND));
  }

  @Test
  void amongWorkingRegistrarsTheRecentlyAnnouncedArePreferredAfterAFailure() {
    RegistrarTable table = new RegistrarTable(List.of(A, B, C), 5 * SECOND, 30 * SECOND);
    SplittableRandom random = new SplittableRandom(4);
    table.announced(C, 0);
    table.failed(A, 0);
    for (int i = 0; i < 1_000; i++) assertEquals(C, table.pick(random, SECOND));
  }

  @Test
  void withoutFailureMemoryTheHuntKeepsNoHealthState() {
    RegistrarTable table = new RegistrarTable(List.of(A, B), 5 * SECOND, 0);
    SplittableRandom random = new SplittableRandom(5);
    table.failed(A, 0);
    int a = 0;
    for (int i = 0; i < 10_000; i++) {
      if (table.pick(random, SECOND).equals(A)) a++;
    }
    assertEquals(5_000, a, 200);
  }

  @Test
  void announcedRegistrarsExpireAfterTheTimeoutUnlessRenewed() {
    RegistrarTable table = new RegistrarTable(List.of(A), 5 * SECOND);
    table.announced(B, 0);
    table.announced(A, 0);
    assertEquals(List.of(A, B), table.registrars(4 * SECOND));
    table.announced(B, 4 * SECOND);
    assertEquals(List.of(A, B), table.registrars(8 * SECOND), "renewed at 4 s: known until 9 s");
    assertEquals(List.of(A), table.registrars(9 * SECOND));
    assertTrue(table.contains(A, 100 * SECOND), "static entries never expire");
  }

  @Test
  void anEmptyTableHasNothingToPick() {
    RegistrarTable table = new RegistrarTable(List.of(), SECOND);
    assertNull(table.pick(new SplittableRandom(1), 0));
    table.announced(C, 0);
    Set<TransportAddress> picked = new HashSet<>();
    for (int i = 0; i < 10; i++) picked.add(table.pick(new SplittableRandom(i), SECOND / 2));
    assertEquals(Set.of(C), picked);
    assertNull(table.pick(new SplittableRandom(1), SECOND));
  }

  @Test
  void anAnnounceNamesItsRegistrarByItsTransportOrElseByItsSource() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    Packet bare = new Packet(A, group, new AsapMessage.ServerAnnounce(9, List.of()));
    assertEquals(A, RegistrarTable.announcedAddress(bare, (AsapMessage.ServerAnnounce) bare.message()));
    AsapMessage.ServerAnnounce withTransport =
        new AsapMessage.ServerAnnounce(9, List.of(SctpTransport.of(Ipv4Address.parse("10.1.0.7"), 4000, TransportUse.DATA_ONLY)));
    assertEquals(TransportAddress.parse("10.1.0.7:4000"), RegistrarTable.announcedAddress(new Packet(A, group, withTransport), withTransport));
  }

  @Test
  void settingsComeFromTheAsapClientBlockAndRefuseAUnicastGroup() {
    AsapClientSettings s = AsapClientSettings.fromConfig(ConfigFactory.defaultReference());
    assertTrue(s.useAnnounces());
    assertEquals(TransportAddress.parse("239.0.0.50:3863"), s.announceGroup());
    assertEquals(5, s.announceTimeout().toSeconds());
    ConfigException e = assertThrows(ConfigException.class, () -> AsapClientSettings.fromConfig(
        ConfigFactory.parseString("rserpool.asap-client.announce-group = \"10.0.0.1:3863\"").withFallback(ConfigFactory.defaultReference())));
    assertTrue(e.getMessage().contains("rserpool.asap-client.announce-group"), e.getMessage());
  }
}
