package org.rserpool.emulator.pooluser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
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
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * The pool user step by step on manual time (zero link delay), with probes as registrar and pool
 * elements: RSPSIM's queuing client, its statistics, and each way of failing over.
 */
class PoolUserTest {
  static ActorTestKit testKit;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress SELF = TransportAddress.parse("10.1.128.1:0");
  static final TransportAddress SERVICE = SELF.withPort(1800);
  static final TransportAddress PE1 = TransportAddress.parse("10.1.16.1:1024");
  static final TransportAddress PE2 = TransportAddress.parse("10.1.16.2:1024");
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  ManualNetwork net;
  TestProbe<Packet> registrar;
  TestProbe<Packet> pe1;
  TestProbe<Packet> pe2;
  PoolUserMetrics metrics;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("PoolUserTest", ManualNetwork.config());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void network() {
    net = ManualNetwork.create(testKit.system(), Duration.ZERO);
    registrar = testKit.createTestProbe();
    pe1 = testKit.createTestProbe();
    pe2 = testKit.createTestProbe();
    net.network().bind(REGISTRAR, registrar.ref());
    net.network().bind(PE1, pe1.ref());
    net.network().bind(PE2, pe2.ref());
    metrics = new PoolUserMetrics(net.registry());
  }

  @AfterEach
  void close() {
    net.close();
  }

  /** One job of 1e6 calculations, generated 1 s after the start; these HOCON overrides of {@code rserpool.pool-user}. */
  static PoolUserSettings settings(String overrides) {
    return PoolUserSettings.fromConfig(ConfigFactory.parseString("""
        rserpool.pool-user {
          job-size = 1000000, job-size-distribution = constant
          job-interval = 1s, job-interval-distribution = constant
          job-count = 1
          session-keep-alive-interval = 100s, session-keep-alive-timeout = 100s
        """ + overrides + "}\nrserpool.asap-client.use-announces = off").withFallback(ConfigFactory.defaultReference()));
  }

  ActorRef<PoolUser.Command> spawn(PoolUserSettings settings) {
    return testKit.spawn(PoolUser.create(settings, List.of(REGISTRAR), SELF, net.network(), metrics, 3));
  }

