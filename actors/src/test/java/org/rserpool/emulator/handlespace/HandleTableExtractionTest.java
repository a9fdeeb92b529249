package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.handlespace.Fixtures.handlespace;
import static org.rserpool.emulator.handlespace.Fixtures.pe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/** ENRP_HANDLE_TABLE_RESPONSE extraction in chunks (RFC 5353 §2.4, M bit; rsplib HandleTableExtract). */
class HandleTableExtractionTest {
  static final PoolHandle A = PoolHandle.of("zz");
  static final PoolHandle B = PoolHandle.of("abc");
  static final PoolHandle C = PoolHandle.of("abd");

  record Sent(PoolHandle handle, int id) {}

  /** Takes chunks until M is clear; checks the M bit and the chunk limit on the way. */
  static List<Sent> drain(HandleTableExtraction x, int limit) {
    List<Sent> sent = new ArrayList<>();
    while (true) {
      HandleTableExtraction.HandleTableChunk chunk = x.next(limit);
      assertTrue(chunk.poolElementCount() <= Math.min(limit, HandleTableExtraction.MAX_ENTRIES_PER_CHUNK));
      int count = 0;
      for (PoolEntry p : chunk.poolEntries()) {
        assertFalse(p.poolElements().isEmpty());
        for (PoolElementParameter pe : p.poolElements()) sent.add(new Sent(p.poolHandle(), pe.identifier()));
        count += p.poolElements().size();
      }
      assertEquals(chunk.poolElementCount(), count);
      assertEquals(!x.finished(), chunk.moreToSend(), "M bit says whether entries remain");
      if (!chunk.moreToSend()) return sent;
      assertEquals(Math.min(limit, HandleTableExtraction.MAX_ENTRIES_PER_CHUNK), count, "only the last chunk is short");
    }
  }

