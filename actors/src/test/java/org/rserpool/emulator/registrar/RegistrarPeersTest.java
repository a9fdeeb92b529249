package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.registrar.RegistrarHarness.POOL;
import static org.rserpool.emulator.registrar.RegistrarHarness.asap;
import static org.rserpool.emulator.registrar.RegistrarHarness.registrarHost;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.fault.Direction;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * Several real registrars on the manual-time network (1 ms links), with pool elements that register,
 * acknowledge keep-alives and follow the H bit ({@link FakePoolElements}): the mentor download, the
 * audit repairing lost handle updates, a crash taken over by one survivor, concurrent takeovers, and a
 * partition that heals.
 */
class RegistrarPeersTest {
  static ActorTestKit testKit;
  static final int A = 0x11111111;
  static final int B = 0x22222222;
  static final int C = 0x33333333;
  static final Duration STEP = Duration.ofMillis(50);

  RegistrarHarness h;
  FakePoolElements pes;
  final List<ActorRef<Registrar.Command>> registrars = new ArrayList<>();
  final List<RegistrarIdentity> identities = new ArrayList<>();

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarPeersTest", ManualNetwork.config());
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  ActorRef<Registrar.Command> startRegistrar(int index, int id, String settings, int... peers) {
    RegistrarIdentity identity = RegistrarHarness.identity(index, id, peers);
    ActorRef<Registrar.Command> ref = h.start(identity, RegistrarHarness.settings(settings));
    registrars.add(ref);
    identities.add(identity);
    return ref;
  }

  /** Pool elements 1..n; pool element k registers first with registrar homes[k % homes.length]. */
  void startPoolElements(int n, Duration reregistration, int... homes) {
    pes = new FakePoolElements();
    List<TransportAddress> first = new ArrayList<>();
    for (int k = 1; k <= n; k++) first.add(asap(homes[k % homes.length]));
    ActorRef<Object> actor = testKit.spawn(pes.behavior(h.net, POOL, first, reregistration));
    h.addBarrierActor(actor);
  }

  List<RegistrarSummary> summaries() {
    List<RegistrarSummary> list = new ArrayList<>();
    for (ActorRef<Registrar.Command> r : registrars) list.add(h.summary(r));
    return list;
  }

  /** Every running registrar has {@code n} pool elements, and all agree on them and their owners. */
  boolean agree(int n) {
    List<RegistrarSummary> all = summaries();
    RegistrarSummary first = all.get(0);
    for (RegistrarSummary s : all) {
      if (s.startupPhase() || s.poolElements().size() != n) return false;
      if (!s.poolElements().equals(first.poolElements()) || !s.owners().equals(first.owners()) || s.digest() != first.digest()) return false;
    }
    return true;
  }

