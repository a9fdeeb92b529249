package org.rserpool.emulator.attacker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.registrar.RegistrarMetrics;
import org.rserpool.emulator.registrar.RegistrarSettings;
import org.rserpool.emulator.testing.ManualNetwork;

/** RSPSIM's attacker on manual time: what it sends, and what a registrar sees of its floods. */
class AttackerTest {
  static ActorTestKit testKit;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress HOST = TransportAddress.parse("10.1.15.1:0");
  static final TransportAddress SELF = HOST.withPort(777);

  ManualNetwork net;
  AttackerMetrics metrics;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("AttackerTest", ManualNetwork.config());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void network() {
    net = ManualNetwork.create(testKit.system(), Duration.ZERO);
    metrics = new AttackerMetrics(net.registry());
  }

  @AfterEach
  void close() {
    net.close();
  }

  static Config config(String attacker) {
    return ConfigFactory.parseString("rserpool.attacker {" + attacker + "}\nrserpool.asap-client.use-announces = off")
        .withFallback(ConfigFactory.defaultReference());
  }

  ActorRef<Attacker.Command> spawn(String attacker) {
    return testKit.spawn(Attacker.create(AttackerSettings.fromConfig(config(attacker)), List.of(REGISTRAR), HOST, net.network(), metrics, 9));
  }

