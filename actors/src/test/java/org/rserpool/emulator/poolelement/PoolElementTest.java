package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.association.SctpSettings;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * The pool element actor step by step on manual time (zero link delay): its ASAP side (registration,
 * retries, hunting, re-registration, load updates, keep-alives, announces, deregistration) and its
 * CalcApp server (processor sharing timings of rspsim-model.md §6.1-2, MaxJobs, shutdown, crash).
 */
class PoolElementTest {
  static ActorTestKit testKit;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress SECOND_REGISTRAR = TransportAddress.parse("10.1.0.2:3863");
  static final TransportAddress HOST = TransportAddress.parse("10.1.16.1:0");
  static final TransportAddress ASAP = HOST.withPort(3863);
  static final TransportAddress SERVICE = HOST.withPort(1024);
  static final TransportAddress USER = TransportAddress.parse("10.1.128.1:1800");
  static final TransportAddress GROUP = TransportAddress.parse("239.0.0.50:3863");

  ManualNetwork net;
  TestProbe<Packet> registrar;
  TestProbe<Packet> user;
  PoolElementMetrics metrics;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("PoolElementTest", ManualNetwork.config());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void network() {
    net = ManualNetwork.create(testKit.system(), Duration.ZERO);
    registrar = testKit.createTestProbe();
    user = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    net.network().bind(USER, user.ref());
    metrics = new PoolElementMetrics(net.registry(), net.clock());
  }

  @AfterEach
  void close() {
    net.close();
  }

  /** Pool element settings: the defaults with these HOCON overrides of {@code rserpool.pool-element}, no announces. */
  static PoolElementSettings settings(String overrides) {
    return PoolElementSettings.fromConfig(ConfigFactory.parseString(
        "rserpool.pool-element {" + overrides + "}\nrserpool.asap-client.use-announces = off").withFallback(ConfigFactory.defaultReference()));
  }

  ActorRef<PoolElement.Command> spawn(PoolElementSettings settings, List<TransportAddress> registrars) {
    return testKit.spawn(PoolElement.create(settings, registrars, HOST, net.network(), metrics, 42));
  }

  /** Waits until the pool element has handled everything sent to it so far, and returns its status. */
  PoolElement.Status status(ActorRef<PoolElement.Command> pe) {
    TestProbe<PoolElement.Status> probe = testKit.createTestProbe();
    pe.tell(new PoolElement.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  void timePasses(ActorRef<PoolElement.Command> pe, Duration d) {
    status(pe);
    net.timePasses(d);
  }

  <T extends Message> T expect(TestProbe<Packet> probe, Class<T> type) {
    return assertInstanceOf(type, probe.receiveMessage().message());
  }

  /** Spawns a pool element and accepts its registration; returns it with its identifier. */
  ActorRef<PoolElement.Command> registered(PoolElementSettings settings, int[] identifier) {
    ActorRef<PoolElement.Command> pe = spawn(settings, List.of(REGISTRAR));
    Packet p = registrar.receiveMessage();
    AsapMessage.Registration r = assertInstanceOf(AsapMessage.Registration.class, p.message());
    identifier[0] = r.poolElement().identifier();
    net.network().send(p.reply(new AsapMessage.RegistrationResponse(false, POOL, identifier[0], null)));
    assertTrue(status(pe).registered());
    return pe;
  }

  void request(int job, long size) {
    net.network().send(new Packet(USER, SERVICE, new CalcAppMessage.Request(job, size)));
  }

  @Test
  void registersItsServiceWithTheRegistrationLifeAndPolicy() {
    spawn(settings("policy = LeastUsed"), List.of(REGISTRAR));
    Packet p = registrar.receiveMessage();
    assertEquals(ASAP, p.source());
    AsapMessage.Registration r = assertInstanceOf(AsapMessage.Registration.class, p.message());
    assertEquals(POOL, r.poolHandle());
    assertNotEquals(0, r.poolElement().identifier());
    assertEquals(90_000, r.poolElement().registrationLife());
    assertEquals(SctpTransport.of(Ipv4Address.parse("10.1.16.1"), 1024, TransportUse.DATA_ONLY), r.poolElement().userTransport());
    assertEquals(0, r.poolElement().policy().load());
    assertEquals(1, metrics.running());
  }

  /** Two jobs of 1e6 calculations at a 1e6/s pool element, started together, both finish at 2 s. */
  @Test
  void twoEqualJobsShareTheCapacityAndFinishTogetherAtTwoSeconds() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    request(1, 1_000_000);
    request(2, 1_000_000);
    assertEquals(new CalcAppMessage.Accept(1, 1_000_000), expect(user, CalcAppMessage.Accept.class));
    assertEquals(new CalcAppMessage.Accept(2, 1_000_000), expect(user, CalcAppMessage.Accept.class));
    timePasses(pe, Duration.ofMillis(1999));
    status(pe);
    user.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(new CalcAppMessage.Complete(1, 1_000_000, 1_000_000), expect(user, CalcAppMessage.Complete.class));
    assertEquals(new CalcAppMessage.Complete(2, 1_000_000, 1_000_000), expect(user, CalcAppMessage.Complete.class));
    PoolElement.Status s = status(pe);
    assertEquals(2e6, s.usedCalculations(), 1);
    assertEquals(2, s.jobsCompleted());
    assertEquals(1.0, s.utilization(1e6), 1e-6, "busy for all of its 2 s");
  }

  /** Jobs of 1e6 and 3e6 started together finish at 2 s and at 4 s. */
  @Test
  void jobsOfOneAndThreeMillionFinishAtTwoAndFourSeconds() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    request(1, 1_000_000);
    request(2, 3_000_000);
    expect(user, CalcAppMessage.Accept.class);
    expect(user, CalcAppMessage.Accept.class);
    timePasses(pe, Duration.ofMillis(1999));
    status(pe);
    user.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(1, expect(user, CalcAppMessage.Complete.class).jobId());
    timePasses(pe, Duration.ofMillis(1999));
    status(pe);
    user.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    assertEquals(2, expect(user, CalcAppMessage.Complete.class).jobId());
    assertEquals(4e6, metrics.usedCapacity(), 1);
  }

