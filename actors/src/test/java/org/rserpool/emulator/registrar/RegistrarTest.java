package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.handlespace.CauseSet;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.time.EmulationClock;

class RegistrarTest {
  static ActorTestKit testKit;
  static final int SERVER_ID = 0x0a0b0c0d;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress PE_ASAP = TransportAddress.parse("10.1.16.1:3863");
  static final TransportAddress PU_ASAP = TransportAddress.parse("10.1.128.1:3863");

  Network network;
  RegistrarMetrics metrics;
  TestProbe<Packet> pe;
  TestProbe<Packet> pu;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarTest");
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void startRegistrar() {
    network = new Network(EmulationClock.scaled(1.0), Duration.ZERO, new SimpleMeterRegistry());
    metrics = new RegistrarMetrics(new SimpleMeterRegistry());
    pe = testKit.createTestProbe();
    pu = testKit.createTestProbe();
    network.bind(PE_ASAP, pe.ref());
    network.bind(PU_ASAP, pu.ref());
    testKit.spawn(Registrar.create(new RegistrarSettings(3, 0, CauseSet.RFC_5354, true), SERVER_ID, REGISTRAR, network, metrics));
    // The registrar binds its address when it starts; wait for that before sending to it.
    pe.awaitAssert(() -> {
      assertTrue(network.isBound(REGISTRAR));
      return null;
    });
  }

  @AfterEach
  void closeNetwork() {
    network.close();
  }

  static PoolElementParameter poolElement(int id, PolicyType policy) {
    return new PoolElementParameter(id, 0, 90_000,
        SctpTransport.of(Ipv4Address.of(10, 1, 16, id), 1024, TransportUse.DATA_ONLY), SelectionPolicy.of(policy), null);
  }

  <T extends Message> T exchange(TestProbe<Packet> from, TransportAddress source, Message request, Class<T> answer) {
    network.send(new Packet(source, REGISTRAR, request));
    Packet reply = from.expectMessageClass(Packet.class);
    assertEquals(REGISTRAR, reply.source());
    assertEquals(source, reply.destination());
    return answer.cast(reply.message());
  }

  AsapMessage.RegistrationResponse register(int id, PolicyType policy) {
    return exchange(pe, PE_ASAP, new AsapMessage.Registration(POOL, poolElement(id, policy)), AsapMessage.RegistrationResponse.class);
  }

  @Test
  void acceptsARegistrationAndAnswersWithoutReject() {
    AsapMessage.RegistrationResponse r = register(7, PolicyType.ROUND_ROBIN);
    assertFalse(r.reject());
    assertEquals(POOL, r.poolHandle());
    assertEquals(7, r.peIdentifier());
    assertNull(r.error());
    assertEquals(1, metrics.registrations());
    assertEquals(1, metrics.poolElements());
  }

  /** RFC 5354 causes by default: identifier 0 (rsplib's "undefined") is an invalid value. */
  @Test
  void refusesARegistrationWithIdentifierZero() {
    AsapMessage.RegistrationResponse r = register(0, PolicyType.ROUND_ROBIN);
    assertTrue(r.reject());
    assertEquals(CauseCode.INVALID_VALUES, r.error().firstCode());
    assertEquals(0, metrics.poolElements());
  }

  @Test
  void refusesAPoolElementWithAnotherPolicyThanThePools() {
    register(1, PolicyType.LEAST_USED);
    AsapMessage.RegistrationResponse r = register(2, PolicyType.ROUND_ROBIN);
    assertTrue(r.reject());
    assertEquals(CauseCode.INCONSISTENT_POOLING_POLICY, r.error().firstCode());
    assertEquals(1, metrics.poolElements());
  }

  @Test
  void leastUsedSelectsTheLeastLoadedPoolElement() {
    double[] loads = {0.5, 0.2, 0.7};
    for (int id = 1; id <= 3; id++) {
      PoolElementParameter element = new PoolElementParameter(id, 0, 90_000,
          SctpTransport.of(Ipv4Address.of(10, 1, 16, id), 1024, TransportUse.DATA_ONLY),
          new SelectionPolicy(PolicyType.LEAST_USED, 0, SelectionPolicy.fraction(loads[id - 1]), 0, 0, 0, 0), null);
      assertFalse(exchange(pe, PE_ASAP, new AsapMessage.Registration(POOL, element), AsapMessage.RegistrationResponse.class).reject());
    }
    AsapMessage.HandleResolutionResponse r = exchange(pu, PU_ASAP,
        new AsapMessage.HandleResolution(false, POOL, new HandleResolutionOption(2)), AsapMessage.HandleResolutionResponse.class);
    assertEquals(List.of(2, 1), r.poolElements().stream().map(PoolElementParameter::identifier).toList());
  }

  @Test
  void resolvesAPoolToItsElementsWithTheRegistrarAsHomeAndNoAsapTransport() {
    register(1, PolicyType.ROUND_ROBIN);
    register(2, PolicyType.ROUND_ROBIN);
    AsapMessage.HandleResolutionResponse r = exchange(pu, PU_ASAP,
        new AsapMessage.HandleResolution(false, POOL, null), AsapMessage.HandleResolutionResponse.class);
    assertNull(r.error());
    assertEquals(List.of(1, 2), r.poolElements().stream().map(PoolElementParameter::identifier).toList());
    assertEquals(PolicyType.ROUND_ROBIN, r.overallPolicy().type());
    for (PoolElementParameter p : r.poolElements()) {
      assertEquals(SERVER_ID, p.homeEnrpServerIdentifier());
      assertNull(p.asapTransport());
    }
    assertEquals(1, metrics.handleResolutions());
  }

  @Test
  void roundRobinAdvancesOnePoolElementPerResolution() {
    for (int id = 1; id <= 3; id++) register(id, PolicyType.ROUND_ROBIN);
    for (int expected : new int[] {1, 2, 3, 1}) {
      AsapMessage.HandleResolutionResponse r = exchange(pu, PU_ASAP,
          new AsapMessage.HandleResolution(false, POOL, new HandleResolutionOption(1)), AsapMessage.HandleResolutionResponse.class);
      assertEquals(List.of(expected), r.poolElements().stream().map(PoolElementParameter::identifier).toList());
    }
  }

  @Test
  void anUnknownPoolIsAnsweredWithUnknownPoolHandle() {
    AsapMessage.HandleResolutionResponse r = exchange(pu, PU_ASAP,
        new AsapMessage.HandleResolution(false, PoolHandle.of("nope"), null), AsapMessage.HandleResolutionResponse.class);
    assertTrue(r.poolElements().isEmpty());
    assertEquals(CauseCode.UNKNOWN_POOL_HANDLE, r.error().firstCode());
  }

  @Test
  void deregistrationRemovesThePoolElementAndIsAnsweredEvenWhenUnknown() {
    register(5, PolicyType.ROUND_ROBIN);
    AsapMessage.DeregistrationResponse r = exchange(pe, PE_ASAP, new AsapMessage.Deregistration(POOL, 5), AsapMessage.DeregistrationResponse.class);
    assertNull(r.error());
    assertEquals(0, metrics.poolElements());
    assertEquals(0, metrics.pools());
    AsapMessage.DeregistrationResponse again = exchange(pe, PE_ASAP, new AsapMessage.Deregistration(POOL, 5), AsapMessage.DeregistrationResponse.class);
    assertNull(again.error());
  }
}
