package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.handlespace.Fixtures.HOME;
import static org.rserpool.emulator.handlespace.Fixtures.POOL;
import static org.rserpool.emulator.handlespace.Fixtures.handlespace;
import static org.rserpool.emulator.handlespace.Fixtures.ids;
import static org.rserpool.emulator.handlespace.Fixtures.loaded;
import static org.rserpool.emulator.handlespace.Fixtures.pe;
import static org.rserpool.emulator.handlespace.Fixtures.register;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rserpool.emulator.protocol.param.AddressParameter;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportParameter;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.UdpTransport;

/** Registration, consistency checks, ownership and checksums, mark and purge, timers. */
class HandlespaceTest {
  static final AddressParameter ADDRESS = Ipv4Address.of(10, 1, 16, 1);
  static final SctpTransport USER = SctpTransport.of(ADDRESS, 1024, TransportUse.DATA_ONLY);
  static final SctpTransport ASAP = SctpTransport.of(ADDRESS, 3863, TransportUse.DATA_ONLY);

  static PoolElementParameter with(int id, TransportParameter user, SctpTransport asap, PolicyType policy) {
    return new PoolElementParameter(id, HOME, 30_000, user, SelectionPolicy.of(policy), asap);
  }

  // Registration ------------------------------------------------------------------------------------

  @Test
  void aNewRegistrationCreatesThePoolAndAReRegistrationUpdatesTheEntry() {
    Handlespace hs = handlespace();
    RegistrationResult first = hs.register(POOL, pe(1, Fixtures.loaded(PolicyType.LEAST_USED, 0.5, 0)), 10);
    assertTrue(first.accepted());
    assertTrue(first.newEntry());
    assertEquals(0, first.cause());
    assertEquals(1, hs.poolCount());
    assertEquals(PolicyType.LEAST_USED, hs.pool(POOL).policyType());

    PoolElementParameter again = pe(1, Fixtures.loaded(PolicyType.LEAST_USED, 0.25, 0));
    RegistrationResult second = hs.register(POOL, again, 20);
    assertTrue(second.accepted());
    assertFalse(second.newEntry());
    assertTrue(second.relinked());
    assertEquals(HOME, second.previousOwner());
    assertSame(first.entry(), second.entry());
    assertSame(again, hs.find(POOL, 1).parameter());
    assertEquals(20, hs.find(POOL, 1).lastUpdateNanos());
    assertEquals(1, hs.poolElementCount());

    assertFalse(hs.register(POOL, again, 30).relinked(), "same values, no degradation: no re-link");
  }

  @Test
  void deregistrationRemovesTheEntryAndTheLastOneThePool() {
    Handlespace hs = handlespace();
    register(hs, pe(1, PolicyType.ROUND_ROBIN));
    register(hs, pe(2, PolicyType.ROUND_ROBIN));
    PoolElementEntry removed = hs.deregister(POOL, 1);
    assertEquals(1, removed.identifier());
    assertFalse(removed.isRegistered());
    assertNull(hs.deregister(POOL, 1));
    assertNull(hs.deregister(PoolHandle.of("other"), 2));
    assertEquals(List.of(2), ids(hs.select(POOL, 3, 0)));
    hs.deregister(POOL, 2);
    assertEquals(0, hs.poolCount());
    assertEquals(List.of(), hs.select(POOL, 3, 0));
    // Without members the pool's policy is gone: the next pool element may choose another one.
    assertTrue(hs.register(POOL, pe(3, PolicyType.LEAST_USED), 0).accepted());
  }

  @Test
  void poolsAreSeparate() {
    Handlespace hs = handlespace();
    PoolHandle other = PoolHandle.of("EchoPool");
    register(hs, pe(1, PolicyType.ROUND_ROBIN));
    assertTrue(hs.register(other, pe(1, PolicyType.LEAST_USED), 0).accepted());
    assertEquals(2, hs.poolCount());
    assertEquals(2, hs.poolElementCount());
    assertEquals(PolicyType.LEAST_USED, hs.find(other, 1).policy().type());
    hs.clear();
    assertEquals(0, hs.poolCount());
    assertEquals(0, hs.poolElementCount());
    assertEquals(0, hs.ownedCount(HOME));
  }