  /** Each registrar's own PE checksum is what every other registrar holds for it (RFC 5353 §3.6). */
  void assertChecksumsConsistent() {
    List<RegistrarSummary> all = summaries();
    for (RegistrarSummary owner : all) {
      for (RegistrarSummary other : all) {
        int held = other.owners().stream().filter(o -> o.serverId() == owner.serverId()).mapToInt(RegistrarSummary.OwnerRecord::checksum)
            .findFirst().orElse(0xffff);
        assertEquals(owner.ownChecksum(), held, other.name() + "'s view of " + owner.name());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aNewRegistrarDownloadsTheHandlespaceFromItsMentor() {
    h = new RegistrarHarness(testKit, Duration.ofMillis(1));
    startRegistrar(1, A, "", 2);
    h.advance(Duration.ofSeconds(6), STEP); // A's startup phase ends alone: B is not there yet
    startPoolElements(150, null, 1);
    h.advanceUntil(() -> h.summary(registrars.get(0)).poolElements().size() == 150, Duration.ofSeconds(10), STEP);
    h.advance(Duration.ofSeconds(1), STEP);
    long requestsBefore = h.metrics.handleTableRequests();
    ActorRef<Registrar.Command> b = startRegistrar(2, B, "", 1);
    Duration took = h.advanceUntil(() -> !h.summary(b).startupPhase(), Duration.ofSeconds(6), STEP);
    assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "the mentor answered the startup greeting at once: " + took);
    assertEquals(1, h.metrics.startupsWithMentor());
    RegistrarSummary mentor = h.summary(registrars.get(0));
    RegistrarSummary copy = h.summary(b);
    assertEquals(mentor.poolElements(), copy.poolElements());
    assertEquals(mentor.owners(), copy.owners());
    assertTrue(h.metrics.handleTableRequests() - requestsBefore >= 5, "150 pool elements come in several 1400-byte chunks");
    assertChecksumsConsistent();
  }

  @Test
  void theAuditRepairsLostHandleUpdatesWithSeveralChunksAndPurges() {
    h = new RegistrarHarness(testKit, Duration.ofMillis(1));
    startRegistrar(1, A, "max-elements-per-handle-table-request = 8", 2);
    startRegistrar(2, B, "update-loss-probability = 1", 1);
    h.advance(Duration.ofSeconds(6), STEP);
    startPoolElements(40, null, 1);
    h.advanceUntil(() -> h.summary(registrars.get(0)).poolElements().size() == 40, Duration.ofSeconds(2), STEP);
    assertEquals(0, h.metrics.handleUpdates(), "every handle update to B is lost");
    long requests = h.metrics.handleTableRequests();
    h.advanceUntil(() -> agree(40), Duration.ofSeconds(10), STEP);
    assertTrue(h.metrics.handleTableRequests() - requests >= 5, "40 pool elements, 8 per chunk: at least 5 requests");
    assertChecksumsConsistent();

    // Pool element 7 leaves A; the DEL_PE to B is lost too; B's next audit purges it.
    h.net.network().send(new Packet(FakePoolElements.asapAddress(7), asap(1), new AsapMessage.Deregistration(POOL, 7)));
    h.advanceUntil(() -> agree(39), Duration.ofSeconds(10), STEP);
    assertEquals(1, h.metrics.purgedPoolElements());
    assertChecksumsConsistent();
  }

  /** Three registrars; one crashes; a survivor takes over all its pool elements and each acks the new home. */
  void crashAndTakeOver(String settings, int expectedWinner, int winnerIndex) {
    h = new RegistrarHarness(testKit, Duration.ofMillis(1));
    startRegistrar(1, A, settings, 2, 3);
    startRegistrar(2, B, settings, 1, 3);
    startRegistrar(3, C, settings, 1, 2);
    h.advance(Duration.ofSeconds(6), STEP);
    startPoolElements(30, null, 1, 2, 3);
    h.advanceUntil(() -> agree(30), Duration.ofSeconds(10), STEP);
    assertEquals(10, h.summary(registrars.get(2)).ownedBy(C));

    ActorRef<Registrar.Command> c = registrars.remove(2);
    h.crash(c, identities.get(2));
    Duration took = h.advanceUntil(() -> agree(30) && summaries().get(0).ownedBy(C) == 0, Duration.ofSeconds(30), STEP);
    // Last heard + no response + takeover exchange: at most 5 + 5 s after the last presence, plus messages.
    assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "takeover completed in " + took);
    RegistrarSummary survivor = summaries().get(0);
    assertEquals(20, survivor.ownedBy(expectedWinner), "the winner owns its own and C's pool elements");
    assertEquals(2, h.metrics.takeoversStarted(), "both survivors noticed at the same moment");
    assertEquals(1, h.metrics.takeoversByConsent(), "exactly one completed");
    assertEquals(0, h.metrics.takeoversByTimeout());
    for (int k = 2; k <= 30; k += 3) { // C's pool elements: homes[k % 3] = 3
      assertEquals(asap(winnerIndex), pes.homeBitFrom.get(k), "pool element " + k + " heard the H bit from the winner");
      assertEquals(asap(winnerIndex), pes.homes.get(k));
    }
    long acks = h.metrics.keepAliveAcksReceived();
    h.advance(Duration.ofSeconds(12), STEP);
    assertTrue(agree(30), "nobody lost a pool element: each acknowledged its new home");
    assertTrue(h.metrics.keepAliveAcksReceived() - acks >= 40, "keep-alives continue and are answered");
    assertEquals(0, h.metrics.keepAliveTimeouts());
    assertChecksumsConsistent();
    assertFalse(survivor.knownPeers().contains(C));
  }

  @Test
  void aCrashedRegistrarIsTakenOverByTheHigherIdAsRfc5353Says() {
    crashAndTakeOver("", B, 2);
  }

  @Test
  void aCrashedRegistrarIsTakenOverByTheLowerIdWithRsplibsArbitration() {
    crashAndTakeOver("takeover-arbitration = rsplib", A, 1);
  }

  /**
   * C is cut off from the other registrars (pool elements still reach everyone) long enough for both
   * sides to take the other over; after the partition heals, audits and re-registrations bring all
   * three back to one handlespace.
   */
  @Test
  void aPartitionedRegistrarThatComesBackConverges() {
    h = new RegistrarHarness(testKit, Duration.ofMillis(1));
    startRegistrar(1, A, "", 2, 3);
    startRegistrar(2, B, "", 1, 3);
    startRegistrar(3, C, "", 1, 2);
    h.advance(Duration.ofSeconds(6), STEP);
    startPoolElements(30, Duration.ofSeconds(30), 1, 2, 3);
    h.advanceUntil(() -> agree(30), Duration.ofSeconds(10), STEP);

    Fault cut = h.net.network().control().partition("C alone", Selector.hosts(registrarHost(3)),
        Selector.hosts(registrarHost(1), registrarHost(2)), Direction.BOTH);
    h.advance(Duration.ofSeconds(25), STEP);
    assertTrue(h.metrics.takeoversByConsent() + h.metrics.takeoversByTimeout() >= 2, "both sides took the other over");
    assertFalse(agree(30), "split brain while partitioned");

    h.net.network().control().remove(cut.id());
    Duration took = h.advanceUntil(() -> agree(30), Duration.ofSeconds(180), STEP);
    h.advance(Duration.ofSeconds(10), STEP);
    assertTrue(agree(30), "still agreed 10 s later (converged in " + took + ")");
    assertChecksumsConsistent();
    for (RegistrarSummary s : summaries()) assertEquals(2, s.knownPeers().size(), s.name() + " knows both peers again");
  }
}
