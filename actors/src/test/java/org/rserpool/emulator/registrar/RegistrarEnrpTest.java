package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.registrar.RegistrarHarness.POOL;
import static org.rserpool.emulator.registrar.RegistrarHarness.enrp;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * ENRP of one registrar, step by step, with its peers played by probes: presence, mentor download,
 * audit and resynchronisation, handle table responses, handle updates, the peer list, peer monitoring.
 */
class RegistrarEnrpTest {
  static ActorTestKit testKit;
  static final int R = 0x40000000;
  static final int P = 0x20000000;
  static final int Q = 0x30000000;

  RegistrarHarness h;
  ActorRef<Registrar.Command> registrar;
  TestProbe<Packet> peer;
  TestProbe<Packet> pe;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarEnrpTest", ManualNetwork.config());
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  /** Registrar 1 (ID R) with registrar 2, played by {@link #peer}, as its static peer. */
  void start(String settings) {
    h = new RegistrarHarness(testKit, Duration.ZERO);
    peer = testKit.createTestProbe();
    pe = testKit.createTestProbe();
    h.net.network().bind(enrp(2), peer.ref());
    for (int k = 1; k <= 120; k++) h.net.network().bind(FakePoolElements.asapAddress(k), pe.ref());
    registrar = h.start(RegistrarHarness.identity(1, R, 2), RegistrarHarness.settings(settings));
  }

  /** The next message of the given type the probe receives, skipping others (heartbeats, greetings). */
  static <T> T next(TestProbe<Packet> probe, Class<T> type) {
    for (int i = 0; i < 50; i++) {
      Message m = probe.expectMessageClass(Packet.class).message();
      if (type.isInstance(m)) return type.cast(m);
    }
    throw new AssertionError("no " + type.getSimpleName() + " among 50 messages");
  }

  void fromPeer(EnrpMessage m) {
    h.net.network().send(new Packet(enrp(2), enrp(1), m));
  }

  static EnrpMessage.Presence presence(int id, boolean replyRequired, int checksum, int index) {
    return new EnrpMessage.Presence(replyRequired, id, R, new PeChecksum(checksum), Presences.serverInformation(id, enrp(index)));
  }

  /** Pool element k owned by {@code home}, as ENRP carries it: with its ASAP transport. */
  static PoolElementParameter foreign(int k, int home) {
    return FakePoolElements.parameter(k).withHome(home).withAsapTransport(SctpTransport.of(FakePoolElements.host(k), 3863, TransportUse.DATA_ONLY));
  }

  static int checksum(int owner, int... ks) {
    Handlespace hs = new Handlespace(Handlespace.Options.defaults(), new SplittableRandom(1));
    for (int k : ks) hs.register(POOL, foreign(k, owner), 0);
    return hs.ownershipChecksum(owner);
  }

  static int[] range(int from, int to) {
    int[] ks = new int[to - from + 1];
    for (int i = 0; i < ks.length; i++) ks[i] = from + i;
    return ks;
  }

  static EnrpMessage.HandleTableResponse table(boolean more, int owner, int... ks) {
    List<PoolElementParameter> pes = new ArrayList<>();
    for (int k : ks) pes.add(foreign(k, owner));
    return new EnrpMessage.HandleTableResponse(false, more, P, R, List.of(new PoolEntry(POOL, pes)));
  }

  void endStartupAlone() {
    h.net.timePasses(Duration.ofSeconds(5));
    peer.awaitAssert(() -> {
      assertFalse(h.summary(registrar).startupPhase());
      return null;
    });
  }

