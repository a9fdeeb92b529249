package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.time.EmulationClock;

class PoolElementTest {
  static ActorTestKit testKit;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress HOST = TransportAddress.parse("10.1.16.1:0");
  static final TransportAddress USER = TransportAddress.parse("10.1.128.1:1800");

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("PoolElementTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static PoolElementSettings settings(int maxJobs) {
    return new PoolElementSettings(POOL, PolicyType.ROUND_ROBIN, 1e6, maxJobs,
        Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(3), 3863, 1024,
        PolicyValues.derive(PolicyType.ROUND_ROBIN, 1e6, maxJobs, PolicyValues.AUTOMATIC, PolicyValues.AUTOMATIC, 0, 0));
  }

  @Test
  void registersItsServiceAndServesAJobToCompletion() {
    // Time-scale 100: the 1 s job takes 10 ms of real time.
    try (Network network = new Network(EmulationClock.scaled(100), Duration.ZERO, new SimpleMeterRegistry())) {
      TestProbe<Packet> registrar = testKit.createTestProbe();
      TestProbe<Packet> user = testKit.createTestProbe();
      network.bind(REGISTRAR, registrar.ref());
      network.bind(USER, user.ref());
      PoolElementMetrics metrics = new PoolElementMetrics(new SimpleMeterRegistry());
      ActorRef<PoolElement.Command> pe = testKit.spawn(PoolElement.create(settings(100), List.of(REGISTRAR), HOST, network, metrics, 42));

      Packet registration = registrar.expectMessageClass(Packet.class);
      AsapMessage.Registration r = assertInstanceOf(AsapMessage.Registration.class, registration.message());
      assertEquals(POOL, r.poolHandle());
      assertNotEquals(0, r.poolElement().identifier());
      assertEquals(90_000, r.poolElement().registrationLife());
      assertEquals(SctpTransport.of(Ipv4Address.parse("10.1.16.1"), 1024, org.rserpool.emulator.protocol.param.TransportUse.DATA_ONLY),
          r.poolElement().userTransport());
      network.send(registration.reply(new AsapMessage.RegistrationResponse(false, POOL, r.poolElement().identifier(), null)));

      TestProbe<PoolElement.Status> status = testKit.createTestProbe();
      status.awaitAssert(() -> {
        pe.tell(new PoolElement.GetStatus(status.ref()));
        assertTrue(status.expectMessageClass(PoolElement.Status.class).registered());
        return null;
      });

      TransportAddress service = HOST.withPort(1024);
      network.send(new Packet(USER, service, new CalcAppMessage.Request(9, 1_000_000)));
      assertEquals(new CalcAppMessage.Accept(9, 1_000_000), user.expectMessageClass(Packet.class).message());
      Packet done = user.expectMessageClass(Packet.class, Duration.ofSeconds(5));
      assertEquals(new CalcAppMessage.Complete(9, 1_000_000, 1_000_000), done.message());
      assertEquals(service, done.source());
      assertEquals(1, metrics.jobsCompleted());
      // The pool element counts the calculations just after it sends COMPLETE, which a zero-delay
      // network hands over at once: wait for the count instead of racing it.
      status.awaitAssert(() -> {
        assertEquals(1e6, metrics.usedCapacity(), 1.0);
        return null;
      });
    }
  }

  @Test
  void rejectsJobsBeyondMaxJobs() {
    try (Network network = new Network(EmulationClock.scaled(1), Duration.ZERO, new SimpleMeterRegistry())) {
      TestProbe<Packet> registrar = testKit.createTestProbe();
      TestProbe<Packet> user = testKit.createTestProbe();
      network.bind(REGISTRAR, registrar.ref());
      network.bind(USER, user.ref());
      testKit.spawn(PoolElement.create(settings(1), List.of(REGISTRAR), HOST, network, new PoolElementMetrics(new SimpleMeterRegistry()), 1));
      registrar.expectMessageClass(Packet.class);
      TransportAddress service = HOST.withPort(1024);
      network.send(new Packet(USER, service, new CalcAppMessage.Request(1, 1_000_000_000L)));
      assertInstanceOf(CalcAppMessage.Accept.class, user.expectMessageClass(Packet.class).message());
      network.send(new Packet(USER, service, new CalcAppMessage.Request(2, 1_000_000_000L)));
      assertEquals(new CalcAppMessage.Reject(2), user.expectMessageClass(Packet.class).message());
    }
  }

