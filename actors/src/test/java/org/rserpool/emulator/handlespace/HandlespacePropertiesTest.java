package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * Random operation sequences against a simple model: the handlespace holds exactly the model's
 * entries with their owners, its trees, owner lists and timer queue stay consistent, and every
 * incrementally kept ownership checksum equals the one recomputed from scratch.
 */
class HandlespacePropertiesTest {
  static final PoolHandle[] POOLS = {PoolHandle.of("CalcAppPool"), PoolHandle.of("EchoPool"), PoolHandle.of("ab"), PoolHandle.of("Z")};
  static final PolicyType[] POLICIES = {PolicyType.LEAST_USED_DEGRADATION, PolicyType.WEIGHTED_RANDOM, PolicyType.WEIGHTED_ROUND_ROBIN, PolicyType.RANDOM};
  static final int[] OWNERS = {1, 2, 0xfffffff0};

  enum Kind { REGISTER, DEREGISTER, SELECT, CHANGE_OWNER, MARK, PURGE, TIMER, EXPIRE, TRANSFER }

  record Action(Kind kind, int pool, int id, int owner, int value) {}

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Action> action = Combinators.combine(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, Arbitraries.just(Kind.REGISTER)), net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DEREGISTER)),
            net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.SELECT)), net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.CHANGE_OWNER)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.MARK)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.PURGE)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.TIMER)), net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.TRANSFER))),
        Arbitraries.integers().between(0, POOLS.length - 1),
        Arbitraries.integers().between(1, 40),
        Arbitraries.integers().between(0, OWNERS.length - 1),
        Arbitraries.integers().between(0, 1000)).as(Action::new);
    return action.list().ofMaxSize(400);
  }

  record Key(int pool, int id) {}

  @Property(tries = 150)
  void handlespaceMatchesTheModelAndChecksumsStayExact(@ForAll("actions") List<Action> actions) {
    Handlespace hs = new Handlespace(Handlespace.Options.defaults(), new SplittableRandom(1));
    Map<Key, Integer> owners = new HashMap<>();
    Set<Key> marked = new HashSet<>();
    Map<Key, Long> expiries = new HashMap<>();
    for (Action a : actions) {
      Key key = new Key(a.pool(), a.id());
      PoolHandle handle = POOLS[a.pool()];
      int owner = OWNERS[a.owner()];
      switch (a.kind()) {
        case REGISTER -> {
          PolicyType type = POLICIES[a.pool()];
          SelectionPolicy policy = type == PolicyType.RANDOM ? SelectionPolicy.of(type)
              : type == PolicyType.LEAST_USED_DEGRADATION ? new SelectionPolicy(type, 0, a.value() * 4_000_000L, 40_000_000, 0, 0, 0)
              : new SelectionPolicy(type, a.value() % 7, 0, 0, 0, 0, 0);
          PoolElementParameter pe = Fixtures.pe(a.id(), owner, policy);
          assertTrue(hs.register(handle, pe, a.value()).accepted());
          owners.put(key, owner);
          marked.remove(key);
        }
        case DEREGISTER -> {
          assertEquals(owners.remove(key) != null, hs.deregister(handle, a.id()) != null);
          marked.remove(key);
          expiries.remove(key);
        }
        case SELECT -> {
          List<PoolElementEntry> picked = hs.select(handle, 1 + a.value() % 5, a.id() % 4);
          assertTrue(picked.size() <= Math.min(1 + a.value() % 5, hs.pool(handle) == null ? 0 : hs.pool(handle).size()));
          assertEquals(picked.size(), new HashSet<>(picked).size(), "no entry twice");
        }
        case CHANGE_OWNER -> {
          PoolElementEntry e = hs.find(handle, a.id());
          if (e != null) {
            hs.changeOwner(e, owner);
            owners.put(key, owner);
          }
        }
        case MARK -> {
          hs.markOwnedBy(owner);
          owners.forEach((k, o) -> {
            if (o == owner) marked.add(k);
          });
        }
        case PURGE -> {
          int purged = hs.purgeMarked(owner).size();
          int expected = 0;
          for (Key k : Set.copyOf(marked)) {
            if (owners.get(k) == owner) {
              owners.remove(k);
              marked.remove(k);
              expiries.remove(k);
              expected++;
            }
          }
          assertEquals(expected, purged);
        }
        case TIMER -> {
          PoolElementEntry e = hs.find(handle, a.id());
          if (e != null) {
            hs.startTimer(e, EntryTimer.EXPIRY, a.value());
            expiries.put(key, (long) a.value());
          }
        }
        case EXPIRE -> {
          int expected = 0;
          for (Map.Entry<Key, Long> x : Set.copyOf(expiries.entrySet())) {
            if (x.getValue() <= a.value()) {
              owners.remove(x.getKey());
              marked.remove(x.getKey());
              expiries.remove(x.getKey());
              expected++;
            }
          }
          assertEquals(expected, hs.takeDueTimers(a.value()).size());
        }
        case TRANSFER -> {
          int to = OWNERS[(a.owner() + 1) % OWNERS.length];
          hs.transferOwnership(owner, to);
          owners.replaceAll((k, o) -> o == owner ? to : o);
        }
      }
      hs.verify();
    }
    assertEquals(owners.size(), hs.poolElementCount());
    for (Map.Entry<Key, Integer> x : owners.entrySet()) {
      PoolElementEntry e = hs.find(POOLS[x.getKey().pool()], x.getKey().id());
      assertEquals(x.getValue(), e.owner());
      assertEquals(marked.contains(x.getKey()), e.isMarked());
    }
    for (int owner : OWNERS) {
      assertEquals(OwnershipChecksum.of(hs.ownedBy(owner)), hs.ownershipChecksum(owner));
      assertEquals(owners.values().stream().filter(o -> o == owner).count(), hs.ownedCount(owner));
    }
    assertEquals(expiries.size(), hs.timerCount());
  }
}
