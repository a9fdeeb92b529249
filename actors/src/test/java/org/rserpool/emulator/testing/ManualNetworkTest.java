package org.rserpool.emulator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.fault.Direction;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkPatch;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.LossModel;
import org.rserpool.emulator.network.link.Rate;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.pcap.PcapWriter;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.PreciseTimer;

/**
 * The manual-time fixture, and the network's exact behaviour on it: link delays per site pair and
 * component, partitions, impairments. Also the example of a step-by-step protocol test
 * (docs/architecture.md, "Testing protocols step by step").
 */
class ManualNetworkTest {
  static ActorTestKit testKit;
  static final TransportAddress A = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress B = TransportAddress.parse("10.1.128.1:1800");
  static final TransportAddress C = TransportAddress.parse("10.2.0.1:3863");

  ManualNetwork net;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("ManualNetworkTest", ManualNetwork.config());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void closeNetwork() {
    if (net != null) net.close();
  }

  static Packet keepAlive(TransportAddress from, TransportAddress to, long id) {
    return new Packet(from, to, new CalcAppMessage.KeepAlive((int) id));
  }

  static long id(Packet p) {
    return ((CalcAppMessage.KeepAlive) p.message()).jobId();
  }

  /** A pool-user-like client: sends a keep-alive and resends it every 100 ms until stopped. */
  static Behavior<Packet> pinger(ManualNetwork net, TransportAddress self, TransportAddress peer) {
    record Resend() {}
    return Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> {
      Endpoint endpoint = new Endpoint(net.network(), ctx.getSelf().narrow()).bind(self);
      long[] sent = {0};
      endpoint.send(self, peer, new CalcAppMessage.KeepAlive((int) sent[0]++));
      timers.startTimerWithFixedDelay(new Resend(), net.clock().toReal(Duration.ofMillis(100)));
      return Behaviors.receive(Object.class)
          .onMessage(Resend.class, r -> {
            endpoint.send(self, peer, new CalcAppMessage.KeepAlive((int) sent[0]++));
            return Behaviors.same();
          })
          .onMessage(Packet.class, p -> Behaviors.same())
          .build();
    })).narrow();
  }

  @Test
  void actorTimersAndLinkDelaysMoveTogether() {
    net = ManualNetwork.create(testKit.system(), Duration.ofMillis(30));
    TestProbe<Packet> peer = testKit.createTestProbe();
    net.network().bind(B, peer.ref());
    long start = net.clock().nanos();
    testKit.spawn(pinger(net, A, B));
    // t = 0: the first keep-alive is on the wire (the actor sends when it starts); it arrives at 30 ms.
    assertEquals(0, id(arrivesAfterThirtyMilliseconds(peer)));
    // t = 100: the timer resends; 30 ms later it arrives.
    net.timePasses(Duration.ofMillis(70));
    assertEquals(1, id(arrivesAfterThirtyMilliseconds(peer)));
    assertEquals(start + 130_000_000L, net.clock().nanos());
  }

  /** Waits until a packet is on the wire, then checks it arrives 30 ms later and not 1 ms sooner. */
  Packet arrivesAfterThirtyMilliseconds(TestProbe<Packet> peer) {
    peer.awaitAssert(() -> {
      assertEquals(1, net.network().inFlight());
      return null;
    });
    net.timePasses(Duration.ofMillis(29));
    peer.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    return peer.receiveMessage();
  }

  @Test
  void preciseTimersFireWhenManualTimePassesWithThePackets() {
    net = ManualNetwork.create(testKit.system(), Duration.ofMillis(5));
    TestProbe<Packet> b = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    TestProbe<CalcAppMessage> owner = testKit.createTestProbe();
    PreciseTimer<CalcAppMessage> timer = new PreciseTimer<>(net.network().timers(), owner.ref(), g -> new CalcAppMessage.KeepAlive((int) g));
    long now = net.clock().nanos();
    timer.startAt(now + 7_000_000L);
    timer.startAt(now + 5_000_000L);
    net.network().send(keepAlive(A, B, 1));
    // Manual time has millisecond steps: an action due at 4.5 ms runs at the 5 ms step, not at 4 ms.
    List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    net.network().timers().at(now + 4_500_000L, () -> order.add("timer"));
    net.timePasses(Duration.ofMillis(4));
    owner.expectNoMessage(Duration.ofMillis(20));
    assertEquals(List.of(), order);
    net.timePasses(Duration.ofMillis(1));
    CalcAppMessage.KeepAlive fired = (CalcAppMessage.KeepAlive) owner.receiveMessage();
    assertEquals(2, fired.jobId());
    assertEquals(1, id(b.receiveMessage()));
    assertEquals(List.of("timer"), order);
    // The replaced firing (due at 7 ms) never comes.
    net.timePasses(Duration.ofMillis(5));
    owner.expectNoMessage(Duration.ofMillis(20));
  }

  @Test
  void packetsDueInTheSameMillisecondArriveInTheOrderSent() {
    net = ManualNetwork.create(testKit.system(), Duration.ofMillis(5));
    TestProbe<Packet> b = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    for (int i = 0; i < 200; i++) net.network().send(keepAlive(A, B, i));
    net.timePasses(Duration.ofMillis(5));
    for (int i = 0; i < 200; i++) assertEquals(i, id(b.receiveMessage()));
  }

  @Test
  void sitePairsAndComponentOverridesChooseTheLink() {
    // RSPSIM's delays: 1 ms inside a LAN, 10 ms more per LAN hop; A sends over its own slower link.
    LinkModel links = new LinkModel(
        (from, to) -> LinkProfile.constant(Duration.ofMillis(1 + 10L * Math.abs(from - to))),
        List.of(new LinkModel.ComponentOverride(A.address(), LinkModel.Direction.EGRESS,
            new LinkPatch(Duration.ofMillis(50), null, null, null, null, null, null, null, null))),
        1);
    net = ManualNetwork.create(testKit.system(), links);
    TestProbe<Packet> b = testKit.createTestProbe();
    TestProbe<Packet> c = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    net.network().bind(C, c.ref());
    net.network().send(keepAlive(B, C, 1));
    net.network().send(keepAlive(C, B, 2));
    net.network().send(keepAlive(A, B, 3));
    net.timePasses(Duration.ofMillis(10));
    b.expectNoMessage(Duration.ofMillis(20));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(1, id(c.receiveMessage()));
    assertEquals(2, id(b.receiveMessage()));
    net.timePasses(Duration.ofMillis(38));
    b.expectNoMessage(Duration.ofMillis(20));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(3, id(b.receiveMessage()));
  }

  @Test
  void aPartitionDropsExactlyWhatItCutsUntilHealed() {
    net = ManualNetwork.create(testKit.system(), Duration.ofMillis(1));
    TestProbe<Packet> b = testKit.createTestProbe();
    TestProbe<Packet> c = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    net.network().bind(C, c.ref());
    Fault cut = net.network().control().partition("", Selector.sites(1), Selector.sites(2), Direction.TO);
    for (int i = 0; i < 10; i++) {
      net.network().send(keepAlive(B, C, i));
      net.network().send(keepAlive(C, B, 100 + i));
    }
    net.timePasses(Duration.ofMillis(1));
    for (int i = 0; i < 10; i++) assertEquals(100 + i, id(b.receiveMessage()));
    c.expectNoMessage(Duration.ofMillis(20));
    assertEquals(10, net.network().partitioned());
    net.network().control().remove(cut.id());
    net.network().send(keepAlive(B, C, 11));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(11, id(c.receiveMessage()));
  }

  @Test
  void anImpairmentActsOnTheNextPacketAndStopsWhenRemoved() {
    net = ManualNetwork.create(testKit.system(), Duration.ofMillis(1));
    TestProbe<Packet> b = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    Fault drop = net.network().control().impair("drop all", Selector.hosts(A.address()), Selector.all(), Direction.TO,
        LinkProfile.constant(Duration.ZERO).withLoss(new LossModel.Random(1, 0)));
    net.network().send(keepAlive(A, B, 1));
    net.network().control().remove(drop.id());
    Fault slow = net.network().control().impair("slow", Selector.all(), Selector.endpoints(B), Direction.TO,
        LinkProfile.constant(Duration.ofMillis(20)).withDuplicate(1, 0));
    net.network().send(keepAlive(A, B, 2));
    net.timePasses(Duration.ofMillis(20));
    b.expectNoMessage(Duration.ofMillis(20));
    net.timePasses(Duration.ofMillis(1));
    // Both copies of the duplicated packet: base link 1 ms + impairment 20 ms.
    assertEquals(2, id(b.receiveMessage()));
    assertEquals(2, id(b.receiveMessage()));
    net.network().control().remove(slow.id());
    net.network().send(keepAlive(A, B, 3));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(3, id(b.receiveMessage()));
    assertEquals(1, net.network().lost());
    assertEquals(1, net.network().duplicated());
    assertEquals(3, net.network().delivered());
  }

  @Test
  void aRateChargesEachPacketItsFramesOnTheWire() {
    // The frames a keep-alive takes (Ethernet, IPv4, SCTP DATA around the codec's bytes), sent at a
    // rate that needs exactly 10 ms for them, with room for two in the queue: of three sent at once
    // the first arrives 10 ms later, the second 20 ms, the third is dropped.
    int bytes = PcapWriter.sctpFrameBytes(MessageCodec.encode(new CalcAppMessage.KeepAlive(1)).length);
    Rate rate = new Rate(bytes * 8 * 100L);
    net = ManualNetwork.create(testKit.system(), LinkModel.uniform(LinkProfile.constant(Duration.ZERO).withRate(rate, 2), 1));
    TestProbe<Packet> b = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    for (int i = 1; i <= 3; i++) net.network().send(keepAlive(A, B, i));
    assertEquals(1, net.network().overflowed(), "a queue of 2: the third is dropped");
    for (int i = 1; i <= 2; i++) {
      net.timePasses(Duration.ofMillis(9));
      b.expectNoMessage(Duration.ofMillis(20));
      net.timePasses(Duration.ofMillis(1));
      assertEquals(i, id(b.receiveMessage()));
    }
  }

  @Test
  void outcomesAreCountedInTheRegistry() {
    net = ManualNetwork.create(testKit.system(), Duration.ZERO);
    TestProbe<Packet> b = testKit.createTestProbe();
    net.network().bind(B, b.ref());
    net.network().send(keepAlive(A, B, 1));
    net.network().send(keepAlive(A, C, 2));
    net.network().control().partition("", Selector.all(), Selector.all(), Direction.BOTH);
    net.network().send(keepAlive(A, B, 3));
    assertEquals(1, id(b.receiveMessage()));
    assertEquals(1.0, count("delivered"));
    assertEquals(1.0, count("unroutable"));
    assertEquals(1.0, count("partitioned"));
    assertEquals(1.0, net.registry().get("emulator.network.faults.active").tag("kind", "partition").gauge().value());
    assertEquals(3, net.registry().get("emulator.network.delay").timer().count() + 1);
  }

  double count(String outcome) {
    // A counter, or for "delivered" the function counter summing the per-protocol ones.
    return net.registry().get("emulator.network.messages").tag("outcome", outcome).meter().measure().iterator().next().getValue();
  }

  @Test
  void theClockStandsStillBetweenSteps() {
    net = ManualNetwork.create(testKit.system(), Duration.ZERO);
    long before = net.clock().nanos();
    net.timePasses(Duration.ofSeconds(3));
    assertEquals(before + 3_000_000_000L, net.clock().nanos());
  }

}
