package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;

/** The peer list as rsplib keeps it: static entries learn their ID, dynamic ones come and go. */
class PeerListTest {
  static final TransportAddress A = TransportAddress.parse("10.1.0.1:9901");
  static final TransportAddress B = TransportAddress.parse("10.1.0.2:9901");

  @Test
  void aStaticPeerLearnsItsIdFromItsAddressAndIsNewOnce() {
    PeerList peers = new PeerList(99);
    Peer stat = peers.addStatic(A);
    assertFalse(stat.known());
    PeerList.Registration first = peers.register(5, A);
    assertSame(stat, first.peer());
    assertTrue(first.isNew());
    assertFalse(peers.register(5, A).isNew());
    assertEquals(List.of(stat), peers.known());
  }

  @Test
  void unknownServersBecomeDynamicPeersThatFollowTheirAddress() {
    PeerList peers = new PeerList(99);
    Peer dynamic = peers.register(7, B).peer();
    assertFalse(dynamic.isStatic);
    peers.register(7, A);
    assertEquals(A, dynamic.address);
    assertNull(peers.register(0, A), "ID 0 is no server");
    assertNull(peers.register(99, A), "nor is the registrar itself");
  }

  @Test
  void removingKeepsAStaticEntryWithoutItsIdAndDropsADynamicOne() {
    PeerList peers = new PeerList(99);
    Peer stat = peers.addStatic(A);
    peers.register(5, A);
    Peer dynamic = peers.register(7, B).peer();
    peers.setTimer(stat, Peer.Timer.MAX_TIME_LAST_HEARD, 10);
    peers.setTimer(dynamic, Peer.Timer.TAKEOVER_EXPIRY, 20);
    assertEquals(List.of(stat, dynamic), peers.takeTimerChanges());
    peers.remove(stat);
    peers.remove(dynamic);
    assertEquals(List.of(stat), List.copyOf(peers.all()));
    assertEquals(0, stat.id);
    assertNull(stat.timer);
    assertEquals(List.of(stat, dynamic), peers.takeTimerChanges(), "the actor cancels the timers of both");
    assertNull(peers.find(5));
    assertTrue(peers.register(5, A).isNew(), "found again when heard again");
  }

  @Test
  void arbitrationFollowsTheRfcOrRsplibComparingUnsigned() {
    assertTrue(TakeoverArbitration.HIGHER_ID_WINS.givesWay(0x10, 0x20));
    assertFalse(TakeoverArbitration.HIGHER_ID_WINS.givesWay(0x20, 0x10));
    assertTrue(TakeoverArbitration.HIGHER_ID_WINS.givesWay(0x7fffffff, 0x80000000), "0x80000000 is larger unsigned");
    assertTrue(TakeoverArbitration.LOWER_ID_WINS.givesWay(0x20, 0x10));
    assertFalse(TakeoverArbitration.LOWER_ID_WINS.givesWay(0x10, 0x20));
  }
}