  PoolUser.Status status(ActorRef<PoolUser.Command> pu) {
    TestProbe<PoolUser.Status> probe = testKit.createTestProbe();
    pu.tell(new PoolUser.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  void timePasses(ActorRef<PoolUser.Command> pu, long millis) {
    status(pu);
    net.timePasses(Duration.ofMillis(millis));
    status(pu);
  }

  static PoolElementParameter pe(int id, TransportAddress at) {
    return new PoolElementParameter(id, 0, 90_000, SctpTransport.of(at.address(), at.port(), TransportUse.DATA_ONLY),
        SelectionPolicy.of(PolicyType.ROUND_ROBIN), null);
  }

  /** Answers the next handle resolution with these pool elements. */
  void resolve(PoolElementParameter... poolElements) {
    Packet hr = registrar.receiveMessage();
    assertInstanceOf(AsapMessage.HandleResolution.class, hr.message());
    net.network().send(hr.reply(new AsapMessage.HandleResolutionResponse(false, POOL, poolElements[0].policy(), List.of(poolElements), null)));
  }

  <T extends Message> T expect(TestProbe<Packet> probe, Class<T> type) {
    return assertInstanceOf(type, probe.receiveMessage().message());
  }

  void send(TransportAddress from, Message m) {
    net.network().send(new Packet(from, SERVICE, m));
  }

  /**
   * A job's life: generated at 1 s, resolved 100 ms later, accepted 50 ms after that, a cookie at half
   * way, completed 1 s after the accept; the times are RSPSIM's definitions.
   */
  /**
   * Over SCTP (rserpool.network.sctp): a handle resolution whose registrar's association is aborted is
   * sent again at once to the registrar the hunt finds (here the only one), not after T1 (3 s).
   */
  @Test
  void aHandleResolutionWhoseAssociationIsAbortedGoesOutAgainAtOnce() {
    net.network().setTransport(SctpSettings.LINUX);
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    Packet first = registrar.receiveMessage();
    assertInstanceOf(AsapMessage.HandleResolution.class, first.message());
    net.network().abort(REGISTRAR, first.source());
    timePasses(pu, 1);
    expect(registrar, AsapMessage.HandleResolution.class);
    assertEquals(1, net.registry().get("emulator.network.sctp.associations.lost").tag("cause", "aborted").counter().count());
  }

  @Test
  void servesAJobAndAccountsItAsRspsimDoes() {
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    timePasses(pu, 100);
    resolve(pe(11, PE1));
    assertEquals(new CalcAppMessage.Request(1, 1_000_000), expect(pe1, CalcAppMessage.Request.class));
    timePasses(pu, 50);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    timePasses(pu, 500);
    send(PE1, new AsapMessage.Cookie(new CalcAppCookie(1, 1_000_000, 500_000).toBytes()));
    timePasses(pu, 500);
    send(PE1, new CalcAppMessage.Complete(1, 1_000_000, 1_000_000));
    PoolUser.Status s = status(pu);
    assertEquals(1, s.jobsCompleted());
    PoolUser.CompletedJob job = s.lastCompleted();
    assertEquals(0, job.queuingNanos());
    assertEquals(150 * MS, job.startupNanos());
    assertEquals(S, job.processingNanos());
    assertEquals(1150 * MS, job.handlingNanos());
    assertEquals(S, job.goodputNanos());
    assertEquals(0, job.failoverNanos());
    assertEquals(1, job.serverSelections());
    assertEquals(1, job.requests());
    assertEquals(1e6, metrics.jobSizeCompleted());
    assertEquals(1e6, metrics.goodput());
    assertEquals(1e6 / 1.15, metrics.handlingSpeed(), 1);
    assertEquals(0, metrics.invariantViolations());
  }

  /** CALCAPP_REJECT: the pool element leaves the cache and the selection is retried within job-retry-delay-max. */
  @Test
  void aRejectIsRetriedAfterTheJobRetryDelay() {
    ActorRef<PoolUser.Command> pu = spawn(settings("job-retry-delay-max = 200ms"));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Reject(1));
    timePasses(pu, 200);
    resolve(pe(12, PE2));
    assertEquals(new CalcAppMessage.Request(1, 1_000_000), expect(pe2, CalcAppMessage.Request.class));
    assertEquals(1, status(pu).rejects());
    assertEquals(2, metrics.serverSelections());
    registrar.expectNoMessage(Duration.ofMillis(20));
  }

  /** No answer to the request within job-request-timeout: ENDPOINT_UNREACHABLE to the registrar, a new selection at once. */
  @Test
  void anUnansweredRequestIsReportedAndSelectedAgain() {
    ActorRef<PoolUser.Command> pu = spawn(settings("job-request-timeout = 2s"));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    timePasses(pu, 1999);
    registrar.expectNoMessage(Duration.ofMillis(20));
    timePasses(pu, 1);
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 11), expect(registrar, AsapMessage.EndpointUnreachable.class));
    resolve(pe(12, PE2));
    expect(pe2, CalcAppMessage.Request.class);
    assertEquals(1, status(pu).unreachables());
  }

  /**
   * A pool element that stops acking session keep-alives is failed over within interval + timeout:
   * ENDPOINT_UNREACHABLE, a new selection and ASAP_COOKIE_ECHO with the last cookie; the failover time
   * runs from that cookie to the new accept.
   */
  @Test
  void aSilentPoolElementIsFailedOverWithTheLastCookie() {
    ActorRef<PoolUser.Command> pu = spawn(settings("session-keep-alive-interval = 1s, session-keep-alive-timeout = 1s"));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    CalcAppCookie cookie = new CalcAppCookie(1, 1_000_000, 300_000);
    timePasses(pu, 500);
    send(PE1, new AsapMessage.Cookie(cookie.toBytes()));
    timePasses(pu, 500);
    Packet keepAlive = pe1.receiveMessage();
    assertEquals(new CalcAppMessage.KeepAlive(1), keepAlive.message());
    assertEquals(SERVICE, keepAlive.source());
    timePasses(pu, 999);
    registrar.expectNoMessage(Duration.ofMillis(20));
    timePasses(pu, 1);
    assertEquals(new AsapMessage.EndpointUnreachable(POOL, 11), expect(registrar, AsapMessage.EndpointUnreachable.class));
    resolve(pe(12, PE2));
    AsapMessage.CookieEcho echo = expect(pe2, AsapMessage.CookieEcho.class);
    assertArrayEquals(cookie.toBytes().array(), echo.cookie().array());
    send(PE2, new CalcAppMessage.Accept(1, 1_000_000));
    timePasses(pu, 700);
    send(PE2, new CalcAppMessage.Complete(1, 1_000_000, 1_000_000));
    PoolUser.CompletedJob job = status(pu).lastCompleted();
    assertEquals(1, job.failovers());
    assertEquals(1, job.unreachables());
    assertEquals(1, job.cookieEchoes());
    assertEquals(1500 * MS, job.failoverNanos(), "from the cookie at 0.5 s to the new accept at 2 s");
    assertEquals(1200 * MS, job.goodputNanos());
    assertEquals(2700 * MS, job.processingNanos());
    assertEquals(1, metrics.failovers());
    assertEquals(0, metrics.invariantViolations());
  }

  /** CALCAPP_ABORT (a clean shutdown): a failover without a report, resuming from the cookie sent before it. */
  @Test
  void anAbortIsAFailoverWithoutAReport() {
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    timePasses(pu, 400);
    CalcAppCookie cookie = new CalcAppCookie(1, 1_000_000, 400_000);
    send(PE1, new AsapMessage.Cookie(cookie.toBytes()));
    send(PE1, new CalcAppMessage.Abort(1));
    resolve(pe(12, PE2));
    assertArrayEquals(cookie.toBytes().array(), expect(pe2, AsapMessage.CookieEcho.class).cookie().array());
    assertEquals(0, status(pu).unreachables());
    assertEquals(1, status(pu).failovers());
  }

  /** Messages from another pool element, or about another job, change nothing (RSPSIM). */
  @Test
  void ignoresMessagesFromOthersOrForOtherJobs() {
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE2, new CalcAppMessage.Accept(1, 1_000_000));
    send(PE1, new CalcAppMessage.Accept(7, 1_000_000));
    send(PE1, new CalcAppMessage.Complete(1, 1_000_000, 1_000_000));
    assertEquals(0, status(pu).jobsCompleted());
    assertEquals(0, metrics.accepts());
  }

  /**
   * With a stale cache value the second job is served from the cache, no registrar asked; round robin
   * over the cached entries picks the other pool element.
   */
  @Test
  void aStaleCacheServesSelectionsWithoutARegistrar() {
    ActorRef<PoolUser.Command> pu = spawn(settings("stale-cache-value = 10s, job-count = 2"));
    timePasses(pu, 1000);
    resolve(pe(11, PE1), pe(12, PE2));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    send(PE1, new CalcAppMessage.Complete(1, 1_000_000, 1_000_000));
    timePasses(pu, 1000);
    assertEquals(new CalcAppMessage.Request(2, 1_000_000), expect(pe2, CalcAppMessage.Request.class));
    registrar.expectNoMessage(Duration.ofMillis(20));
    PoolUser.Status s = status(pu);
    assertEquals(1, s.handleResolutions());
    assertEquals(1, s.cacheHits());
  }

  /** With stale-cache-value 0 every selection asks the registrar (RSPSIM's default). */
  @Test
  void withoutACacheEverySelectionAsksTheRegistrar() {
    ActorRef<PoolUser.Command> pu = spawn(settings("job-count = 2"));
    timePasses(pu, 1000);
    resolve(pe(11, PE1), pe(12, PE2));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    send(PE1, new CalcAppMessage.Complete(1, 1_000_000, 1_000_000));
    timePasses(pu, 1000);
    resolve(pe(12, PE2));
    expect(pe2, CalcAppMessage.Request.class);
    assertEquals(2, status(pu).handleResolutions());
  }

  /**
   * rsplib's session layer: without a cache it asks for the one pool element it will use (Handle
   * Resolution option, items 1); with a cache it sends no option and the registrar's default applies.
   */
  @Test
  void asksForOneItemWithoutACacheAndLeavesItToTheRegistrarWithOne() {
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    assertEquals(new HandleResolutionOption(1), expect(registrar, AsapMessage.HandleResolution.class).option());
    testKit.stop(pu);

    ActorRef<PoolUser.Command> cached = spawn(settings("stale-cache-value = 10s"));
    timePasses(cached, 1000);
    assertNull(expect(registrar, AsapMessage.HandleResolution.class).option());
    testKit.stop(cached);

    ActorRef<PoolUser.Command> many = spawn(settings("handle-resolution-items = 4294967295"));
    timePasses(many, 1000);
    assertEquals(new HandleResolutionOption(HandleResolutionOption.AS_MANY_AS_POSSIBLE), expect(registrar, AsapMessage.HandleResolution.class).option());
  }

  /** A registrar that knows no pool element: wait handle-resolution-retry-delay, then ask again. */
  @Test
  void noPoolElementWaitsTheRetryDelay() {
    ActorRef<PoolUser.Command> pu = spawn(settings("handle-resolution-retry-delay = 30s"));
    timePasses(pu, 1000);
    Packet hr = registrar.receiveMessage();
    net.network().send(hr.reply(new AsapMessage.HandleResolutionResponse(false, POOL, null, List.of(),
        OperationError.of(CauseCode.UNKNOWN_POOL_HANDLE))));
    timePasses(pu, 29_999);
    registrar.expectNoMessage(Duration.ofMillis(20));
    timePasses(pu, 1);
    expect(registrar, AsapMessage.HandleResolution.class);
  }

  /** T1: an unanswered handle resolution is sent again after handle-resolution-timeout. */
  @Test
  void anUnansweredHandleResolutionIsRepeated() {
    ActorRef<PoolUser.Command> pu = spawn(settings("handle-resolution-timeout = 3s"));
    timePasses(pu, 1000);
    expect(registrar, AsapMessage.HandleResolution.class);
    timePasses(pu, 2999);
    registrar.expectNoMessage(Duration.ofMillis(20));
    timePasses(pu, 1);
    expect(registrar, AsapMessage.HandleResolution.class);
    assertEquals(2, status(pu).handleResolutions());
  }

  /** The pool element's own session keep-alives are acked. */
  @Test
  void acksThePoolElementsKeepAlives() {
    ActorRef<PoolUser.Command> pu = spawn(settings(""));
    timePasses(pu, 1000);
    resolve(pe(11, PE1));
    expect(pe1, CalcAppMessage.Request.class);
    send(PE1, new CalcAppMessage.Accept(1, 1_000_000));
    send(PE1, new CalcAppMessage.KeepAlive(1));
    assertEquals(new CalcAppMessage.KeepAliveAck(1), expect(pe1, CalcAppMessage.KeepAliveAck.class));
    status(pu);
  }

  /** Without a static registrar it waits for a SERVER_ANNOUNCE and resolves at the announced registrar. */
  @Test
  void resolvesAtARegistrarLearntFromAnAnnounce() {
    PoolUserSettings withAnnounces = PoolUserSettings.fromConfig(ConfigFactory.parseString(
        "rserpool.pool-user { job-count = 1, job-interval = 1s, job-interval-distribution = constant }").withFallback(ConfigFactory.defaultReference()));
    ActorRef<PoolUser.Command> pu = testKit.spawn(PoolUser.create(withAnnounces, List.of(), SELF, net.network(), metrics, 3));
    timePasses(pu, 1000);
    timePasses(pu, 3000);
    registrar.expectNoMessage(Duration.ofMillis(20));
    net.network().send(new Packet(REGISTRAR, TransportAddress.parse("239.0.0.50:3863"), new AsapMessage.ServerAnnounce(5, List.of())));
    expect(registrar, AsapMessage.HandleResolution.class);
  }

  @Test
  void jobsQueueWhileOneIsServed() {
    ActorRef<PoolUser.Command> pu = spawn(settings("job-count = 3, job-interval = 100ms"));
    for (int i = 0; i < 5; i++) timePasses(pu, 100);
    PoolUser.Status s = status(pu);
    assertEquals(3, s.jobsQueued());
    assertEquals(1, s.jobsStarted());
    assertEquals(2, s.queueLength());
    assertEquals(2, metrics.queueLength());
  }

  /**
   * Job generation does not drift: each job is due one interval after the previous one's due time, not
   * after the moment that one was handled. With timers that fire 3 ms late, the 10th job of a 1 s
   * interval is there at 10.003 s (a generator re-armed from "now" would reach it only at 10.030 s).
   */
  @Test
  void jobGenerationDoesNotDriftWhenItsTimerFiresLate() {
    net.close();
    net = ManualNetwork.withLateTimers(testKit.system(), Duration.ZERO, Duration.ofMillis(3));
    net.network().bind(REGISTRAR, registrar.ref());
    ActorRef<PoolUser.Command> pu = testKit.spawn(PoolUser.create(settings("job-count = 0, handle-resolution-timeout = 100s"),
        List.of(REGISTRAR), SELF, net.network(), metrics, 3));
    for (int i = 1; i <= 10; i++) {
      timePasses(pu, i == 1 ? 1002 : 999);
      assertEquals(i - 1, status(pu).jobsQueued(), "at " + i + ".002 s");
      timePasses(pu, 1);
      assertEquals(i, status(pu).jobsQueued(), "at " + i + ".003 s");
    }
  }
}