  @Test
  void triesAnotherRegistrarWhenTheResponseDoesNotCome() {
    // Time-scale 100: the 3 s registration timeout is 30 ms of real time.
    try (Network network = new Network(EmulationClock.scaled(100), Duration.ZERO, new SimpleMeterRegistry())) {
      TransportAddress second = TransportAddress.parse("10.1.0.2:3863");
      TestProbe<Packet> registrars = testKit.createTestProbe();
      network.bind(REGISTRAR, registrars.ref());
      network.bind(second, registrars.ref());
      testKit.spawn(PoolElement.create(settings(10), List.of(REGISTRAR, second), HOST, network, new PoolElementMetrics(new SimpleMeterRegistry()), 3));
      // Unanswered, it keeps registering, picking at random among the list: both registrars get asked.
      boolean sawFirst = false;
      boolean sawSecond = false;
      for (int i = 0; i < 40 && !(sawFirst && sawSecond); i++) {
        Packet p = registrars.expectMessageClass(Packet.class, Duration.ofSeconds(5));
        assertInstanceOf(AsapMessage.Registration.class, p.message());
        sawFirst |= p.destination().equals(REGISTRAR);
        sawSecond |= p.destination().equals(second);
      }
      assertTrue(sawFirst && sawSecond);
      assertFalse(network.isBound(TransportAddress.parse("10.1.16.1:1")));
    }
  }

  @Test
  void acksKeepAlivesAndAdoptsTheSenderOfAHomeKeepAliveAsItsRegistrar() {
    // Time-scale 1000: the 30 s re-registration interval is 30 ms of real time.
    try (Network network = new Network(EmulationClock.scaled(1000), Duration.ZERO, new SimpleMeterRegistry())) {
      TransportAddress other = TransportAddress.parse("10.1.0.2:3863");
      TestProbe<Packet> home = testKit.createTestProbe();
      TestProbe<Packet> taker = testKit.createTestProbe();
      network.bind(REGISTRAR, home.ref());
      network.bind(other, taker.ref());
      testKit.spawn(PoolElement.create(settings(10), List.of(REGISTRAR), HOST, network, new PoolElementMetrics(new SimpleMeterRegistry()), 5));
      Packet registration = home.expectMessageClass(Packet.class);
      int id = ((AsapMessage.Registration) registration.message()).poolElement().identifier();
      network.send(registration.reply(new AsapMessage.RegistrationResponse(false, POOL, id, null)));

      TransportAddress asap = HOST.withPort(3863);
      network.send(new Packet(other, asap, new AsapMessage.EndpointKeepAlive(false, 7, POOL, new PeIdentifier(id))));
      assertEquals(new AsapMessage.EndpointKeepAliveAck(POOL, id), taker.expectMessageClass(Packet.class).message());
      // Without the H bit nothing changes: the next re-registration still goes home.
      Packet again = home.expectMessageClass(Packet.class, Duration.ofSeconds(5));
      assertInstanceOf(AsapMessage.Registration.class, again.message());
      network.send(again.reply(new AsapMessage.RegistrationResponse(false, POOL, id, null)));

      network.send(new Packet(other, asap, new AsapMessage.EndpointKeepAlive(true, 7, POOL, new PeIdentifier(id))));
      assertEquals(new AsapMessage.EndpointKeepAliveAck(POOL, id), taker.expectMessageClass(Packet.class).message());
      Packet next = taker.expectMessageClass(Packet.class, Duration.ofSeconds(5));
      assertInstanceOf(AsapMessage.Registration.class, next.message(), "re-registers with its new home");
    }
  }
}