  Attacker.Status status(ActorRef<Attacker.Command> attacker) {
    TestProbe<Attacker.Status> probe = testKit.createTestProbe();
    attacker.tell(new Attacker.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  /** Steps manual time one attack interval at a time, so every attack is armed from its exact time. */
  void attacks(ActorRef<Attacker.Command> attacker, int count, Duration interval) {
    for (int i = 0; i < count; i++) {
      status(attacker);
      net.timePasses(interval);
      status(attacker);
    }
  }

  /** A registration flood with new identifiers fills a real registrar's handlespace with fake pool elements. */
  @Test
  void aRegistrationFloodFillsTheRegistrarsHandlespace() {
    RegistrarMetrics registrarMetrics = new RegistrarMetrics(net.registry());
    testKit.spawn(Registrar.create(RegistrarSettings.fromConfig(ConfigFactory.defaultReference()), 77, REGISTRAR, net.network(), registrarMetrics));
    ActorRef<Attacker.Command> attacker = spawn("type = registration, interval = 100ms, randomize-identifier = on, policy = LeastUsed");
    attacks(attacker, 10, Duration.ofMillis(100));
    assertEquals(10, status(attacker).attacks());
    // The answer to the last attack travels registrar -> attacker after the last step: wait for it.
    awaitCount(10, () -> status(attacker).registrations());
    assertEquals(10, registrarMetrics.registrations());
    assertEquals(10, registrarMetrics.poolElements());
    assertEquals(10, metrics.registrations());
    assertEquals(10, metrics.requestsSent());
  }

  /** What a fake registration carries: RSPSIM's policy values, load 0, life 1e9 ms, the attacker's own address. */
  @Test
  void aFakeRegistrationCarriesTheConfiguredPolicyAndKeepsItsIdentifier() {
    TestProbe<Packet> registrar = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    ActorRef<Attacker.Command> attacker = spawn("type = registration, policy = LeastUsedDegradation, load-degradation = 0.25");
    attacks(attacker, 2, Duration.ofSeconds(1));
    Packet first = registrar.receiveMessage();
    assertEquals(SELF, first.source());
    PoolElementParameter fake = assertInstanceOf(AsapMessage.Registration.class, first.message()).poolElement();
    assertEquals(new SelectionPolicy(PolicyType.LEAST_USED_DEGRADATION, 0, 0, SelectionPolicy.fraction(0.25), 0, 0, 0), fake.policy());
    assertEquals(1_000_000_000, fake.registrationLife());
    assertEquals(SctpTransport.of(SELF.address(), 777, TransportUse.DATA_ONLY), fake.userTransport());
    PoolElementParameter again = ((AsapMessage.Registration) registrar.receiveMessage().message()).poolElement();
    assertEquals(fake.identifier(), again.identifier(), "without randomize-identifier one fake pool element");
  }

  /**
   * A handle-resolution flood with report probability 1: every answer's pool elements are reported
   * unreachable to the registrar that answered.
   */
  @Test
  void aHandleResolutionFloodReportsEveryAnsweredPoolElement() {
    TestProbe<Packet> registrar = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    ActorRef<Attacker.Command> attacker = spawn("type = handle-resolution, interval = 500ms, report-unreachable-probability = 1");
    attacks(attacker, 1, Duration.ofMillis(500));
    Packet hr = registrar.receiveMessage();
    assertEquals(new AsapMessage.HandleResolution(false, POOL, null), hr.message());
    List<PoolElementParameter> victims = List.of(fake(5), fake(6));
    net.network().send(hr.reply(new AsapMessage.HandleResolutionResponse(false, POOL, victims.get(0).policy(), victims, null)));
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 5), registrar.receiveMessage().message());
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 6), registrar.receiveMessage().message());
    // The next request goes unanswered; before the one after it, the last victims are reported again.
    attacks(attacker, 1, Duration.ofMillis(500));
    assertInstanceOf(AsapMessage.HandleResolution.class, registrar.receiveMessage().message());
    attacks(attacker, 1, Duration.ofMillis(500));
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 5), registrar.receiveMessage().message());
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 6), registrar.receiveMessage().message());
    assertInstanceOf(AsapMessage.HandleResolution.class, registrar.receiveMessage().message());
    Attacker.Status s = status(attacker);
    assertEquals(1, s.handleResolutions());
    assertEquals(4, s.failureReports());
    assertEquals(3, s.attacks());
  }

  /** The flood as a real registrar counts it. */
  @Test
  void aHandleResolutionFloodIsCountedByTheRegistrar() {
    RegistrarMetrics registrarMetrics = new RegistrarMetrics(net.registry());
    testKit.spawn(Registrar.create(RegistrarSettings.fromConfig(ConfigFactory.defaultReference()), 77, REGISTRAR, net.network(), registrarMetrics));
    ActorRef<Attacker.Command> attacker = spawn("type = handle-resolution, interval = 100ms");
    attacks(attacker, 10, Duration.ofMillis(100));
    awaitCount(10, registrarMetrics::handleResolutions);
    assertEquals(10, metrics.requestsSent());
  }

  /**
   * MaxHRRate: a flood of 100 handle resolutions per second against a registrar that allows one pool
   * user 10 per second is refused (dropped, as RSPSIM does) once the registrar has measured its rate; as
   * in rsplib, refused requests count towards the rate, so a flood that keeps going stays refused.
   * (The unlimited default serves every request: {@link #aHandleResolutionFloodIsCountedByTheRegistrar}.)
   */
  @Test
  void aHandleResolutionFloodIsThrottledByMaxHrRate() {
    RegistrarMetrics registrarMetrics = new RegistrarMetrics(net.registry());
    Config limited = ConfigFactory.parseString("rserpool.registrar.max-handle-resolution-rate = 10").withFallback(ConfigFactory.defaultReference());
    testKit.spawn(Registrar.create(RegistrarSettings.fromConfig(limited), 77, REGISTRAR, net.network(), registrarMetrics));
    ActorRef<Attacker.Command> attacker = spawn("type = handle-resolution, interval = 10ms");
    attacks(attacker, 40, Duration.ofMillis(10));
    awaitCount(40, registrarMetrics::handleResolutions);
    long asked = registrarMetrics.handleResolutions();
    long refused = registrarMetrics.refusedHandleResolutions();
    assertEquals(40, asked);
    assertTrue(asked - refused >= 1, "the first request, before any rate can be measured, is served");
    assertTrue(refused >= 38, "all but the first one or two are refused; refused " + refused);
  }

  @Test
  void answersKeepAlivesOnlyWhenConfiguredAndIgnoresApplicationMessages() {
    TestProbe<Packet> registrar = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    ActorRef<Attacker.Command> quiet = spawn("type = registration, interval = 1000s");
    // A status round trip: the attacker has bound its address before packets for it are sent.
    status(quiet);
    net.network().send(new Packet(REGISTRAR, SELF, new AsapMessage.EndpointKeepAlive(false, 77, POOL, new PeIdentifier(3))));
    net.network().send(new Packet(TransportAddress.parse("10.1.128.1:1800"), SELF, new CalcAppMessage.Request(1, 100)));
    Attacker.Status s = status(quiet);
    assertEquals(0, s.keepAliveAcks());
    assertEquals(1, s.ignoredApplicationMessages());
    registrar.expectNoMessage(Duration.ofMillis(20));
    testKit.stop(quiet);
    TestProbe<Object> watcher = testKit.createTestProbe();
    watcher.expectTerminated(quiet);

    ActorRef<Attacker.Command> answering = spawn("type = registration, interval = 1000s, answer-keep-alives = on");
    status(answering);
    net.network().send(new Packet(REGISTRAR, SELF, new AsapMessage.EndpointKeepAlive(false, 77, POOL, new PeIdentifier(3))));
    assertEquals(new AsapMessage.EndpointKeepAliveAck(POOL, 3), registrar.receiveMessage().message());
    assertEquals(1, status(answering).keepAliveAcks());
  }

  @Test
  void randomizedIdentifiersDiffer() {
    TestProbe<Packet> registrar = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    ActorRef<Attacker.Command> attacker = spawn("type = registration, interval = 10ms, randomize-identifier = on");
    attacks(attacker, 20, Duration.ofMillis(10));
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      int id = ((AsapMessage.Registration) registrar.receiveMessage().message()).poolElement().identifier();
      assertNotEquals(0, id);
      ids.add(id);
    }
    assertEquals(20, ids.size());
  }

  @Test
  void settingsFollowThePoolElementsPolicyAndNameBadKeys() {
    AttackerSettings s = AttackerSettings.fromConfig(ConfigFactory.parseString("rserpool.pool-element.policy = Random")
        .withFallback(ConfigFactory.defaultReference()));
    assertEquals(PolicyType.RANDOM, s.fakePolicy().type());
    assertEquals(AttackerSettings.Type.NONE, s.type());
    for (String bad : new String[] {"type = flood", "weight = 0", "report-unreachable-probability = 2", "policy = Fastest",
        "interval = 0s", "interval-distribution = normal"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> AttackerSettings.fromConfig(config(bad)));
      assertTrue(e.getMessage().contains("rserpool.attacker." + bad.substring(0, bad.indexOf(' '))), e.getMessage());
    }
  }

  /** The last attack's packet is still on its way to the registrar after the last step: wait for it (bounded). */
  static void awaitCount(long expected, java.util.function.LongSupplier count) {
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(expected, count.getAsLong());
      return null;
    });
  }

  static PoolElementParameter fake(int id) {
    return new PoolElementParameter(id, 0, 90_000, SctpTransport.of(HOST.address(), 1024, TransportUse.DATA_ONLY),
        SelectionPolicy.of(PolicyType.ROUND_ROBIN), null);
  }
}
