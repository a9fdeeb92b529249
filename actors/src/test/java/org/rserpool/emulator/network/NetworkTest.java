package org.rserpool.emulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.EmulationClock;

class NetworkTest {
  static ActorTestKit testKit;
  static final TransportAddress A = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress B = TransportAddress.parse("10.1.128.1:1800");

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("NetworkTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aPacketArrivesAfterTheOneWayDelayNotBefore() {
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ofMillis(300), new SimpleMeterRegistry())) {
      TestProbe<Packet> b = testKit.createTestProbe();
      network.bind(B, b.ref());
      network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(1)));
      b.expectNoMessage(Duration.ofMillis(200));
      Packet p = b.expectMessageClass(Packet.class, Duration.ofSeconds(5));
      assertEquals(A, p.source());
      assertEquals(new CalcAppMessage.KeepAlive(1), p.message());
      assertEquals(1, network.delivered());
    }
  }

  @Test
  void theTimeScaleShortensTheRealDelay() {
    // 100 s emulated at time-scale 1000 is 100 ms real.
    try (Network network = new Network(EmulationClock.scaled(1000), Duration.ofSeconds(100), new SimpleMeterRegistry())) {
      TestProbe<Packet> b = testKit.createTestProbe();
      network.bind(B, b.ref());
      network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(1)));
      b.expectMessageClass(Packet.class, Duration.ofSeconds(5));
    }
  }

  @Test
  void aPacketToAnAddressNobodyIsBoundToIsDroppedAndCounted() {
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry())) {
      network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(1)));
      assertEquals(1, network.unroutable());
      assertEquals(0, network.delivered());
    }
  }

  @Test
  void packetsSentAreCountedByProtocolAndMessageType() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, registry)) {
      network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(1)));
      network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(2)));
      network.send(new Packet(A, B, new CalcAppMessage.KeepAliveAck(2)));
      assertEquals(2, registry.get("rserpool.messages.sent").tags("protocol", "calcapp", "type", "CALCAPP_KEEPALIVE").counter().count());
      assertEquals(1, registry.get("rserpool.messages.sent").tags("protocol", "calcapp", "type", "CALCAPP_KEEPALIVE_ACK").counter().count());
      // Every known type has its series from the start (a dashboard shows 0, not "no data").
      assertEquals(0, registry.get("rserpool.messages.sent").tags("protocol", "enrp", "type", "ENRP_PRESENCE").counter().count());
      assertEquals(14 + 1, registry.find("rserpool.messages.sent").tag("protocol", "asap").counters().size(), "14 ASAP types and unknown");
      assertEquals(10 + 1, registry.find("rserpool.messages.sent").tag("protocol", "enrp").counters().size(), "10 ENRP types and unknown");
      assertEquals(3, network.sent(org.rserpool.emulator.protocol.PayloadProtocol.CALCAPP));
    }
  }

  @Test
  void aConstantDelayKeepsTheOrderBetweenTwoEndpoints() {
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ofMillis(5), new SimpleMeterRegistry())) {
      TestProbe<Packet> b = testKit.createTestProbe();
      network.bind(B, b.ref());
      for (int i = 0; i < 1000; i++) network.send(new Packet(A, B, new CalcAppMessage.KeepAlive(i)));
      for (int i = 0; i < 1000; i++) {
        assertEquals(i, b.expectMessageClass(Packet.class, Duration.ofSeconds(5)).message() instanceof CalcAppMessage.KeepAlive k ? k.jobId() : -1);
      }
    }
  }

  @Test
  void anAddressCanBeBoundOnlyOnceUntilReleased() {
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry())) {
      TestProbe<Packet> first = testKit.createTestProbe();
      TestProbe<Packet> second = testKit.createTestProbe();
      network.bind(A, first.ref());
      assertThrows(IllegalStateException.class, () -> network.bind(A, second.ref()));
      network.unbind(A, second.ref());
      assertEquals(true, network.isBound(A));
      network.unbind(A, first.ref());
      network.bind(A, second.ref());
    }
  }

  @Test
  void aMulticastPacketReachesEveryMemberOfTheGroupInTheSendersSiteOnly() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    TransportAddress registrar = TransportAddress.parse("10.1.0.1:3863");
    TransportAddress pe = TransportAddress.parse("10.1.16.1:3863");
    TransportAddress pu = TransportAddress.parse("10.1.128.1:3863");
    TransportAddress elsewhere = TransportAddress.parse("10.2.16.1:3863");
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry())) {
      TestProbe<Packet> self = testKit.createTestProbe();
      TestProbe<Packet> near1 = testKit.createTestProbe();
      TestProbe<Packet> near2 = testKit.createTestProbe();
      TestProbe<Packet> far = testKit.createTestProbe();
      Endpoint sender = new Endpoint(network, self.ref()).bind(registrar).join(group, registrar);
      new Endpoint(network, near1.ref()).bind(pe).join(group, pe);
      Endpoint leaving = new Endpoint(network, near2.ref()).bind(pu).join(group, pu);
      new Endpoint(network, far.ref()).bind(elsewhere).join(group, elsewhere);

      sender.send(registrar, group, new CalcAppMessage.KeepAlive(1));
      Packet copy = near1.expectMessageClass(Packet.class);
      assertEquals(group, copy.destination());
      assertEquals(pe, copy.receiver());
      assertEquals(true, copy.multicast());
      assertEquals(pu, near2.expectMessageClass(Packet.class).receiver());
      far.expectNoMessage(Duration.ofMillis(100));
      self.expectNoMessage(Duration.ofMillis(10));
      assertEquals(pe, copy.reply(new CalcAppMessage.KeepAliveAck(1)).source(), "a reply comes from the member's own address");

      leaving.close();
      sender.send(registrar, group, new CalcAppMessage.KeepAlive(2));
      near1.expectMessageClass(Packet.class);
      near2.expectNoMessage(Duration.ofMillis(100));
    }
  }

  /**
   * Over a constant LAN link a datagram to a group waits as one packet and fans out when due, on the
   * executor given (in chunks): every member of the site gets one copy, the sender none, a member whose
   * address is no longer bound counts as unroutable, one re-bound to another actor reaches that actor,
   * and every copy counts as delivered and as one lateness sample.
   */
  @Test
  void aDatagramToALargeGroupWaitsOnceAndFansOutInChunksToEveryMember() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    TransportAddress registrar = TransportAddress.parse("10.1.0.1:3863");
    int members = 1000;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.atomic.AtomicInteger scheduled = new java.util.concurrent.atomic.AtomicInteger();
    try (Network network = new Network(EmulationClock.scaled(1.0),
        LinkModel.uniform(org.rserpool.emulator.network.link.LinkProfile.constant(Duration.ofMillis(200)), 0), counting(scheduled), registry, 0)) {
      network.setFanOut(executor);
      TestProbe<Packet> self = testKit.createTestProbe();
      new Endpoint(network, self.ref()).bind(registrar).join(group, registrar);
      CopyCounter copies = new CopyCounter();
      java.util.List<TransportAddress> addresses = copies.members(members, 4000);
      for (TransportAddress a : addresses) {
        network.bind(a, copies.actor);
        network.join(group, a);
      }
      TransportAddress unbound = addresses.get(7);
      TransportAddress rebound = addresses.get(8);
      TestProbe<Packet> newcomer = testKit.createTestProbe();
      network.unbind(unbound, copies.actor);
      network.unbind(rebound, copies.actor);
      network.bind(rebound, newcomer.ref());

      network.send(new Packet(registrar, group, new CalcAppMessage.KeepAlive(1)));
      assertEquals(1, scheduled.get(), "one packet waits for the whole group");
      Packet copy = newcomer.expectMessageClass(Packet.class, Duration.ofSeconds(5));
      assertEquals(rebound, copy.receiver());
      assertEquals(group, copy.destination());
      long deadline = System.nanoTime() + 5_000_000_000L;
      // The copies are handed over by the executor's threads: wait for the last of them, the unroutable
      // one included (its chunk may tell every other copy first).
      while ((copies.received() < members - 2 || network.unroutable() < 1
          || registry.get("emulator.network.delay.line.lateness").timer().count() < members) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(members - 2, copies.received(), "every bound member but the re-bound one (its new actor got it)");
      assertEquals(java.util.Set.of(1), copies.perMember(), "one copy each");
      self.expectNoMessage(Duration.ofMillis(50));
      assertEquals(members - 1, network.delivered());
      assertEquals(1, network.unroutable(), "the member whose address is no longer bound");
      assertEquals(members, registry.get("emulator.network.delay.line.lateness").timer().count(), "a lateness sample per copy (the unroutable one too)");
      assertEquals(members, registry.get("emulator.network.delay").timer().count(), "the delay of every member's copy");
      assertEquals(1, network.sent(org.rserpool.emulator.protocol.PayloadProtocol.CALCAPP), "one datagram on the LAN");
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * On a network that spans two nodes a datagram to a group crosses to the other node once, and that
   * node hands a copy to each of its own members of the sender's site; with a partition in force it
   * travels as one copy per member again.
   */
  @Test
  void aDatagramCrossesToAnotherNodeOnceAndFansOutThere() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    TransportAddress registrar = TransportAddress.parse("10.1.0.1:3863");
    TransportAddress near = TransportAddress.parse("10.1.16.1:3863");
    int remoteMembers = 300;
    try (Network a = new Network(EmulationClock.scaled(1.0), Duration.ofMillis(10), new SimpleMeterRegistry());
        Network b = new Network(EmulationClock.scaled(1.0), Duration.ofMillis(10), new SimpleMeterRegistry())) {
      java.util.Set<TransportAddress> onB = java.util.concurrent.ConcurrentHashMap.newKeySet();
      java.util.List<Packet> groupForwards = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.List<Packet> memberForwards = new java.util.concurrent.CopyOnWriteArrayList<>();
      a.setRouter(new NodeRouter() {
        @Override public boolean isRemote(TransportAddress receiver) {
          return onB.contains(receiver);
        }
        @Override public void forward(Packet packet, long sentNanos, long dueNanos) {
          memberForwards.add(packet);
          b.arriveFromNode(packet, sentNanos, dueNanos);
        }
        @Override public void forwardToGroup(Packet packet, long sentNanos, long dueNanos) {
          groupForwards.add(packet);
          b.arriveFromNode(packet, sentNanos, dueNanos);
        }
        @Override public void joined(TransportAddress g, TransportAddress member) {}
        @Override public void left(TransportAddress g, TransportAddress member) {}
      });
      TestProbe<Packet> self = testKit.createTestProbe();
      TestProbe<Packet> nearProbe = testKit.createTestProbe();
      new Endpoint(a, self.ref()).bind(registrar).join(group, registrar);
      new Endpoint(a, nearProbe.ref()).bind(near).join(group, near);
      CopyCounter copies = new CopyCounter();
      for (TransportAddress m : copies.members(remoteMembers, 5000)) {
        onB.add(m);
        b.bind(m, copies.actor);
        b.join(group, m);
        a.joinedElsewhere(group, m);
      }
      TransportAddress otherSite = TransportAddress.parse("10.2.128.1:6000");
      b.bind(otherSite, copies.actor);
      b.join(group, otherSite);
      a.joinedElsewhere(group, otherSite);

      a.send(new Packet(registrar, group, new CalcAppMessage.KeepAlive(1)));
      assertEquals(near, nearProbe.expectMessageClass(Packet.class).receiver());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (copies.received() < remoteMembers && System.nanoTime() < deadline) Thread.onSpinWait();
      assertEquals(1, groupForwards.size(), "one remote message for the other node");
      assertEquals(0, memberForwards.size());
      assertEquals(remoteMembers, copies.received(), "every member on the other node");
      assertEquals(java.util.Set.of(1), copies.perMember(), "one copy each");
      assertEquals(remoteMembers, b.delivered());
      assertEquals(1, a.crossNodeSent());

      a.control().partition("", org.rserpool.emulator.network.fault.Selector.endpoints(registrar),
          org.rserpool.emulator.network.fault.Selector.endpoints(near), org.rserpool.emulator.network.fault.Direction.BOTH);
      a.send(new Packet(registrar, group, new CalcAppMessage.KeepAlive(2)));
      assertEquals(1, groupForwards.size());
      assertEquals(remoteMembers, memberForwards.size(), "with a partition in force, a copy per member");
      nearProbe.expectNoMessage(Duration.ofMillis(100));
      self.expectNoMessage(Duration.ofMillis(10));
    }
  }

  /** A fan-out executor that refuses work (the actor system stopping first) costs no copy. */
  @Test
  void aDatagramStillReachesEveryMemberWhenTheFanOutExecutorRefuses() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    TransportAddress registrar = TransportAddress.parse("10.1.0.1:3863");
    java.util.concurrent.ExecutorService stopped = java.util.concurrent.Executors.newSingleThreadExecutor();
    stopped.shutdown();
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry())) {
      network.setFanOut(stopped);
      CopyCounter copies = new CopyCounter();
      for (TransportAddress a : copies.members(600, 7000)) {
        network.bind(a, copies.actor);
        network.join(group, a);
      }
      network.send(new Packet(registrar, group, new CalcAppMessage.KeepAlive(1)));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (copies.received() < 600 && System.nanoTime() < deadline) Thread.onSpinWait();
      assertEquals(600, copies.received());
      assertEquals(600, network.delivered());
    }
  }

  /** One actor that stands for many group members and counts the copies each of them received. */
  static final class CopyCounter {
    final java.util.concurrent.ConcurrentMap<TransportAddress, java.util.concurrent.atomic.AtomicInteger> copies =
        new java.util.concurrent.ConcurrentHashMap<>();
    final akka.actor.typed.ActorRef<Packet> actor = testKit.spawn(akka.actor.typed.javadsl.Behaviors.receiveMessage(p -> {
      copies.computeIfAbsent(p.receiver(), x -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
      return akka.actor.typed.javadsl.Behaviors.same();
    }));

    /** {@code n} member addresses in site 1's pool-user range, ports from {@code firstPort}. */
    java.util.List<TransportAddress> members(int n, int firstPort) {
      java.util.List<TransportAddress> addresses = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) addresses.add(TransportAddress.parse("10.1.128." + (i % 250 + 1) + ":" + (firstPort + i)));
      return addresses;
    }

    /** Members that received at least one copy. */
    int received() {
      return copies.size();
    }

    /** How many copies a member received, over all members that received any. */
    java.util.Set<Integer> perMember() {
      return copies.values().stream().map(java.util.concurrent.atomic.AtomicInteger::get).collect(java.util.stream.Collectors.toSet());
    }
  }

  /** The real-time delay line, counting the packets scheduled on it. */
  static org.rserpool.emulator.network.delivery.DelayLine.Factory counting(java.util.concurrent.atomic.AtomicInteger scheduled) {
    org.rserpool.emulator.network.delivery.DelayLine.Factory real =
        org.rserpool.emulator.network.delivery.TimingWheelDelayLine.factory(Network.DEFAULT_INBOX_CAPACITY, Network.DEFAULT_MAX_IN_FLIGHT);
    return (clock, sink) -> {
      org.rserpool.emulator.network.delivery.DelayLine line = real.start(clock, sink);
      return new org.rserpool.emulator.network.delivery.DelayLine() {
        @Override public boolean schedule(long emulatedDelayNanos, Packet packet) {
          scheduled.incrementAndGet();
          return line.schedule(emulatedDelayNanos, packet);
        }
        @Override public int pending() {
          return line.pending();
        }
        @Override public void close() {
          line.close();
        }
      };
    };
  }

  /** A partition of one member makes the datagram travel as copies again: only that member misses it. */
  @Test
  void aPartitionedMemberMissesTheDatagramAndTheOthersGetIt() {
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    TransportAddress registrar = TransportAddress.parse("10.1.0.1:3863");
    TransportAddress pe = TransportAddress.parse("10.1.16.1:3863");
    TransportAddress pu = TransportAddress.parse("10.1.128.1:3863");
    java.util.concurrent.atomic.AtomicInteger scheduled = new java.util.concurrent.atomic.AtomicInteger();
    try (Network network = new Network(EmulationClock.scaled(1.0),
        LinkModel.uniform(org.rserpool.emulator.network.link.LinkProfile.constant(Duration.ofMillis(20)), 0), counting(scheduled),
        new SimpleMeterRegistry(), 0)) {
      TestProbe<Packet> near1 = testKit.createTestProbe();
      TestProbe<Packet> near2 = testKit.createTestProbe();
      new Endpoint(network, near1.ref()).bind(pe).join(group, pe);
      new Endpoint(network, near2.ref()).bind(pu).join(group, pu);
      network.control().partition("", org.rserpool.emulator.network.fault.Selector.endpoints(registrar),
          org.rserpool.emulator.network.fault.Selector.endpoints(pu), org.rserpool.emulator.network.fault.Direction.BOTH);

      network.send(new Packet(registrar, group, new CalcAppMessage.KeepAlive(1)));
      assertEquals(1, network.partitioned(), "the partitioned member's copy");
      assertEquals(1, scheduled.get(), "the other member's copy waits on its own");
      assertEquals(pe, near1.expectMessageClass(Packet.class).receiver());
      near2.expectNoMessage(Duration.ofMillis(100));
      assertEquals(1, network.partitioned());
    }
  }

  @Test
  void joiningAnAddressThatIsNotMulticastIsRefused() {
    try (Network network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry())) {
      TestProbe<Packet> probe = testKit.createTestProbe();
      Endpoint e = new Endpoint(network, probe.ref()).bind(A);
      assertThrows(IllegalArgumentException.class, () -> e.join(B, A));
    }
  }
}