  /** One big step of manual time makes the completion timer fire late: no capacity is lost. */
  @Test
  void aLateTimerLosesNoCapacity() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    request(1, 1_000_000);
    request(2, 3_000_000);
    expect(user, CalcAppMessage.Accept.class);
    expect(user, CalcAppMessage.Accept.class);
    // The timer due at 2 s runs while manual time already reads up to 10 s; the one it arms for the
    // second job may land after 10 s, so a second step lets it fire (later still).
    timePasses(pe, Duration.ofSeconds(10));
    timePasses(pe, Duration.ofSeconds(10));
    assertEquals(1, expect(user, CalcAppMessage.Complete.class).jobId());
    assertEquals(2, expect(user, CalcAppMessage.Complete.class).jobId());
    PoolElement.Status s = status(pe);
    assertEquals(4e6, s.usedCalculations(), 1);
    assertEquals(4e6, metrics.usedCapacity(), 1);
    assertEquals(20e6, metrics.providedCapacity(), 1);
    assertEquals(0.2, metrics.utilization(), 1e-6);
  }

  @Test
  void rejectsJobsBeyondMaxJobs() {
    int[] id = new int[1];
    registered(settings("max-jobs = 1"), id);
    request(1, 1_000_000_000L);
    assertInstanceOf(CalcAppMessage.Accept.class, user.receiveMessage().message());
    request(2, 1_000_000_000L);
    assertEquals(new CalcAppMessage.Reject(2), user.receiveMessage().message());
    assertEquals(1, metrics.jobsRejected());
  }

  /** T2 and hunting: with 2 attempts per registrar, the second registrar is tried after two timeouts. */
  /**
   * Over SCTP (rserpool.network.sctp): when the registrar aborts the association (rsplib does on a
   * keep-alive timeout), the pool element hunts and registers again at once, not at its next
   * re-registration 30 s later.
   */
  @Test
  void whenItsRegistrarAbortsTheAssociationItRegistersAgainAtOnce() {
    net.network().setTransport(SctpSettings.LINUX);
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    net.network().abort(REGISTRAR, ASAP);
    timePasses(pe, Duration.ofMillis(1));
    AsapMessage.Registration again = expect(registrar, AsapMessage.Registration.class);
    assertEquals(id[0], again.poolElement().identifier());
    assertEquals(2, (long) net.registry().get("rserpool.pool.element.registrations.sent").counter().count());
  }

  @Test
  void retriesThenHuntsAnotherRegistrar() {
    TestProbe<Packet> second = testKit.createTestProbe();
    net.network().bind(SECOND_REGISTRAR, second.ref());
    ActorRef<PoolElement.Command> pe = spawn(settings("max-registration-attempts = 2"), List.of(REGISTRAR));
    expect(registrar, AsapMessage.Registration.class);
    timePasses(pe, Duration.ofMillis(2999));
    status(pe);
    registrar.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    expect(registrar, AsapMessage.Registration.class);
    timePasses(pe, Duration.ofSeconds(3));
    // Attempts spent: a new hunt; with one registrar in the table it is the same one again.
    expect(registrar, AsapMessage.Registration.class);
    assertFalse(status(pe).registered());
    assertEquals(3, (long) net.registry().get("rserpool.pool.element.registrations.sent").counter().count());
  }

  /**
   * rsplib's hunt remembers the registrar that did not answer: whichever of two registrars a pool element
   * tries first and finds dead, its next hunt goes to the other one (without the memory: half of them
   * would try the dead one again).
   */
  @Test
  void afterARegistrarDiesTheNextHuntGoesToALiveOne() {
    // Both registrars are one probe; a packet's destination says which one it went to.
    net.network().bind(SECOND_REGISTRAR, registrar.ref());
    for (int seed = 1; seed <= 10; seed++) {
      ActorRef<PoolElement.Command> pe = testKit.spawn(PoolElement.create(settings("max-registration-attempts = 1"),
          List.of(REGISTRAR, SECOND_REGISTRAR), HOST, net.network(), metrics, seed));
      Packet first = registrar.receiveMessage();
      assertInstanceOf(AsapMessage.Registration.class, first.message());
      timePasses(pe, Duration.ofSeconds(3));
      status(pe);
      Packet next = registrar.receiveMessage();
      assertInstanceOf(AsapMessage.Registration.class, next.message());
      assertNotEquals(first.destination(), next.destination(), "seed " + seed + ": the live registrar next");
      testKit.stop(pe);
    }
  }

  /** RFC 5352 T5 backoff: unanswered registrations make it wait 10 s, then 20 s, then 40 s, capped at 30 s here, before hunting. */
  @Test
  void unansweredRegistrationsBackOffExponentially() {
    ActorRef<PoolElement.Command> pe = spawn(settings("server-hunt-backoff = 10s, server-hunt-backoff-max = 30s"), List.of(REGISTRAR));
    expect(registrar, AsapMessage.Registration.class);
    for (long backoff : new long[] {10_000, 20_000, 30_000, 30_000}) {
      timePasses(pe, Duration.ofSeconds(3));
      timePasses(pe, Duration.ofMillis(backoff - 1));
      status(pe);
      registrar.expectNoMessage(Duration.ofMillis(20));
      timePasses(pe, Duration.ofMillis(1));
      expect(registrar, AsapMessage.Registration.class);
    }
  }

  /** A refused registration (R flag, or an operation error) waits at most server-hunt-retry-delay, then hunts. */
  @Test
  void aRefusalMakesItHuntAgainAfterTheRetryDelay() {
    ActorRef<PoolElement.Command> pe = spawn(settings("server-hunt-retry-delay = 200ms"), List.of(REGISTRAR));
    Packet p = registrar.receiveMessage();
    int id = ((AsapMessage.Registration) p.message()).poolElement().identifier();
    net.network().send(p.reply(new AsapMessage.RegistrationResponse(true, POOL, id, OperationError.of(CauseCode.LACK_OF_RESOURCES))));
    timePasses(pe, Duration.ofMillis(200));
    expect(registrar, AsapMessage.Registration.class);
    assertFalse(status(pe).registered());
  }

  @Test
  void reregistersEveryIntervalAtItsRegistrar() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings("reregistration-interval = 30s"), id);
    timePasses(pe, Duration.ofMillis(29_999));
    status(pe);
    registrar.expectNoMessage(Duration.ofMillis(50));
    net.timePasses(Duration.ofMillis(1));
    Packet again = registrar.receiveMessage();
    assertEquals(id[0], ((AsapMessage.Registration) again.message()).poolElement().identifier(), "the same identifier (RFC 5352 §3.1)");
  }

  /**
   * RSPSIM: with an adaptive policy every change of the job count is re-registered at once, with the
   * load jobs / MaxJobs; a non-adaptive policy never reports a load.
   */
  @Test
  void anAdaptivePolicyReregistersOnEveryLoadChange() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings("policy = LeastUsed, max-jobs = 4"), id);
    request(1, 1_000_000);
    Packet update = registrar.receiveMessage();
    assertEquals(SelectionPolicy.fraction(0.25), ((AsapMessage.Registration) update.message()).poolElement().policy().load());
    // A second change while the first update is unanswered waits for the response.
    request(2, 1_000_000);
    status(pe);
    registrar.expectNoMessage(Duration.ofMillis(50));
    net.network().send(update.reply(new AsapMessage.RegistrationResponse(false, POOL, id[0], null)));
    Packet next = registrar.receiveMessage();
    assertEquals(SelectionPolicy.fraction(0.5), ((AsapMessage.Registration) next.message()).poolElement().policy().load());
    net.network().send(next.reply(new AsapMessage.RegistrationResponse(false, POOL, id[0], null)));
    timePasses(pe, Duration.ofSeconds(2));
    Packet idle = registrar.receiveMessage();
    assertEquals(0, ((AsapMessage.Registration) idle.message()).poolElement().policy().load());
    assertEquals(3, metrics.policyUpdates());
  }

  @Test
  void theUpdateThresholdSkipsSmallLoadChanges() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings("policy = LeastUsed, max-jobs = 10, policy-update-threshold = 0.15"), id);
    request(1, 10_000_000);
    status(pe);
    registrar.expectNoMessage(Duration.ofMillis(50));
    request(2, 10_000_000);
    Packet update = registrar.receiveMessage();
    assertEquals(SelectionPolicy.fraction(0.2), ((AsapMessage.Registration) update.message()).poolElement().policy().load());
  }

  @Test
  void acksKeepAlivesAndAdoptsTheSenderOfAHomeKeepAliveAsItsRegistrar() {
    TestProbe<Packet> taker = testKit.createTestProbe();
    net.network().bind(SECOND_REGISTRAR, taker.ref());
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    net.network().send(new Packet(SECOND_REGISTRAR, ASAP, new AsapMessage.EndpointKeepAlive(false, 7, POOL, new PeIdentifier(id[0]))));
    assertEquals(new AsapMessage.EndpointKeepAliveAck(POOL, id[0]), taker.receiveMessage().message());
    assertEquals(REGISTRAR, status(pe).registrar(), "without the H bit nothing changes");
    net.network().send(new Packet(SECOND_REGISTRAR, ASAP, new AsapMessage.EndpointKeepAlive(false, 7, POOL, new PeIdentifier(id[0] + 1))));
    status(pe);
    taker.expectNoMessage(Duration.ofMillis(50));
    net.network().send(new Packet(SECOND_REGISTRAR, ASAP, new AsapMessage.EndpointKeepAlive(true, 7, POOL, new PeIdentifier(id[0]))));
    assertEquals(new AsapMessage.EndpointKeepAliveAck(POOL, id[0]), taker.receiveMessage().message());
    assertEquals(SECOND_REGISTRAR, status(pe).registrar());
    timePasses(pe, Duration.ofSeconds(30));
    AsapMessage.Registration r = expect(taker, AsapMessage.Registration.class);
    assertEquals(7, r.poolElement().homeEnrpServerIdentifier(), "rsplib names the home registrar it knows");
  }

  /** With no static registrar it waits for a SERVER_ANNOUNCE, then registers with the announced registrar. */
  @Test
  void registersWithARegistrarLearntFromAnAnnounce() {
    PoolElementSettings withAnnounces = PoolElementSettings.fromConfig(ConfigFactory.defaultReference());
    ActorRef<PoolElement.Command> pe = spawn(withAnnounces, List.of());
    timePasses(pe, Duration.ofSeconds(10));
    registrar.expectNoMessage(Duration.ofMillis(50));
    assertNull(status(pe).registrar());
    net.network().send(new Packet(REGISTRAR, GROUP, new AsapMessage.ServerAnnounce(5, List.of())));
    expect(registrar, AsapMessage.Registration.class);
    assertEquals(REGISTRAR, status(pe).registrar());
  }

  /**
   * A clean shutdown: a cookie with its progress and CALCAPP_ABORT for every job, DEREGISTRATION, and
   * the pool element stops when the registrar answers.
   */
  @Test
  void aShutdownHandsOverItsJobsDeregistersAndStops() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    request(1, 4_000_000);
    request(2, 4_000_000);
    expect(user, CalcAppMessage.Accept.class);
    expect(user, CalcAppMessage.Accept.class);
    timePasses(pe, Duration.ofSeconds(1));
    pe.tell(new PoolElement.Shutdown());
    List<Message> toUser = new ArrayList<>();
    for (int i = 0; i < 4; i++) toUser.add(user.receiveMessage().message());
    assertEquals(new CalcAppCookie(1, 4_000_000, 500_000), CalcAppCookie.fromBytes(((AsapMessage.Cookie) toUser.get(0)).cookie()));
    assertEquals(new CalcAppMessage.Abort(1), toUser.get(1));
    assertEquals(new CalcAppMessage.Abort(2), toUser.get(3));
    Packet d = registrar.receiveMessage();
    assertEquals(new AsapMessage.Deregistration(POOL, id[0]), d.message());
    TestProbe<Object> watcher = testKit.createTestProbe();
    net.network().send(d.reply(new AsapMessage.DeregistrationResponse(POOL, id[0], null)));
    watcher.expectTerminated(pe);
    assertEquals(0, metrics.running());
    assertEquals(0, metrics.registered());
    assertEquals(1e6, metrics.usedCapacity(), 1);
    assertEquals(1e6, metrics.providedCapacity(), 1, "up-time ends when the shutdown starts");
    assertFalse(net.network().isBound(SERVICE));
  }

  /** Without a deregistration response it gives up after its attempts and stops all the same. */
  @Test
  void aShutdownEndsEvenWithoutADeregistrationResponse() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(settings(""), id);
    pe.tell(new PoolElement.Shutdown());
    expect(registrar, AsapMessage.Deregistration.class);
    TestProbe<Object> watcher = testKit.createTestProbe();
    timePasses(pe, Duration.ofSeconds(3));
    watcher.expectTerminated(pe);
  }

  /** RSPSIM's life cycle: up for the drawn uptime after its first registration, then (probability 0 of a clean shutdown) a crash: silence. */
  @Test
  void aFailureDrawnAsACrashStopsItSilently() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(
        settings("cookie-max-calculations = 1e12, lifecycle { mtbf = 10s, mtbf-distribution = constant, clean-shutdown-probability = 0 }"), id);
    request(1, 100_000_000);
    expect(user, CalcAppMessage.Accept.class);
    timePasses(pe, Duration.ofMillis(9_999));
    status(pe);
    net.timePasses(Duration.ofMillis(1));
    TestProbe<Object> watcher = testKit.createTestProbe();
    watcher.expectTerminated(pe);
    user.expectNoMessage(Duration.ofMillis(50));
    registrar.expectNoMessage(Duration.ofMillis(50));
    assertEquals(1e7, metrics.usedCapacity(), 1, "the lost work counts as used, as in RSPSIM");
    assertEquals(0, metrics.registered());
  }

  @Test
  void aFailureDrawnAsACleanShutdownDeregisters() {
    int[] id = new int[1];
    ActorRef<PoolElement.Command> pe = registered(
        settings("lifecycle { mtbf = 10s, mtbf-distribution = constant, clean-shutdown-probability = 1 }"), id);
    timePasses(pe, Duration.ofSeconds(10));
    assertEquals(new AsapMessage.Deregistration(POOL, id[0]), expect(registrar, AsapMessage.Deregistration.class));
  }
}
