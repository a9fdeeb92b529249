package org.rserpool.emulator.network.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.Transmission;

class NetworkControlTest {
  static final TransportAddress PR1 = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress PE1 = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress PR2 = TransportAddress.parse("10.2.0.1:3863");
  static final TransportAddress PU2 = TransportAddress.parse("10.2.128.1:1800");

  final NetworkControl control = new NetworkControl(() -> 42, 1);

  @Test
  void aOneWayPartitionCutsOneDirectionOnly() {
    control.partition("", Selector.sites(1), Selector.sites(2), Direction.TO);
    assertTrue(control.partitioned(PR1, PR2));
    assertTrue(control.partitioned(PE1, PU2));
    assertFalse(control.partitioned(PR2, PR1));
    assertFalse(control.partitioned(PR1, PE1));
  }

  @Test
  void fromIsTheReverseDirectionAndBothCutsBoth() {
    Fault from = control.partition("", Selector.hosts("10.1.0.1"), Selector.endpoints(PR2), Direction.FROM);
    assertFalse(control.partitioned(PR1, PR2));
    assertTrue(control.partitioned(PR2, PR1));
    control.remove(from.id());
    control.partition("", Selector.hosts("10.1.0.1"), Selector.endpoints(PR2), Direction.BOTH);
    assertTrue(control.partitioned(PR1, PR2));
    assertTrue(control.partitioned(PR2, PR1));
    assertFalse(control.partitioned(PR2, PE1));
  }

  @Test
  void isolatingASiteCutsItFromEveryoneElseButNotFromItself() {
    control.partition("isolate site 1", Selector.sites(1), Selector.except(Selector.sites(1)), Direction.BOTH);
    assertTrue(control.partitioned(PE1, PU2));
    assertTrue(control.partitioned(PR2, PR1));
    assertFalse(control.partitioned(PE1, PR1));
    assertFalse(control.partitioned(PU2, PR2));
  }

  @Test
  void faultsAreListedWithIdsAndCanBeRemovedOneByOneOrAllAtOnce() {
    Fault p = control.partition("cut", Selector.sites(1), Selector.sites(2), Direction.BOTH);
    Fault i = control.impair("slow", Selector.all(), Selector.all(), Direction.BOTH, LinkProfile.constant(Duration.ofMillis(100)));
    assertEquals(List.of(p, i), control.faults());
    assertEquals(42, p.createdAtNanos());
    assertEquals("slow", control.fault(i.id()).orElseThrow().name());
    assertTrue(p.describe().contains("partition sites 1 <-> sites 2"), p.describe());
    assertTrue(i.describe().contains("impairment all <-> all: delay 100ms"), i.describe());
    assertFalse(control.remove("fault-999"));
    assertEquals(1, control.heal());
    assertEquals(List.of(i), control.faults());
    assertFalse(control.partitioned(PR1, PR2));
    assertEquals(1, control.clearImpairments());
    control.partition("", Selector.sites(1), Selector.sites(2), Direction.BOTH);
    control.partition("", Selector.sites(2), Selector.sites(1), Direction.BOTH);
    assertEquals(2, control.reset());
    assertEquals(List.of(), control.faults());
  }

  @Test
  void impairmentsAddTheirDelayInTheirDirection() {
    control.impair("", Selector.sites(1), Selector.sites(2), Direction.TO, LinkProfile.constant(Duration.ofMillis(30)));
    Transmission there = Transmission.start();
    control.impair(PR1, PR2, there, 0, 100);
    assertEquals(30_000_000L, there.delayNanos(0));
    Transmission back = Transmission.start();
    control.impair(PR2, PR1, back, 0, 100);
    assertEquals(0L, back.delayNanos(0));
  }

  @Test
  void badArgumentsAreRejectedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> control.partition("", null, Selector.sites(2), Direction.BOTH));
    assertTrue(e.getMessage().contains("both sides"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> control.partition("", Selector.sites(1), Selector.sites(2), null));
    assertTrue(e.getMessage().contains("direction"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Selector.sites(0));
    assertTrue(e.getMessage().contains("site out of range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Selector.Hosts(java.util.Set.of()));
    assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> control.impair("", Selector.all(), Selector.all(), Direction.TO, null));
    assertTrue(e.getMessage().contains("link parameters"), e.getMessage());
    assertEquals(List.of(), control.faults());
  }
}
