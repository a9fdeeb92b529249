package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.registrar.RegistrarEnrpTest.checksum;
import static org.rserpool.emulator.registrar.RegistrarEnrpTest.foreign;
import static org.rserpool.emulator.registrar.RegistrarEnrpTest.next;
import static org.rserpool.emulator.registrar.RegistrarHarness.POOL;
import static org.rserpool.emulator.registrar.RegistrarHarness.enrp;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * Peer monitoring and takeover, step by step: registrar R with two peers played by probes, S (alive,
 * heartbeating) and T (which falls silent and owns pool elements 1-3).
 */
class RegistrarTakeoverTest {
  static ActorTestKit testKit;
  static final int R = 0x40000000;
  static final int T = 0x30000000;
  static final int LOWER = 0x10000000;
  static final int HIGHER = 0x70000000;

  RegistrarHarness h;
  ActorRef<Registrar.Command> registrar;
  TestProbe<Packet> s;
  TestProbe<Packet> t;
  TestProbe<Packet> pe;
  int sId;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarTakeoverTest", ManualNetwork.config());
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  void fromS(EnrpMessage m) {
    h.net.network().send(new Packet(enrp(2), enrp(1), m));
  }

  void fromT(EnrpMessage m) {
    h.net.network().send(new Packet(enrp(3), enrp(1), m));
  }

  EnrpMessage.Presence presenceOfS() {
    return new EnrpMessage.Presence(false, sId, R, new PeChecksum(0xffff), Presences.serverInformation(sId, enrp(2)));
  }

  /**
   * Starts R with peers S (ID {@code sId}, or none when 0) and T; T's pool elements 1-3 arrive by handle
   * update; after the startup phase S and T are heard once. Returns when R has asked T for a presence
   * and T kept silent, S heartbeating all along, and R has started the takeover of T.
   */
  void untilTakeoverStarts(String settings, int sId) {
    this.sId = sId;
    h = new RegistrarHarness(testKit, Duration.ZERO);
    s = testKit.createTestProbe();
    t = testKit.createTestProbe();
    pe = testKit.createTestProbe();
    h.net.network().bind(enrp(2), s.ref());
    h.net.network().bind(enrp(3), t.ref());
    for (int k = 1; k <= 3; k++) h.net.network().bind(FakePoolElements.asapAddress(k), pe.ref());
    registrar = h.start(RegistrarHarness.identity(1, R, 2, 3), RegistrarHarness.settings(settings));
    h.net.timePasses(Duration.ofSeconds(5));
    for (int k = 1; k <= 3; k++) fromT(new EnrpMessage.HandleUpdate(false, T, R, UpdateAction.ADD_PE, POOL, foreign(k, T)));
    fromT(new EnrpMessage.Presence(false, T, R, new PeChecksum(checksum(T, 1, 2, 3)), Presences.serverInformation(T, enrp(3))));
    for (int second = 0; second < 11 && h.metrics.takeoversStarted() == 0; second++) {
      if (sId != 0) fromS(presenceOfS());
      h.barrier();
      h.net.advance(Duration.ofSeconds(1));
      h.barrier();
    }
    assertEquals(1, h.metrics.takeoversStarted());
    EnrpMessage.InitTakeover toTarget = next(t, EnrpMessage.InitTakeover.class);
    assertEquals(new EnrpMessage.InitTakeover(R, T, T), toTarget, "the target is told too, so it can object");
    if (sId != 0) assertEquals(new EnrpMessage.InitTakeover(R, sId, T), next(s, EnrpMessage.InitTakeover.class));
    assertTrue(peerT().takingOver());
  }

  RegistrarSummary.PeerRecord peerT() {
    return h.summary(registrar).peers().stream().filter(p -> p.address().equals(enrp(3))).findFirst().orElseThrow();
  }

  List<Integer> keepAlivesWithHomeBit() {
    List<Integer> ids = new java.util.ArrayList<>();
    for (Packet p : pe.receiveSeveralMessages(3)) {
      AsapMessage.EndpointKeepAlive ka = (AsapMessage.EndpointKeepAlive) p.message();
      assertTrue(ka.home(), "H bit");
      assertEquals(R, ka.serverIdentifier());
      assertEquals(RegistrarHarness.asap(1), p.source());
      ids.add(ka.peIdentifier().value());
    }
    return ids.stream().sorted().toList();
  }

