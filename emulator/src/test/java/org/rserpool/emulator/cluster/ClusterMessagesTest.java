package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.fault.Direction;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.runtime.EmulationGuardian;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.ScenarioLoader;
import org.rserpool.emulator.serialization.KryoSerializer;

/** What nodes send each other goes through Kryo (registration required) and comes back equal. */
class ClusterMessagesTest {
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("ClusterMessagesTest", ScenarioLoader.loadDefault(Map.of()).config());
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Object roundTrip(Object message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertInstanceOf(KryoSerializer.class, serializer, "serializer of " + message.getClass().getName());
    return serialization.deserialize(serializer.toBinary(message), serializer.identifier(), "").get();
  }

  @Test
  void faultsReplicateThroughKryo() {
    Fault impairment = new Fault.Impairment("fault-2.7", "slow site 2", 123_000_000L, new Selector.Sites(Set.of(2)), new Selector.All(),
        Direction.BOTH, LinkProfile.constant(Duration.ofMillis(40)));
    Fault partition = new Fault.Partition("fault-1.1", "", 5L, new Selector.Hosts(Set.of(Ipv4Address.parse("10.1.0.1"))),
        new Selector.Sites(Set.of(3)), Direction.TO);
    assertEquals(new NodeAgent.FaultAdded(impairment), roundTrip(new NodeAgent.FaultAdded(impairment)));
    assertEquals(new NodeAgent.FaultAdded(partition), roundTrip(new NodeAgent.FaultAdded(partition)));
    assertEquals(new NodeAgent.FaultRemoved("fault-2.7"), roundTrip(new NodeAgent.FaultRemoved("fault-2.7")));
  }

  @Test
  void plansAndMembershipRoundTrip() {
    var probe = testKit.<NodeAgent.Command>createTestProbe();
    ClusterPlan plan = new ClusterPlan(List.of(new ClusterPlan.NodeInfo("node-1", "akka://rserpool@127.0.0.1:25520", probe.ref()),
        new ClusterPlan.NodeInfo("node-2", "akka://rserpool@127.0.0.1:25521", probe.ref())), Placement.Mode.SPREAD, 1_800_000_000_000L,
        "0123abcd", new boolean[] {true, false}, List.<boolean[]>of(new boolean[] {true, false}), 1);
    NodeAgent.Plan back = (NodeAgent.Plan) roundTrip(new NodeAgent.Plan(plan));
    assertEquals(plan.nodes(), back.plan().nodes());
    assertEquals(Placement.Mode.SPREAD, back.plan().mode());
    assertEquals(plan.startEpochMillis(), back.plan().startEpochMillis());
    assertArrayEquals(plan.live(), back.plan().live());
    assertEquals(1, back.plan().generation());
    var deployment = org.rserpool.emulator.runtime.Deployment.of(ScenarioLoader.loadDefault(Map.of()));
    assertEquals(plan.placement(deployment), back.plan().placement(deployment), "the same placement replayed on every node");
    assertTrue(back.plan().placement(deployment).values().stream().allMatch(n -> n == 0), "node-2's components moved to node-1");
    NodeAgent.Membership m = (NodeAgent.Membership) roundTrip(new NodeAgent.Membership(new boolean[] {true, false},
        List.<boolean[]>of(new boolean[] {true, false}), 1));
    assertArrayEquals(new boolean[] {true, false}, m.live());
    assertArrayEquals(new boolean[] {true, false}, m.rehomes().get(0));
    var hello = new Coordinator.Hello(probe.ref(), "node-1", "akka://rserpool@127.0.0.1:25520", "0123abcd", null);
    assertEquals(hello, roundTrip(hello));
  }

  @Test
  void reportsAndResultsRoundTrip() {
    Statistics s = sampleStatistics();
    NodeReport r = new NodeReport(1, "node-2", s, 354, 1000, 990, 400, 410, 3, 0.0005, 0.002, 12.5, 1 << 26, 800, 810);
    assertEquals(new Coordinator.Report(r), roundTrip(new Coordinator.Report(r)));
    ClusterResults results = new ClusterResults(s.plus(s), List.of(r), 3, 1, 0);
    assertEquals(new NodeAgent.Finished(results), roundTrip(new NodeAgent.Finished(results)));
    assertEquals(2 * s.jobsCompleted(), results.total().jobsCompleted());
  }

  /** Statistics with a different value in every field. */
  static Statistics sampleStatistics() {
    try {
      var components = Statistics.class.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = types[i] == long.class ? (Object) (long) (i + 1) : types[i] == double.class ? (Object) (i + 0.5)
            : new Statistics.Sample(i, i * 0.25);
      }
      return Statistics.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A packet between nodes keeps its times, endpoints and message; it is written as the message's wire bytes plus a few. */
  @Test
  void remotePacketsRoundTripAsWireBytes() throws Exception {
    byte[] wire = org.rserpool.emulator.protocol.param.Bytes.fromHex("050000100009000c4563686f506f6f6c").array();
    var resolution = org.rserpool.emulator.protocol.codec.MessageCodec.decode(org.rserpool.emulator.protocol.PayloadProtocol.ASAP, wire);
    var packet = new NodeAgent.RemotePacket(new org.rserpool.emulator.network.Packet(TransportAddress.parse("10.1.16.1:1024"),
        TransportAddress.parse("10.2.0.1:3863"), resolution), 123_456_789L, 124_456_789L);
    assertEquals(packet, roundTrip(packet));
    byte[] bytes = serialization.findSerializerFor(packet).toBinary(packet);
    // Class ID, two times, two endpoints, no recipient, protocol, form, length, the 16 wire bytes.
    assertTrue(bytes.length <= 2 + 16 + 12 + 1 + 2 + 1 + 16, "bytes: " + bytes.length);
  }

  @Test
  void packetsAndGuardianRequestsRoundTrip() {
    var p = new NodeAgent.GroupChange(TransportAddress.parse("239.0.0.50:3863"), TransportAddress.parse("10.2.1.1:1024"), true);
    assertEquals(p, roundTrip(p));
    var adopt = new EmulationGuardian.Adopt(List.of("pe-3-1", "registrar-3-1"), 1);
    assertEquals(adopt, roundTrip(adopt));
    var replies = testKit.<EmulationGuardian.ComponentList>createTestProbe();
    var list = new EmulationGuardian.ListLocal(replies.ref());
    assertEquals(list, roundTrip(list));
  }
}