  // Consistency checks ------------------------------------------------------------------------------

  /** Every refusal with both cause sets (rserpool-protocol.md §12.3 and §4.12). */
  @ParameterizedTest
  @EnumSource(CauseSet.class)
  void everyConsistencyErrorHasItsCause(CauseSet set) {
    boolean rsplib = set == CauseSet.RSPLIB;
    Handlespace hs = handlespace(set, true);
    register(hs, with(1, USER, ASAP, PolicyType.ROUND_ROBIN));

    assertEquals(rsplib ? 0xf004 : 0x3, hs.register(PoolHandle.of("x".repeat(33)), pe(2, PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(rsplib ? 0xf004 : 0x3, hs.register(new PoolHandle(Bytes.EMPTY), pe(2, PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(rsplib ? 0xf000 : 0x3, hs.register(POOL, with(0, USER, ASAP, PolicyType.ROUND_ROBIN), 0).cause());

    RegistrationResult tcp = hs.register(POOL, with(2, new TcpTransport(1024, TransportUse.DATA_ONLY, ADDRESS), ASAP, PolicyType.ROUND_ROBIN), 0);
    assertEquals(rsplib ? 0x100a : 0x7, tcp.cause());
    assertEquals(RegistrationRefusal.INCONSISTENT_TRANSPORT_TYPE, tcp.refusal());
    assertEquals(USER, tcp.poolTransport(), "RFC 5354 §3.12: a transport parameter of the pool");

    int badAsap = rsplib ? 0xf006 : 0x3;
    assertEquals(badAsap, hs.register(POOL, with(2, USER, SctpTransport.of(ADDRESS, 3863, TransportUse.DATA_PLUS_CONTROL), PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(badAsap, hs.register(POOL, with(2, USER, SctpTransport.of(ADDRESS, 0, TransportUse.DATA_ONLY), PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(badAsap, hs.register(POOL, with(2, USER, new SctpTransport(3863, TransportUse.DATA_ONLY, List.of()), PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(badAsap, hs.register(POOL, with(2, USER, new SctpTransport(3863, TransportUse.DATA_ONLY, Collections.nCopies(65, ADDRESS)), PolicyType.ROUND_ROBIN), 0).cause());

    int badUser = rsplib ? 0xf005 : 0x3;
    assertEquals(badUser, hs.register(POOL, with(2, SctpTransport.of(ADDRESS, 0, TransportUse.DATA_ONLY), ASAP, PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(badUser, hs.register(POOL, with(2, new SctpTransport(1024, TransportUse.DATA_ONLY, List.of()), ASAP, PolicyType.ROUND_ROBIN), 0).cause());
    assertEquals(badUser, hs.register(POOL, with(2, new SctpTransport(1024, TransportUse.DATA_ONLY, Collections.nCopies(65, ADDRESS)), ASAP, PolicyType.ROUND_ROBIN), 0).cause());
    assertTrue(hs.register(POOL, with(2, new SctpTransport(1024, TransportUse.DATA_ONLY, Collections.nCopies(64, ADDRESS)), ASAP, PolicyType.ROUND_ROBIN), 0).accepted());

    assertEquals(0x8, hs.register(POOL, with(3, SctpTransport.of(ADDRESS, 1024, TransportUse.DATA_PLUS_CONTROL), ASAP, PolicyType.ROUND_ROBIN), 0).cause());

    RegistrationResult policy = hs.register(POOL, with(3, USER, ASAP, PolicyType.LEAST_USED), 0);
    assertEquals(0x5, policy.cause());
    assertEquals(SelectionPolicy.of(PolicyType.ROUND_ROBIN), policy.poolPolicy(), "RFC 5354 §3.12: the pool's policy");
    assertNull(policy.entry());

    assertEquals(2, hs.poolElementCount(), "refusals change nothing");
  }

  /** rsplib checks in a fixed order; a pool element that breaks every rule gets the first cause. */
  @Test
  void theChecksRunInRsplibsOrder() {
    Handlespace hs = handlespace(CauseSet.RSPLIB, true);
    register(hs, with(1, USER, ASAP, PolicyType.ROUND_ROBIN));
    TcpTransport tcpPortZero = new TcpTransport(0, TransportUse.DATA_PLUS_CONTROL, ADDRESS);
    SctpTransport badAsap = SctpTransport.of(ADDRESS, 0, TransportUse.DATA_ONLY);
    SctpTransport sctpPortZeroControl = SctpTransport.of(ADDRESS, 0, TransportUse.DATA_PLUS_CONTROL);
    SctpTransport control = SctpTransport.of(ADDRESS, 1024, TransportUse.DATA_PLUS_CONTROL);
    assertEquals(CauseCode.RSPLIB_INVALID_ID, hs.register(POOL, with(0, tcpPortZero, badAsap, PolicyType.LEAST_USED), 0).cause());
    assertEquals(CauseCode.RSPLIB_WRONG_PROTOCOL, hs.register(POOL, with(2, tcpPortZero, badAsap, PolicyType.LEAST_USED), 0).cause());
    assertEquals(CauseCode.RSPLIB_INVALID_REGISTRATOR, hs.register(POOL, with(2, sctpPortZeroControl, badAsap, PolicyType.LEAST_USED), 0).cause());
    assertEquals(CauseCode.RSPLIB_INVALID_ADDRESSES, hs.register(POOL, with(2, sctpPortZeroControl, ASAP, PolicyType.LEAST_USED), 0).cause());
    assertEquals(CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION, hs.register(POOL, with(2, control, ASAP, PolicyType.LEAST_USED), 0).cause());
    assertEquals(CauseCode.INCONSISTENT_POOLING_POLICY, hs.register(POOL, with(2, USER, ASAP, PolicyType.LEAST_USED), 0).cause());
  }

  /** A re-registration is checked like a registration; a refused one leaves the entry as it was. */
  @Test
  void aRefusedReRegistrationLosesNothing() {
    Handlespace hs = handlespace();
    PoolElementParameter original = pe(1, loaded(PolicyType.LEAST_USED, 0.3, 0));
    register(hs, original);
    assertEquals(CauseCode.INCONSISTENT_POOLING_POLICY, hs.register(POOL, pe(1, PolicyType.ROUND_ROBIN), 5).cause());
    assertSame(original, hs.find(POOL, 1).parameter());
    assertEquals(0, hs.find(POOL, 1).lastUpdateNanos());
  }

  @Test
  void otherTransportsAreCheckedForTheirPortAndTcpForItsTransportUse() {
    Handlespace hs = handlespace();
    assertEquals(CauseCode.INVALID_VALUES, hs.register(POOL, with(1, new UdpTransport(0, ADDRESS), null, PolicyType.ROUND_ROBIN), 0).cause());
    assertTrue(hs.register(POOL, with(1, new TcpTransport(80, TransportUse.DATA_PLUS_CONTROL, ADDRESS), null, PolicyType.ROUND_ROBIN), 0).accepted());
    assertEquals(CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION,
        hs.register(POOL, with(2, new TcpTransport(80, TransportUse.DATA_ONLY, ADDRESS), null, PolicyType.ROUND_ROBIN), 0).cause());
    PoolHandle opaque = PoolHandle.of("opaque");
    assertTrue(hs.register(opaque, with(1, new OpaqueTransport(Bytes.of((byte) 1)), null, PolicyType.RANDOM), 0).accepted());
  }

  // Ownership and checksums -------------------------------------------------------------------------

  @Test
  void ownershipFollowsTheHomeRegistrarAndChecksumsAreKeptPerOwner() {
    Handlespace hs = handlespace();
    int a = 0x11111111;
    int b = 0x22222222;
    PoolHandle echo = PoolHandle.of("EchoPool");
    PoolHandle scripting = PoolHandle.of("ScriptingPool");
    assertTrue(hs.register(echo, pe(0x12345678, a, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0).accepted());
    assertTrue(hs.register(echo, pe(0x00000001, a, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0).accepted());
    assertTrue(hs.register(scripting, pe(0xcafebabe, a, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0).accepted());
    assertTrue(hs.register(echo, pe(7, b, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0).accepted());
    // rserpool-protocol.md §7.1 test vector for the first three.
    assertEquals(0x53c8, hs.ownershipChecksum(a));
    assertEquals(3, hs.ownedCount(a));
    assertEquals(1, hs.ownedCount(b));
    assertEquals(Set.of(a, b), hs.owners());
    assertEquals(OwnershipChecksum.EMPTY, hs.ownershipChecksum(0x33333333));

    // A re-registration at another registrar moves the entry to it.
    RegistrationResult moved = hs.register(echo, pe(7, a, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 1);
    assertEquals(b, moved.previousOwner());
    assertEquals(0, hs.ownedCount(b));
    assertEquals(OwnershipChecksum.EMPTY, hs.ownershipChecksum(b));
    assertEquals(OwnershipChecksum.of(hs.ownedBy(a)), hs.ownershipChecksum(a));

    hs.changeOwner(hs.find(echo, 1), b);
    assertEquals(b, hs.find(echo, 1).parameter().homeEnrpServerIdentifier());
    assertEquals(3, hs.ownedCount(a));
    assertEquals(3, hs.transferOwnership(a, b));
    assertEquals(4, hs.ownedCount(b));
    assertEquals(Set.of(b), hs.owners());
    assertEquals(OwnershipChecksum.of(hs.ownedBy(b)), hs.ownershipChecksum(b));
    hs.deregister(scripting, 0xcafebabe);
    assertEquals(3, hs.ownedCount(b));
    assertEquals(OwnershipChecksum.of(hs.ownedBy(b)), hs.ownershipChecksum(b));
  }

  /** RFC 5353 §3.6.3: mark a peer's entries, re-register what its table lists, purge the rest. */
  @Test
  void markAndPurgeRemoveWhatTheResynchronisationDidNotConfirm() {
    Handlespace hs = handlespace();
    int peer = 0x44444444;
    for (int id = 1; id <= 5; id++) register(hs, pe(id, peer, SelectionPolicy.of(PolicyType.ROUND_ROBIN)));
    register(hs, pe(6, HOME, SelectionPolicy.of(PolicyType.ROUND_ROBIN)));
    assertEquals(5, hs.markOwnedBy(peer));
    assertTrue(hs.find(POOL, 1).isMarked());
    assertFalse(hs.find(POOL, 6).isMarked(), "only the peer's entries");
    register(hs, pe(2, peer, SelectionPolicy.of(PolicyType.ROUND_ROBIN)));
    register(hs, pe(4, peer, SelectionPolicy.of(PolicyType.ROUND_ROBIN)));
    assertFalse(hs.find(POOL, 2).isMarked());
    List<PoolElementEntry> purged = hs.purgeMarked(peer);
    assertEquals(List.of(1, 3, 5), ids(purged).stream().sorted().toList());
    assertEquals(List.of(2, 4, 6), hs.pool(POOL).entries().stream().map(PoolElementEntry::identifier).sorted().toList());
    assertEquals(2, hs.ownedCount(peer));
    assertEquals(List.of(), hs.purgeMarked(peer));
    assertEquals(0, hs.markOwnedBy(0x55555555));
  }

  // Timers ------------------------------------------------------------------------------------------

  @Test
  void expiryRemovesTheEntryWhenItsRegistrationLifeRunsOut() {
    Handlespace hs = handlespace();
    assertEquals(Long.MAX_VALUE, hs.nextTimerNanos());
    PoolElementEntry e = hs.register(POOL, pe(1, PolicyType.ROUND_ROBIN), 1_000).entry();
    register(hs, pe(2, PolicyType.ROUND_ROBIN));
    hs.startExpiryTimer(e);
    long expiry = 1_000 + 30_000 * 1_000_000L;
    assertEquals(expiry, e.expiryNanos());
    assertEquals(expiry, hs.nextTimerNanos());
    assertEquals(List.of(), hs.takeDueTimers(expiry - 1));
    List<Handlespace.DueTimer> due = hs.takeDueTimers(expiry);
    assertEquals(List.of(new Handlespace.DueTimer(e, EntryTimer.EXPIRY)), due);
    assertFalse(e.isRegistered());
    assertEquals(1, hs.poolElementCount());
    assertEquals(Long.MAX_VALUE, hs.nextTimerNanos());
  }

  /** An update refreshes the entry; the registrar re-arms the expiry from the new last update. */
  @Test
  void reArmingAfterAnUpdateMovesTheExpiry() {
    Handlespace hs = handlespace();
    PoolElementEntry e = hs.register(POOL, pe(1, PolicyType.ROUND_ROBIN), 0).entry();
    hs.startExpiryTimer(e);
    hs.register(POOL, pe(1, PolicyType.ROUND_ROBIN), 5_000_000_000L);
    assertEquals(30_000_000_000L, hs.nextTimerNanos(), "a registration leaves the timer running");
    hs.startExpiryTimer(e);
    assertEquals(35_000_000_000L, hs.nextTimerNanos());
    assertEquals(1, hs.timerCount());
    assertEquals(List.of(), hs.takeDueTimers(34_000_000_000L));
  }

  @Test
  void keepAliveTimersAreReportedInTimeOrderAndLeaveTheEntry() {
    Handlespace hs = handlespace();
    PoolElementEntry a = register(hs, pe(1, PolicyType.ROUND_ROBIN));
    PoolElementEntry b = register(hs, pe(2, PolicyType.ROUND_ROBIN));
    PoolElementEntry c = register(hs, pe(3, PolicyType.ROUND_ROBIN));
    hs.startTimer(c, EntryTimer.KEEP_ALIVE_TRANSMISSION, 50);
    hs.startTimer(b, EntryTimer.KEEP_ALIVE_TIMEOUT, 20);
    hs.startTimer(a, EntryTimer.KEEP_ALIVE_TRANSMISSION, 20);
    assertEquals(20, hs.nextTimerNanos());
    assertEquals(List.of(new Handlespace.DueTimer(a, EntryTimer.KEEP_ALIVE_TRANSMISSION), new Handlespace.DueTimer(b, EntryTimer.KEEP_ALIVE_TIMEOUT)),
        hs.takeDueTimers(30));
    assertTrue(a.isRegistered());
    assertNull(a.timer());
    assertEquals(EntryTimer.KEEP_ALIVE_TRANSMISSION, c.timer());
    hs.startTimer(c, EntryTimer.KEEP_ALIVE_TIMEOUT, 70);
    assertEquals(70, hs.nextTimerNanos());
    hs.stopTimer(c);
    assertEquals(Long.MAX_VALUE, hs.nextTimerNanos());
    hs.startTimer(a, EntryTimer.EXPIRY, 100);
    hs.deregister(POOL, 1);
    assertEquals(0, hs.timerCount(), "removal stops the timer");
    assertThrows(IllegalArgumentException.class, () -> hs.startTimer(a, EntryTimer.EXPIRY, 1));
  }

  @Test
  void manyTimersComeOutSorted() {
    Handlespace hs = handlespace();
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int id = 1; id <= 500; id++) {
      PoolElementEntry e = register(hs, pe(id, PolicyType.ROUND_ROBIN));
      hs.startTimer(e, EntryTimer.EXPIRY, random.nextLong(1_000));
    }
    for (int id = 1; id <= 500; id += 3) hs.stopTimer(hs.find(POOL, id));
    long last = -1;
    int taken = 0;
    for (Handlespace.DueTimer t : hs.takeDueTimers(1_000)) {
      assertTrue(t.entry().timerNanos() >= last);
      last = t.entry().timerNanos();
      taken++;
    }
    assertEquals(333, taken);
    assertEquals(167, hs.poolElementCount());
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    Handlespace hs = handlespace();
    register(hs, pe(1, PolicyType.ROUND_ROBIN));
    assertThrows(IllegalArgumentException.class, () -> hs.select(POOL, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> hs.select(POOL, 1, -1));
    assertThrows(IllegalStateException.class, () -> hs.pool(POOL).addOrUpdate(pe(2, PolicyType.ROUND_ROBIN), 0),
        "a handlespace's pool changes only through the handlespace");
    assertThrows(IllegalStateException.class, () -> hs.pool(POOL).remove(1));
    assertEquals(1, hs.poolElementCount());
    Pool cache = Pool.standalone(POOL, PolicyType.ROUND_ROBIN, new java.util.SplittableRandom(1), true);
    assertThrows(IllegalArgumentException.class, () -> cache.addOrUpdate(pe(2, PolicyType.RANDOM), 0));
    assertEquals(0, cache.size());
  }
}