  @Test
  void withEveryAcknowledgementTheRegistrarTakesOverAndTellsThePoolElements() {
    untilTakeoverStarts("", LOWER);
    // RFC arbitration: S has the lower ID, so its competing INIT_TAKEOVER is ignored ...
    fromS(new EnrpMessage.InitTakeover(LOWER, R, T));
    h.barrier();
    assertTrue(peerT().takingOver());
    // ... and its acknowledgement completes R's takeover.
    fromS(new EnrpMessage.InitTakeoverAck(LOWER, R, T));
    assertEquals(new EnrpMessage.TakeoverServer(R, LOWER, T), next(s, EnrpMessage.TakeoverServer.class));
    assertEquals(List.of(1, 2, 3), keepAlivesWithHomeBit());
    RegistrarSummary summary = h.summary(registrar);
    assertEquals(3, summary.ownedBy(R));
    assertEquals(0, summary.ownedBy(T));
    assertFalse(summary.knownPeers().contains(T), "the target left the peer list");
    assertEquals(1, h.metrics.takeoversByConsent());

    // Each pool element acknowledges its new home in time and stays.
    for (int k = 1; k <= 3; k++) {
      h.net.network().send(new Packet(FakePoolElements.asapAddress(k), RegistrarHarness.asap(1), new AsapMessage.EndpointKeepAliveAck(POOL, k)));
    }
    h.barrier();
    assertEquals(3, h.metrics.keepAliveAcksReceived());
    h.net.timePasses(Duration.ofSeconds(6));
    assertEquals(3, h.summary(registrar).ownedBy(R));
  }

  @Test
  void rfcArbitrationTheHigherIdWins() {
    untilTakeoverStarts("", HIGHER);
    fromS(new EnrpMessage.InitTakeover(HIGHER, R, T));
    assertEquals(new EnrpMessage.InitTakeoverAck(R, HIGHER, T), next(s, EnrpMessage.InitTakeoverAck.class));
    assertFalse(peerT().takingOver(), "R gave way");
    fromS(new EnrpMessage.TakeoverServer(HIGHER, R, T));
    h.barrier();
    RegistrarSummary summary = h.summary(registrar);
    assertEquals(3, summary.ownedBy(HIGHER), "T's pool elements now belong to the winner");
    assertFalse(summary.knownPeers().contains(T));
    pe.expectNoMessage(Duration.ofMillis(200)); // the loser sends no keep-alives with the H bit
    assertEquals(0, h.metrics.takeoversByConsent() + h.metrics.takeoversByTimeout());
  }

  @Test
  void rsplibArbitrationTheLowerIdWins() {
    untilTakeoverStarts("takeover-arbitration = rsplib", LOWER);
    fromS(new EnrpMessage.InitTakeover(LOWER, R, T));
    assertEquals(new EnrpMessage.InitTakeoverAck(R, LOWER, T), next(s, EnrpMessage.InitTakeoverAck.class));
    assertFalse(peerT().takingOver());
    // As rsplib, the loser watches the target for another no-response interval, then removes it.
    assertEquals("MAX_TIME_NO_RESPONSE", peerT().timer());
    h.net.timePasses(Duration.ofSeconds(5));
    h.barrier();
    assertEquals(0, peerT().serverId());
    assertEquals(0, h.metrics.takeoversByTimeout());
  }

  @Test
  void withoutOtherPeersTheTakeoverCompletesWhenItExpires() {
    untilTakeoverStarts("", 0);
    h.net.timePasses(Duration.ofMillis(4999));
    assertTrue(peerT().takingOver());
    h.net.timePasses(Duration.ofMillis(1));
    assertEquals(List.of(1, 2, 3), keepAlivesWithHomeBit());
    assertEquals(3, h.summary(registrar).ownedBy(R));
    assertEquals(1, h.metrics.takeoversByTimeout());
  }

