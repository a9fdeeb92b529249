package org.rserpool.emulator.network.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;

/** RFC 4960's retransmission rules as {@link Associations} applies them, on a scripted path. */
class AssociationsTest {
  static final TransportAddress PE = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress PR = TransportAddress.parse("10.1.0.1:3863");
  static final long MS = 1_000_000L;
  static final SctpSettings LINUX = SctpSettings.LINUX;

  /** A path with a fixed one-way delay that loses the forward transmissions it is told to (by their order). */
  static final class Scripted implements Associations.Path {
    final long delay;
    final Deque<Boolean> forwardLost = new ArrayDeque<>();
    int forward;
    int back;

    Scripted(long delay, boolean... lost) {
      this.delay = delay;
      for (boolean l : lost) forwardLost.add(l);
    }

    @Override
    public long attempt(TransportAddress from, TransportAddress to, long atNanos) {
      if (from.equals(PE)) {
        forward++;
        Boolean lost = forwardLost.poll();
        return lost != null && lost ? -1 : delay;
      }
      back++;
      return delay;
    }
  }

  @Test
  void aMessageWithoutLossArrivesAfterTheDelayAndItsRoundTripSetsTheRto() {
    Associations a = new Associations(LINUX);
    Scripted path = new Scripted(10 * MS);
    Associations.Outcome o = a.send(PE, 1, PR, 1, 0, path);
    assertEquals(10 * MS, o.deliverAtNanos());
    assertEquals(0, o.retransmissions());
    assertEquals(-1, o.lostAtNanos());
    // RFC 4960 §6.3.1 C2: SRTT = R = 20 ms, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR = 60 ms, raised to RTO.Min (1 s).
    assertEquals(20 * MS, a.find(PE, PR).srttNanos(PE));
    assertEquals(1000 * MS, a.find(PE, PR).rtoNanos(PE));
  }

  @Test
  void aLostTransmissionIsSentAgainAfterTheRtoAndArrivesThen() {
    Associations a = new Associations(LINUX);
    Scripted path = new Scripted(10 * MS, true, true);
    Associations.Outcome o = a.send(PE, 1, PR, 1, 0, path);
    // RTO.Initial 3 s, doubled on each timeout (§6.3.3 E2): sent at 0, 3 s and 9 s; the third gets through.
    assertEquals(2, o.retransmissions());
    assertEquals(9000 * MS + 10 * MS, o.deliverAtNanos());
    assertEquals(3, path.forward);
    // Karn's rule: no measurement from a retransmitted message; the backed-off RTO stays.
    assertEquals(-1, a.find(PE, PR).srttNanos(PE));
    assertEquals(12_000 * MS, a.find(PE, PR).rtoNanos(PE));
  }

  @Test
  void aMessageWaitsForTheOneBeforeIt() {
    Associations a = new Associations(LINUX);
    Scripted path = new Scripted(10 * MS, true, false);
    long first = a.send(PE, 1, PR, 1, 0, path).deliverAtNanos();
    long second = a.send(PE, 1, PR, 1, 5 * MS, path).deliverAtNanos();
    assertEquals(3010 * MS, first);
    assertEquals(first, second, "in-order delivery: the second arrived at 15 ms but waits for the first");
  }

  @Test
  void afterMaxRetransUnansweredRetransmissionsTheAssociationIsLost() {
    SctpSettings s = new SctpSettings(true, Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(500), 3);
    Associations a = new Associations(s);
    Scripted path = new Scripted(10 * MS, true, true, true, true, true);
    Associations.Outcome o = a.send(PE, 1, PR, 1, 0, path);
    assertEquals(-1, o.deliverAtNanos());
    assertEquals(3, o.retransmissions());
    // 200 + 400 + 500 + 500 ms: the first transmission and three retransmissions, each waiting its RTO.
    assertEquals((200 + 400 + 500 + 500) * MS, o.lostAtNanos());
    assertEquals(Duration.ofMillis(1600), s.failureDetectionTime(Duration.ofMillis(200)));
    assertTrue(a.close(PE, PR, o.association()));
    assertFalse(a.close(PE, PR, o.association()), "closed once");
  }

  @Test
  void aRestartedReceiverAnswersTheOldAssociationWithAnAbort() {
    Associations a = new Associations(LINUX);
    Scripted path = new Scripted(MS);
    a.send(PR, 1, PE, 1, 0, path);
    Associations.Outcome o = a.send(PR, 1, PE, 2, 10 * MS, path);
    assertTrue(o.peerRestarted());
    assertEquals(-1, o.deliverAtNanos());
    assertEquals(null, a.find(PR, PE));
    assertFalse(a.send(PR, 1, PE, 2, 20 * MS, path).peerRestarted(), "the next message starts a new association");
  }

  @Test
  void aRestartedSenderStartsANewAssociationAndItsMessageArrives() {
    Associations a = new Associations(LINUX);
    Scripted path = new Scripted(MS);
    a.send(PE, 1, PR, 1, 0, path);
    Associations.Association old = a.find(PE, PR);
    Associations.Outcome o = a.send(PE, 2, PR, 1, 10 * MS, path);
    assertFalse(o.peerRestarted());
    assertEquals(11 * MS, o.deliverAtNanos());
    assertFalse(old.isOpen());
  }

  @Test
  void settingsOutsideTheirRangesAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SctpSettings(true, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1), 3));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SctpSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), -1));
  }
  @Test
  void badSettingsInTheConfigurationNameTheirKey() {
    com.typesafe.config.Config bad = com.typesafe.config.ConfigFactory.parseString("rserpool.network.sctp.rto-initial = 10ms")
        .withFallback(com.typesafe.config.ConfigFactory.defaultReference());
    com.typesafe.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(com.typesafe.config.ConfigException.class,
        () -> SctpSettings.fromConfig(bad));
    assertTrue(e.getMessage().contains("rserpool.network.sctp") && e.getMessage().contains("rto-initial"), e.getMessage());
    assertEquals(SctpSettings.LINUX, SctpSettings.fromConfig(com.typesafe.config.ConfigFactory.defaultReference()), "the defaults are Linux's");
  }
}
