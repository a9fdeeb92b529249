package org.rserpool.emulator.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.ProtocolSamples;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;

class KryoSerializerTest {
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("KryoSerializerTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Stream<Message> messages() {
    return ProtocolSamples.all().stream();
  }

  private static Object roundTrip(Object message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertInstanceOf(KryoSerializer.class, serializer, "serializer of " + message.getClass().getName());
    byte[] bytes = serializer.toBinary(message);
    return serialization.deserialize(bytes, serializer.identifier(), "").get();
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyMessageRoundTripsThroughKryo(Message message) {
    assertEquals(message, roundTrip(message));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyMessageRoundTripsInsideAPacket(Message message) {
    Packet packet = new Packet(TransportAddress.parse("10.1.16.1:3863"), TransportAddress.parse("10.1.0.1:3863"), message);
    assertEquals(packet, roundTrip(packet));
  }

  /** A copy of a multicast announce keeps its group and its member; malformed bytes stay as they were. */
  @Test
  void multicastCopiesAndRawBytesRoundTripInsideAPacket() {
    Message announce = ProtocolSamples.all().get(0);
    Packet copy = new Packet(TransportAddress.parse("10.1.0.1:9901"), TransportAddress.parse("239.0.0.50:9901"), announce,
        TransportAddress.parse("10.2.0.1:9901"));
    assertEquals(copy, roundTrip(copy));
    Packet raw = new Packet(TransportAddress.parse("10.1.16.1:3863"), TransportAddress.parse("10.1.0.1:3863"),
        new org.rserpool.emulator.protocol.RawMessage(org.rserpool.emulator.protocol.PayloadProtocol.ASAP,
            org.rserpool.emulator.protocol.param.Bytes.fromHex("0500ffff41230004")));
    assertEquals(raw, roundTrip(raw));
    Packet empty = new Packet(TransportAddress.parse("10.1.16.1:3863"), TransportAddress.parse("10.1.0.1:65535"),
        new org.rserpool.emulator.protocol.RawMessage(org.rserpool.emulator.protocol.PayloadProtocol.ENRP,
            org.rserpool.emulator.protocol.param.Bytes.EMPTY));
    assertEquals(empty, roundTrip(empty));
  }

  /** Packets are written as the message's wire bytes (PacketSerializer), not as Kryo's record tree. */
  @Test
  void packetsAreWrittenAsWireBytes() {
    Message m = ProtocolSamples.all().get(0);
    Packet packet = new Packet(TransportAddress.parse("10.1.16.1:3863"), TransportAddress.parse("10.1.0.1:3863"), m);
    byte[] bytes = serialization.findSerializerFor(packet).toBinary(packet);
    byte[] wire = org.rserpool.emulator.protocol.codec.MessageCodec.encode(m);
    assertTrue(java.util.Collections.indexOfSubList(toList(bytes), toList(wire)) > 0, "the message's wire bytes are in the packet's");
  }

  private static java.util.List<Byte> toList(byte[] bytes) {
    java.util.List<Byte> list = new java.util.ArrayList<>();
    for (byte b : bytes) list.add(b);
    return list;
  }

  @Test
  void typedActorRefsTravelAsTheirPathAndResolveBack() {
    TestProbe<PoolElement.Status> probe = testKit.createTestProbe();
    PoolElement.GetStatus request = new PoolElement.GetStatus(probe.ref());
    PoolElement.GetStatus back = (PoolElement.GetStatus) roundTrip(request);
    assertEquals(probe.ref(), back.replyTo());
  }

  @Test
  void everySealedSubtypeOfTheProtocolsIsRegistered() {
    List<Class<?>> registered = KryoClassRegistry.discover(KryoClassRegistry.roots(testKit.system().settings().config()));
    for (Class<?> root : List.of(AsapMessage.class, EnrpMessage.class)) {
      for (Class<?> sub : root.getPermittedSubclasses()) {
        assertTrue(registered.contains(sub), sub.getName() + " is not registered");
      }
    }
    assertEquals(14, AsapMessage.class.getPermittedSubclasses().length);
    assertEquals(10, EnrpMessage.class.getPermittedSubclasses().length);
  }

  @Test
  void registrationIdsDependOnlyOnTheClassesSoEveryNodeAgrees() {
    List<Class<?>> roots = KryoClassRegistry.roots(testKit.system().settings().config());
    List<Class<?>> reversed = new ArrayList<>(roots);
    java.util.Collections.reverse(reversed);
    assertEquals(KryoClassRegistry.discover(roots), KryoClassRegistry.discover(reversed));
    byte[] first = serialization.findSerializerFor(ProtocolSamples.asap().get(0)).toBinary(ProtocolSamples.asap().get(0));
    byte[] second = new KryoSerializer((akka.actor.ExtendedActorSystem) Adapter.toClassic(testKit.system()))
        .toBinary(ProtocolSamples.asap().get(0));
    assertArrayEquals(first, second);
  }

  /** Reachable from no configured root, so never registered. */
  record Unregistered(int value) implements ClusterSerializable {}

  @Test
  void anUnregisteredClassIsRefusedInsteadOfWrittenByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serialization.findSerializerFor(new Unregistered(1)).toBinary(new Unregistered(1)));
    assertTrue(e.getMessage().contains("Class is not registered"), e.getMessage());
  }

  @Test
  void javaSerializationIsOff() {
    ArrayList<String> plain = new ArrayList<>(Arrays.asList("a", "b"));
    assertThrows(Exception.class, () -> serialization.serialize(plain).get());
  }
}