  static Handlespace filled(int perPool, int owners) {
    Handlespace hs = handlespace();
    for (PoolHandle h : List.of(A, B, C)) {
      for (int id = 1; id <= perPool; id++) {
        assertTrue(hs.register(h, pe(id * 7919, 1 + id % owners, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0).accepted());
      }
    }
    return hs;
  }

  @Property(tries = 60)
  void everyEntryExactlyOnceAcrossChunks(@ForAll @IntRange(min = 0, max = 400) int perPool, @ForAll @IntRange(min = 1, max = 300) int limit) {
    Handlespace hs = filled(perPool, 3);
    List<Sent> all = drain(hs.extractAll(), limit);
    assertEquals(3 * perPool, all.size());
    assertEquals(all.size(), new HashSet<>(all).size());
    int owned = 0;
    for (int owner = 1; owner <= 3; owner++) {
      List<Sent> mine = drain(hs.extractOwnedBy(owner), limit);
      assertEquals(hs.ownedCount(owner), mine.size());
      for (Sent s : mine) assertEquals(owner, hs.find(s.handle(), s.id()).owner());
      owned += mine.size();
    }
    assertEquals(all.size(), owned);
  }

  /** rsplib's order: shorter pool handles first, then bytewise; PE identifiers as unsigned numbers. */
  @Test
  void poolsInHandleOrderAndElementsByIdentifier() {
    Handlespace hs = handlespace();
    hs.register(A, pe(5, PolicyType.ROUND_ROBIN), 0);
    hs.register(C, pe(0x80000000, PolicyType.ROUND_ROBIN), 0);
    hs.register(C, pe(3, PolicyType.ROUND_ROBIN), 0);
    hs.register(B, pe(9, PolicyType.ROUND_ROBIN), 0);
    HandleTableExtraction.HandleTableChunk chunk = hs.extractAll().next(128);
    assertFalse(chunk.moreToSend());
    assertEquals(List.of(A, B, C), chunk.poolEntries().stream().map(PoolEntry::poolHandle).toList());
    assertEquals(List.of(3, 0x80000000), chunk.poolEntries().get(2).poolElements().stream().map(PoolElementParameter::identifier).toList());
  }

  /** A table that fills its chunks exactly ends without an empty extra response (rsplib would send one). */
  @Test
  void anExactMultipleEndsWithTheLastFullChunk() {
    Handlespace hs = filled(10, 1);
    HandleTableExtraction x = hs.extractAll();
    assertTrue(x.next(15).moreToSend());
    HandleTableExtraction.HandleTableChunk last = x.next(15);
    assertEquals(15, last.poolElementCount());
    assertFalse(last.moreToSend());
    assertEquals(0, x.next(15).poolElementCount());
  }

  @Test
  void chunksAreCappedAt1024() {
    Handlespace hs = filled(400, 1);
    HandleTableExtraction.HandleTableChunk chunk = hs.extractAll().next(5000);
    assertEquals(1024, chunk.poolElementCount());
    assertTrue(chunk.moreToSend());
  }

  /** Between chunks the handlespace changes: removed entries are skipped, updates show, new ones wait for their update. */
  @Test
  void changesBetweenChunks() {
    Handlespace hs = filled(20, 2);
    HandleTableExtraction x = hs.extractOwnedBy(1);
    List<Sent> first = new ArrayList<>();
    for (PoolEntry p : x.next(10).poolEntries()) for (PoolElementParameter pe : p.poolElements()) first.add(new Sent(p.poolHandle(), pe.identifier()));
    // Remove one not yet sent, move another to owner 2, update a third, add a new one.
    List<PoolElementEntry> pending = new ArrayList<>();
    Set<Sent> sentSet = new HashSet<>(first);
    for (PoolElementEntry e : hs.ownedBy(1)) if (!sentSet.contains(new Sent(e.poolHandle(), e.identifier()))) pending.add(e);
    pending.sort((a, b) -> Integer.compareUnsigned(a.identifier(), b.identifier()));
    PoolElementEntry removed = pending.get(0);
    PoolElementEntry moved = pending.get(1);
    PoolElementEntry updated = pending.get(2);
    hs.remove(removed);
    hs.changeOwner(moved, 2);
    PoolElementParameter old = updated.parameter();
    PoolElementParameter newer = new PoolElementParameter(old.identifier(), 1, 12_345, old.userTransport(), old.policy(), old.asapTransport());
    hs.register(updated.poolHandle(), newer, 99);
    hs.register(A, pe(1, 1, SelectionPolicy.of(PolicyType.ROUND_ROBIN)), 0);
    List<PoolElementParameter> rest = new ArrayList<>();
    HandleTableExtraction.HandleTableChunk chunk;
    do {
      chunk = x.next(10);
      for (PoolEntry p : chunk.poolEntries()) rest.addAll(p.poolElements());
    } while (chunk.moreToSend());
    Set<Integer> restIds = new HashSet<>();
    for (PoolElementParameter p : rest) restIds.add(p.identifier());
    assertFalse(restIds.contains(removed.identifier()));
    assertFalse(restIds.contains(moved.identifier()));
    assertFalse(restIds.contains(1), "registered after the start");
    assertTrue(rest.contains(newer));
    assertEquals(pending.size() - 2, rest.size());
  }

  /** The registrar's byte budget stops a chunk early; it is asked for every entry, and the first is always taken. */
  @Test
  void theBudgetEndsAChunkEarly() {
    Handlespace hs = filled(5, 1);
    HandleTableExtraction x = hs.extractAll();
    int[] asked = {0};
    HandleTableExtraction.HandleTableChunk chunk = x.next(128, (handle, newPool, pe) -> ++asked[0] <= 3);
    assertEquals(3, chunk.poolElementCount());
    assertTrue(chunk.moreToSend());
    HandleTableExtraction.HandleTableChunk one = x.next(128, (handle, newPool, pe) -> false);
    assertEquals(1, one.poolElementCount());
    List<Boolean> newPools = new ArrayList<>();
    x.next(128, (handle, newPool, pe) -> newPools.add(newPool));
    assertEquals(List.of(true, true, false, false, false, false, true, false, false, false, false), newPools, "asked for the first entry too");
    assertThrows(IllegalArgumentException.class, () -> x.next(0));
  }
}