  AsapMessage.RegistrationResponse register(int k) {
    h.net.network().send(new Packet(FakePoolElements.asapAddress(k), RegistrarHarness.asap(1), new AsapMessage.Registration(POOL, FakePoolElements.parameter(k))));
    return next(pe, AsapMessage.RegistrationResponse.class);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void atStartItGreetsItsStaticPeersAndDownloadsTheHandleTableFromTheFirstPeerHeard() {
    start("");
    EnrpMessage.Presence greeting = next(peer, EnrpMessage.Presence.class);
    assertTrue(greeting.replyRequired());
    assertEquals(R, greeting.senderServerId());
    assertEquals(0, greeting.receiverServerId(), "the static peer's ID is not known yet");
    assertEquals(0xffff, greeting.checksum().value(), "owns nothing yet");
    assertEquals(Presences.serverInformation(R, enrp(1)), greeting.serverInformation());

    fromPeer(presence(P, false, checksum(P, 1, 2, 3), 2));
    assertFalse(next(peer, EnrpMessage.Presence.class).replyRequired(), "a new peer is greeted");
    assertEquals(new EnrpMessage.ListRequest(R, P), next(peer, EnrpMessage.ListRequest.class));
    assertEquals(new EnrpMessage.HandleTableRequest(false, R, P), next(peer, EnrpMessage.HandleTableRequest.class),
        "the mentor is asked for the whole table (no W)");

    fromPeer(table(true, P, 1, 2, 3));
    assertEquals(new EnrpMessage.HandleTableRequest(false, R, P), next(peer, EnrpMessage.HandleTableRequest.class), "M: the next chunk");
    assertTrue(h.summary(registrar).startupPhase(), "still in startup until the last chunk");
    fromPeer(new EnrpMessage.HandleTableResponse(false, false, P, R, List.of(new PoolEntry(POOL, List.of(foreign(4, Q))))));

    h.barrier();
    RegistrarSummary s = h.summary(registrar);
    assertFalse(s.startupPhase());
    assertEquals(4, s.poolElements().size());
    assertEquals(3, s.ownedBy(P));
    assertEquals(1, s.ownedBy(Q), "the mentor's table holds every registrar's pool elements");
    assertEquals(1, h.metrics.startupsWithMentor());
    assertEquals(0, h.metrics.startupsAlone());
    assertEquals(2, h.metrics.handleTableRequests());
    assertEquals(1, h.metrics.peerListRequests());
  }

  /** rsplib registrarHandleENRPPresence greets a new peer with R=1 (the rsplib profile); RSPSIM with R=0. */
  @Test
  void withGreetWithReplyRequiredANewPeerIsGreetedWithR1() {
    start("greet-with-reply-required = on");
    assertTrue(next(peer, EnrpMessage.Presence.class).replyRequired(), "the startup greeting");
    fromPeer(presence(P, false, checksum(P), 2));
    EnrpMessage.Presence greeting = next(peer, EnrpMessage.Presence.class);
    assertTrue(greeting.replyRequired(), "a new peer is greeted with R=1");
    assertEquals(P, greeting.receiverServerId());
  }

  @Test
  void aChecksumMismatchResynchronisesInSeveralChunksAndPurgesWhatTheOwnerNoLongerLists() {
    start("");
    endStartupAlone();
    fromPeer(presence(P, false, checksum(P, range(1, 10)), 2));
    assertEquals(new EnrpMessage.HandleTableRequest(true, R, P), next(peer, EnrpMessage.HandleTableRequest.class),
        "resynchronisation asks for the peer's own pool elements (W)");
    fromPeer(table(true, P, range(1, 6)));
    assertEquals(new EnrpMessage.HandleTableRequest(true, R, P), next(peer, EnrpMessage.HandleTableRequest.class));
    fromPeer(table(false, P, range(7, 10)));
    h.barrier();
    RegistrarSummary s = h.summary(registrar);
    assertEquals(10, s.ownedBy(P));
    assertEquals(checksum(P, range(1, 10)), s.owners().get(0).checksum());

    // The peer lost pool element 10 and gained 11, and both handle updates were lost: the audit repairs it.
    int[] now = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11};
    fromPeer(presence(P, false, checksum(P, now), 2));
    next(peer, EnrpMessage.HandleTableRequest.class);
    fromPeer(table(false, P, now));
    h.barrier();
    s = h.summary(registrar);
    List<Integer> ids = s.poolElements().stream().map(RegistrarSummary.PoolElementRecord::identifier).toList();
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 11), ids);
    assertEquals(checksum(P, now), s.owners().get(0).checksum());
    assertEquals(1, h.metrics.purgedPoolElements());
    assertEquals(3, h.metrics.handleTableRequests());

    // The same checksum again: nothing to do.
    fromPeer(presence(P, false, checksum(P, now), 2));
    h.barrier();
    assertEquals(3, h.metrics.handleTableRequests());
    assertEquals(3, h.metrics.audits(), "three presences audited (none during a transfer)");
    assertEquals(2, h.metrics.resynchronisations(), "two mismatches resynchronised");
  }

  @Test
  void aStalledTransferIsGivenUpAndTheNextPresenceAuditsAgain() {
    start("");
    endStartupAlone();
    fromPeer(presence(P, false, checksum(P, 1), 2));
    next(peer, EnrpMessage.HandleTableRequest.class);
    // The response is lost. Within the sync timeout a presence does not start another transfer ...
    h.net.timePasses(Duration.ofSeconds(2));
    fromPeer(presence(P, false, checksum(P, 1), 2));
    h.barrier();
    assertEquals(1, h.metrics.handleTableRequests());
    // ... after it, it does.
    h.net.timePasses(Duration.ofSeconds(4));
    fromPeer(presence(P, false, checksum(P, 1), 2));
    next(peer, EnrpMessage.HandleTableRequest.class);
    fromPeer(table(false, P, 1));
    h.barrier();
    assertEquals(1, h.summary(registrar).ownedBy(P));
  }

  /** Responses of at most 1400 bytes and MaxElementsPerHTRequest entries, continued per peer; W selects the owner's. */
  @Test
  void handleTableRequestsAreAnsweredInChunksThatFitRsplibsBuffer() {
    start("");
    endStartupAlone();
    for (int k = 1; k <= 100; k++) register(k);
    fromPeer(presence(P, false, 0xffff, 2));
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, foreign(101, P)));
    h.barrier();
    assertEquals(101, h.summary(registrar).poolElements().size());

    Set<Integer> seen = new HashSet<>();
    int chunks = 0;
    boolean more = true;
    while (more) {
      fromPeer(new EnrpMessage.HandleTableRequest(true, P, R));
      EnrpMessage.HandleTableResponse r = next(peer, EnrpMessage.HandleTableResponse.class);
      chunks++;
      assertFalse(r.reject());
      assertTrue(MessageCodec.encode(r).length <= 1400, "within rsplib's 1400-byte buffer: " + MessageCodec.encode(r).length);
      for (PoolEntry pool : r.poolEntries()) {
        for (PoolElementParameter p : pool.poolElements()) {
          assertTrue(seen.add(p.identifier()), "each pool element once");
          assertEquals(R, p.homeEnrpServerIdentifier(), "W: only its own");
          assertNotNull(p.asapTransport(), "with the ASAP transport rsplib's parser requires");
        }
      }
      more = r.moreToSend();
    }
    assertEquals(100, seen.size());
    assertTrue(chunks >= 4, "100 pool elements of ~60 bytes take several 1400-byte chunks: " + chunks);

    fromPeer(new EnrpMessage.HandleTableRequest(false, P, R));
    int all = 0;
    do {
      EnrpMessage.HandleTableResponse r = next(peer, EnrpMessage.HandleTableResponse.class);
      all += r.poolEntries().stream().mapToInt(e -> e.poolElements().size()).sum();
      more = r.moreToSend();
      if (more) fromPeer(new EnrpMessage.HandleTableRequest(false, P, R));
    } while (more);
    assertEquals(101, all, "without W: every registrar's pool elements");

    // A registrar that is not a peer is rejected.
    TestProbe<Packet> stranger = testKit.createTestProbe();
    h.net.network().bind(enrp(9), stranger.ref());
    h.net.network().send(new Packet(enrp(9), enrp(1), new EnrpMessage.HandleTableRequest(true, 0x09090909, 0)));
    EnrpMessage.HandleTableResponse rejected = next(stranger, EnrpMessage.HandleTableResponse.class);
    assertTrue(rejected.reject());
    assertTrue(rejected.poolEntries().isEmpty());
  }

  @Test
  void maxElementsPerHandleTableRequestLimitsAChunk() {
    start("max-elements-per-handle-table-request = 7");
    endStartupAlone();
    for (int k = 1; k <= 10; k++) register(k);
    fromPeer(presence(P, false, 0xffff, 2));
    fromPeer(new EnrpMessage.HandleTableRequest(true, P, R));
    EnrpMessage.HandleTableResponse first = next(peer, EnrpMessage.HandleTableResponse.class);
    assertEquals(7, first.poolEntries().get(0).poolElements().size());
    assertTrue(first.moreToSend());
    fromPeer(new EnrpMessage.HandleTableRequest(true, P, R));
    EnrpMessage.HandleTableResponse second = next(peer, EnrpMessage.HandleTableResponse.class);
    assertEquals(3, second.poolEntries().get(0).poolElements().size());
    assertFalse(second.moreToSend());
  }

  @Test
  void everyChangeOfAnOwnedPoolElementGoesToThePeersAsHandleUpdate() {
    start("");
    endStartupAlone();
    fromPeer(presence(P, false, 0xffff, 2));
    h.barrier();
    assertEquals(AsapMessage.RegistrationResponse.class, register(5).getClass());
    EnrpMessage.HandleUpdate add = next(peer, EnrpMessage.HandleUpdate.class);
    assertEquals(UpdateAction.ADD_PE, add.updateAction());
    assertEquals(R, add.senderServerId());
    assertEquals(P, add.receiverServerId());
    assertFalse(add.takeoverSuggested());
    assertEquals(R, add.poolElement().homeEnrpServerIdentifier());
    assertEquals(SctpTransport.of(FakePoolElements.host(5), 3863, TransportUse.DATA_ONLY), add.poolElement().asapTransport());

    h.net.network().send(new Packet(FakePoolElements.asapAddress(5), RegistrarHarness.asap(1), new AsapMessage.Deregistration(POOL, 5)));
    EnrpMessage.HandleUpdate del = next(peer, EnrpMessage.HandleUpdate.class);
    assertEquals(UpdateAction.DEL_PE, del.updateAction());
    assertEquals(5, del.poolElement().identifier());

    register(6);
    next(peer, EnrpMessage.HandleUpdate.class);
    // Keep-alive at 5 s, no answer, removed at 10 s. The peer stays alive meanwhile: without its
    // PRESENCE it would be asked at 5 s and declared dead at 10 s, and the update would have no one to go to.
    h.advance(Duration.ofSeconds(4), Duration.ofMillis(100));
    fromPeer(presence(P, false, 0xffff, 2));
    h.advance(Duration.ofSeconds(6), Duration.ofMillis(100));
    EnrpMessage.HandleUpdate timeout = next(peer, EnrpMessage.HandleUpdate.class);
    assertEquals(UpdateAction.DEL_PE, timeout.updateAction());
    assertEquals(6, timeout.poolElement().identifier());
  }

  @Test
  void handleUpdatesOfPeersAddUpdateAndRemoveAndTheirPoolElementsExpire() {
    start("");
    endStartupAlone();
    PoolElementParameter shortLived = new PoolElementParameter(7, P, 3_000, foreign(7, P).userTransport(), foreign(7, P).policy(),
        foreign(7, P).asapTransport());
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, shortLived));
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, foreign(8, P)));
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, foreign(9, R)));
    h.barrier();
    assertEquals(2, h.summary(registrar).poolElements().size(), "an update claiming this registrar as home is ignored");
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.DEL_PE, POOL, foreign(8, P)));
    h.barrier();
    assertEquals(1, h.summary(registrar).poolElements().size());
    h.net.timePasses(Duration.ofMillis(2999));
    assertEquals(1, h.summary(registrar).poolElements().size());
    h.net.timePasses(Duration.ofMillis(1));
    peer.awaitAssert(() -> {
      assertEquals(0, h.summary(registrar).poolElements().size(), "expired after its registration life");
      return null;
    });
    assertEquals(1, h.metrics.lifetimeExpiries());
    assertEquals(4, h.metrics.handleUpdates());
    pe.expectNoMessage(Duration.ofMillis(200)); // no keep-alives to pool elements of others
  }

  /** The expiry left after a handle table entry refreshes a foreign pool element (life 3 s) 2 s into its life. */
  int poolElementsAfterAHandleTableEntry(String settings) {
    start(settings);
    endStartupAlone();
    fromPeer(presence(P, false, checksum(P), 2));
    PoolElementParameter shortLived = new PoolElementParameter(7, P, 3_000, foreign(7, P).userTransport(), foreign(7, P).policy(),
        foreign(7, P).asapTransport());
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, shortLived));
    h.barrier();
    h.net.timePasses(Duration.ofSeconds(2));
    fromPeer(new EnrpMessage.HandleTableResponse(false, false, P, R, List.of(new PoolEntry(POOL, List.of(shortLived)))));
    h.barrier();
    h.net.timePasses(Duration.ofMillis(1500));
    h.barrier();
    return h.summary(registrar).poolElements().size();
  }

  /** RSPSIM: a handle table entry restarts the expiry (the default and the rfc profile). */
  @Test
  void aHandleTableEntryRestartsTheExpiryAsInRspsim() {
    assertEquals(1, poolElementsAfterAHandleTableEntry(""));
  }

  /** rsplib registrarHandleENRPHandleTableResponse arms PENT_EXPIRY only when no timer runs. */
  @Test
  void withoutRestartAHandleTableEntryLeavesTheRunningExpiryAsInRsplib() {
    assertEquals(0, poolElementsAfterAHandleTableEntry("restart-expiry-on-handle-table-and-takeover = off"));
  }

  /** A peer's pool element 7, then an unasked ENDPOINT_KEEP_ALIVE_ACK for it, then 6 s (one keep-alive interval and more). */
  void ackForAForeignPoolElement(String settings) {
    start(settings);
    endStartupAlone();
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, foreign(7, P)));
    h.barrier();
    h.net.network().send(new Packet(FakePoolElements.asapAddress(7), RegistrarHarness.asap(1), new AsapMessage.EndpointKeepAliveAck(POOL, 7)));
    h.barrier();
    h.advance(Duration.ofSeconds(6), Duration.ofMillis(100));
  }

  @Test
  void anAckForAPoolElementOfAnotherRegistrarIsIgnoredAsInRspsim() {
    ackForAForeignPoolElement("");
    pe.expectNoMessage();
  }

  /** rsplib registrarHandleASAPEndpointKeepAliveAck re-arms the keep-alive of any pool element it finds. */
  @Test
  void withAcceptAnyKeepAliveAckItStartsKeepAlivesAsRsplib() {
    ackForAForeignPoolElement("accept-any-keep-alive-ack = on");
    AsapMessage.EndpointKeepAlive k = next(pe, AsapMessage.EndpointKeepAlive.class);
    assertEquals(7, k.peIdentifier().value());
  }

  @Test
  void updateLossDropsIncomingHandleUpdates() {
    start("update-loss-probability = 1");
    endStartupAlone();
    fromPeer(new EnrpMessage.HandleUpdate(false, P, R, UpdateAction.ADD_PE, POOL, foreign(8, P)));
    h.barrier();
    assertEquals(0, h.summary(registrar).poolElements().size());
    assertEquals(0, h.metrics.handleUpdates());
  }

  @Test
  void thePeerListIsExchanged() {
    start("");
    endStartupAlone();
    fromPeer(presence(P, false, 0xffff, 2));
    assertEquals(new EnrpMessage.ListRequest(R, P), next(peer, EnrpMessage.ListRequest.class), "asked once for the peer's list");
    fromPeer(new EnrpMessage.ListRequest(P, R));
    EnrpMessage.ListResponse list = next(peer, EnrpMessage.ListResponse.class);
    assertFalse(list.reject());
    assertEquals(List.of(Presences.serverInformation(P, enrp(2))), list.servers());

    TestProbe<Packet> third = testKit.createTestProbe();
    h.net.network().bind(enrp(3), third.ref());
    fromPeer(new EnrpMessage.ListResponse(false, P, R, List.of(Presences.serverInformation(Q, enrp(3)),
        Presences.serverInformation(0, enrp(4)), Presences.serverInformation(R, enrp(1)))));
    EnrpMessage.Presence greeting = next(third, EnrpMessage.Presence.class);
    assertEquals(Q, greeting.receiverServerId());
    h.barrier();
    RegistrarSummary s = h.summary(registrar);
    assertEquals(Set.of(P, Q), new HashSet<>(s.knownPeers()), "servers with ID 0 and itself are skipped");
    RegistrarSummary.PeerRecord q = s.peers().stream().filter(p -> p.serverId() == Q).findFirst().orElseThrow();
    assertEquals("MAX_TIME_LAST_HEARD", q.timer());
    assertFalse(q.isStatic());
  }

  @Test
  void aReplyRequiredPresenceIsAnsweredAndHeartbeatsFollowTheCycle() {
    start("");
    fromPeer(presence(P, true, 0xffff, 2));
    EnrpMessage.Presence reply = next(peer, EnrpMessage.Presence.class);
    while (reply.replyRequired()) reply = next(peer, EnrpMessage.Presence.class); // the startup greeting came first
    assertEquals(P, reply.receiverServerId());
    assertEquals(1, h.metrics.requestedPresences());

    TestProbe<Packet> site = testKit.createTestProbe();
    TransportAddress member = TransportAddress.parse("10.1.0.9:9901");
    h.net.network().bind(member, site.ref());
    h.net.network().join(TransportAddress.parse("239.0.0.51:9901"), member);
    List<Long> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();
    h.net.network().setTap((nanos, p) -> {
      if (p.multicast() && p.message() instanceof EnrpMessage.Presence) heartbeats.add(nanos);
    });
    h.advance(Duration.ofSeconds(15), Duration.ofMillis(10));
    assertTrue(heartbeats.size() >= 4 && heartbeats.size() <= 6, "first at 5 s, then every 2.44 s +-12.5 %: " + heartbeats.size());
    for (int i = 1; i < heartbeats.size(); i++) {
      long gap = heartbeats.get(i) - heartbeats.get(i - 1);
      assertTrue(gap >= 2_138_000_000L && gap <= 2_760_000_000L, "heartbeat cycle: " + gap);
    }
    assertEquals(0, next(site, EnrpMessage.Presence.class).receiverServerId(), "group-cast with receiver 0");
  }

  // ---------------------------------------------------------------------------------------------
  // Peer monitoring

  @Test
  void aSilentPeerIsAskedForAPresenceAndRemovedWhenItOwnsNothing() {
    start("");
    endStartupAlone();
    fromPeer(presence(P, false, 0xffff, 2));
    h.barrier();
    h.net.timePasses(Duration.ofSeconds(5));
    EnrpMessage.Presence ask = next(peer, EnrpMessage.Presence.class);
    while (!ask.replyRequired() || ask.receiverServerId() != P) ask = next(peer, EnrpMessage.Presence.class);
    h.net.timePasses(Duration.ofSeconds(5));
    peer.awaitAssert(() -> {
      RegistrarSummary.PeerRecord p = h.summary(registrar).peers().get(0);
      assertEquals(0, p.serverId(), "a static peer stays, its ID forgotten");
      assertNull(p.timer());
      return null;
    });
    assertEquals(0, h.metrics.takeoversStarted());
  }

  @Test
  void aPresenceInTimeKeepsThePeer() {
    start("");
    endStartupAlone();
    for (int i = 0; i < 4; i++) {
      fromPeer(presence(P, false, 0xffff, 2));
      h.barrier();
      h.net.timePasses(Duration.ofSeconds(4));
    }
    assertEquals(List.of(P), h.summary(registrar).knownPeers());
    assertEquals("MAX_TIME_LAST_HEARD", h.summary(registrar).peers().get(0).timer());
  }
}