  @Test
  void rsplibGivesUpAnExpiredTakeover() {
    untilTakeoverStarts("takeover-on-expiry = off", 0);
    h.net.timePasses(Duration.ofSeconds(5));
    h.barrier();
    assertEquals(0, peerT().serverId(), "the peer is removed");
    assertEquals(3, h.summary(registrar).ownedBy(T), "its pool elements wait for their registration life");
    pe.expectNoMessage(Duration.ofMillis(200));
    assertEquals(0, h.metrics.takeoversByTimeout());
  }

  @Test
  void aPresenceOfTheTargetStopsTheTakeover() {
    untilTakeoverStarts("", 0);
    fromT(new EnrpMessage.Presence(false, T, R, new PeChecksum(checksum(T, 1, 2, 3)), Presences.serverInformation(T, enrp(3))));
    h.barrier();
    assertFalse(peerT().takingOver());
    assertEquals("MAX_TIME_LAST_HEARD", peerT().timer());
    h.net.timePasses(Duration.ofSeconds(5));
    assertEquals(3, h.summary(registrar).ownedBy(T));
    assertEquals(0, h.metrics.takeoversByTimeout());
  }

  /** RFC 5353 §3.5.1 a: the target of an INIT_TAKEOVER proves it is alive with PRESENCEs to all peers. */
  @Test
  void theTargetAnswersWithPresences() {
    h = new RegistrarHarness(testKit, Duration.ZERO);
    s = testKit.createTestProbe();
    t = testKit.createTestProbe();
    h.net.network().bind(enrp(2), s.ref());
    h.net.network().bind(enrp(3), t.ref());
    registrar = h.start(RegistrarHarness.identity(1, R, 2, 3), RegistrarHarness.settings(""));
    next(s, EnrpMessage.Presence.class);
    next(t, EnrpMessage.Presence.class);
    fromS(new EnrpMessage.InitTakeover(LOWER, R, R));
    assertFalse(next(s, EnrpMessage.Presence.class).replyRequired());
    assertFalse(next(t, EnrpMessage.Presence.class).replyRequired());
  }

  /** When another registrar announced the takeover first, R consents and later just drops the dead peer. */
  @Test
  void aTakeoverAnnouncedByAnotherIsAcknowledgedAndNotStartedAgain() {
    h = new RegistrarHarness(testKit, Duration.ZERO);
    s = testKit.createTestProbe();
    t = testKit.createTestProbe();
    sId = LOWER;
    h.net.network().bind(enrp(2), s.ref());
    h.net.network().bind(enrp(3), t.ref());
    registrar = h.start(RegistrarHarness.identity(1, R, 2, 3), RegistrarHarness.settings(""));
    h.net.timePasses(Duration.ofSeconds(5));
    fromT(new EnrpMessage.HandleUpdate(false, T, R, UpdateAction.ADD_PE, POOL, foreign(1, T)));
    fromT(new EnrpMessage.Presence(false, T, R, new PeChecksum(checksum(T, 1)), Presences.serverInformation(T, enrp(3))));
    fromS(presenceOfS());
    h.barrier();
    fromS(new EnrpMessage.InitTakeover(LOWER, R, T));
    assertEquals(new EnrpMessage.InitTakeoverAck(R, LOWER, T), next(s, EnrpMessage.InitTakeoverAck.class));
    for (int second = 0; second < 12; second++) {
      fromS(presenceOfS());
      h.barrier();
      h.net.advance(Duration.ofSeconds(1));
      h.barrier();
    }
    assertEquals(0, h.metrics.takeoversStarted());
    assertEquals(0, peerT().serverId(), "dead and removed");
  }

  /** An unknown target: consent, nothing else. */
  @Test
  void anUnknownTargetIsAcknowledged() {
    h = new RegistrarHarness(testKit, Duration.ZERO);
    s = testKit.createTestProbe();
    h.net.network().bind(enrp(2), s.ref());
    registrar = h.start(RegistrarHarness.identity(1, R, 2), RegistrarHarness.settings(""));
    TransportAddress from = enrp(2);
    h.net.network().send(new Packet(from, enrp(1), new EnrpMessage.InitTakeover(LOWER, R, 0x0badcafe)));
    assertEquals(new EnrpMessage.InitTakeoverAck(R, LOWER, 0x0badcafe), next(s, EnrpMessage.InitTakeoverAck.class));
  }
}
