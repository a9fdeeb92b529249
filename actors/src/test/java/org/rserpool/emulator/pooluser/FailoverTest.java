package org.rserpool.emulator.pooluser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.poolelement.PoolElementMetrics;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.testing.ManualNetwork;
import org.rserpool.emulator.testing.RegistrarStub;

/**
 * Session failover end to end on manual time: a pool user, two real pool elements and a registrar
 * stub that lets the test answer handle resolutions. Cookies every 2e6 calculations, session
 * keep-alives every 1 s with a 1 s timeout on both sides, one job of 1e7 calculations at 1e6/s.
 */
class FailoverTest {
  static ActorTestKit testKit;
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");
  static final TransportAddress REGISTRAR = TransportAddress.parse("10.1.0.1:3863");
  static final TransportAddress HOST1 = TransportAddress.parse("10.1.16.1:0");
  static final TransportAddress HOST2 = TransportAddress.parse("10.1.16.2:0");
  static final TransportAddress USER = TransportAddress.parse("10.1.128.1:0");
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("FailoverTest", ManualNetwork.config());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Config config() {
    return ConfigFactory.parseString("""
        rserpool.asap-client.use-announces = off
        rserpool.pool-element {
          cookie-max-calculations = 2000000
          session-keep-alive-interval = 1s, session-keep-alive-timeout = 1s
        }
        rserpool.pool-user {
          job-size = 10000000, job-size-distribution = constant
          job-interval = 1s, job-interval-distribution = constant
          job-count = 1
          session-keep-alive-interval = 1s, session-keep-alive-timeout = 1s
        }
        """).withFallback(ConfigFactory.defaultReference());
  }

  /**
   * The job is accepted at 1 s; the pool element serving it sends cookies at 3 s and 5 s (4e6 done) and
   * crashes at 6.5 s. The pool user's keep-alive of 7 s goes unanswered and at 8 s (within interval +
   * timeout of the crash) it reports the pool element unreachable, resolves again and echoes the cookie
   * to the second pool element, which runs only the 6e6 calculations left and completes at 14 s: only
   * the 1.5e6 done since the cookie are lost, and the failover time runs from the cookie to the new accept.
   */
  @Test
  void aCrashedPoolElementsJobResumesElsewhereFromTheLastCookie() {
    try (ManualNetwork net = ManualNetwork.create(testKit.system(), Duration.ZERO)) {
      Stepper step = new Stepper(net);
      step.by(1000);
      answer(net, step.resolutions, step.id1, HOST1);
      step.settle();
      assertEquals(1, step.pe(step.pe1).jobsInService());
      // Accepted at 1 s; cookies at 3 s and 5 s; the crash at 6.5 s.
      for (int i = 0; i < 11; i++) step.by(500);
      assertEquals(5.5e6, step.pe(step.pe1).usedCalculations(), 1);
      TestProbe<Object> watcher = testKit.createTestProbe();
      testKit.stop(step.pe1);
      watcher.expectTerminated(step.pe1);
      step.remove(step.pe1);
      // The keep-alive of 7 s goes unanswered; at 8 s the pool user fails over.
      step.by(500);
      step.by(500);
      step.resolutions.expectNoMessage(Duration.ofMillis(20));
      step.by(500);
      assertEquals(new AsapMessage.EndpointUnreachable(POOL, step.id1), step.resolutions.receiveMessage().message());
      answer(net, step.resolutions, step.id2, HOST2);
      step.settle();
      PoolElement.Status second = step.pe(step.pe2);
      assertEquals(1, second.jobsInService());
      assertEquals(1, second.jobsAccepted());
      // 6e6 left at 1e6/s: complete at 14 s.
      for (int i = 0; i < 11; i++) step.by(500);
      assertEquals(0, step.pu().jobsCompleted());
      step.by(500);
      PoolUser.Status user = step.pu();
      assertEquals(1, user.jobsCompleted());
      PoolUser.CompletedJob job = user.lastCompleted();
      assertEquals(1, job.failovers());
      assertEquals(1, job.unreachables());
      assertEquals(1, job.requests());
      assertEquals(1, job.cookieEchoes());
      assertEquals(2, job.serverSelections());
      assertEquals(13 * S, job.processingNanos());
      assertEquals(3 * S, job.failoverNanos(), "from the last cookie at 5 s to the new accept at 8 s");
      assertEquals(10 * S, job.goodputNanos(), "1 s to 5 s, then 8 s to 14 s");
      assertEquals(6e6, step.pe(step.pe2).usedCalculations(), 1, "only the work after the cookie is redone");
      assertEquals(11.5e6, step.peMetrics.usedCapacity(), 1, "1.5e6 lost with the crash");
      assertEquals(1e7, step.puMetrics.jobSizeCompleted(), 1);
      assertEquals(1e7, step.puMetrics.goodput(), 1, "cookies and the completion confirm the whole job once");
      assertEquals(0, step.puMetrics.invariantViolations());
    }
  }

  /** A clean shutdown of the serving pool element: cookie and abort, the job resumes elsewhere at once, nothing lost. */
  @Test
  void aCleanShutdownHandsTheJobOverWithoutLoss() {
    try (ManualNetwork net = ManualNetwork.create(testKit.system(), Duration.ZERO)) {
      Stepper step = new Stepper(net);
      step.by(1000);
      answer(net, step.resolutions, step.id1, HOST1);
      for (int i = 0; i < 5; i++) step.by(500);
      step.pe1.tell(new PoolElement.Shutdown());
      answer(net, step.resolutions, step.id2, HOST2);
      step.remove(step.pe1);
      for (int i = 0; i < 15; i++) step.by(500);
      PoolUser.CompletedJob job = step.pu().lastCompleted();
      assertEquals(1, job.failovers());
      assertEquals(0, job.unreachables());
      assertEquals(0, job.failoverNanos());
      assertEquals(10 * S, job.processingNanos());
      assertEquals(1e7, step.peMetrics.usedCapacity(), 1, "nothing redone");
      assertTrue(step.pe(step.pe2).jobsCompleted() == 1);
    }
  }

  static void answer(ManualNetwork net, TestProbe<Packet> resolutions, int id, TransportAddress host) {
    Packet hr = resolutions.receiveMessage();
    assertInstanceOf(AsapMessage.HandleResolution.class, hr.message());
    PoolElementParameter pe = new PoolElementParameter(id, 0, 90_000,
        SctpTransport.of(host.address(), 1024, TransportUse.DATA_ONLY), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null);
    net.network().send(hr.reply(new AsapMessage.HandleResolutionResponse(false, POOL, pe.policy(), List.of(pe), null)));
  }

  /**
   * Two pool elements, one pool user and the registrar stub on manual time, and steps of that time that
   * let every actor finish its work between steps (timers are armed from exact times).
   */
  static final class Stepper {
    final ManualNetwork net;
    final TestProbe<Packet> resolutions = testKit.createTestProbe();
    final PoolElementMetrics peMetrics;
    final PoolUserMetrics puMetrics;
    final ActorRef<PoolElement.Command> pe1;
    final ActorRef<PoolElement.Command> pe2;
    final int id1;
    final int id2;
    final java.util.List<ActorRef<PoolElement.Command>> poolElements = new java.util.ArrayList<>();
    final ActorRef<PoolUser.Command> poolUser;

    Stepper(ManualNetwork net) {
      this.net = net;
      testKit.spawn(RegistrarStub.create(net.network(), REGISTRAR, resolutions.ref()));
      PoolElementSettings peSettings = PoolElementSettings.fromConfig(config());
      peMetrics = new PoolElementMetrics(net.registry(), net.clock());
      puMetrics = new PoolUserMetrics(net.registry());
      pe1 = testKit.spawn(PoolElement.create(peSettings, List.of(REGISTRAR), HOST1, net.network(), peMetrics, 1));
      pe2 = testKit.spawn(PoolElement.create(peSettings, List.of(REGISTRAR), HOST2, net.network(), peMetrics, 2));
      poolUser = testKit.spawn(PoolUser.create(PoolUserSettings.fromConfig(config()), List.of(REGISTRAR), USER, net.network(), puMetrics, 3));
      poolElements.add(pe1);
      poolElements.add(pe2);
      id1 = pe(pe1).identifier();
      id2 = pe(pe2).identifier();
    }

    void remove(ActorRef<PoolElement.Command> pe) {
      poolElements.remove(pe);
    }

    PoolElement.Status pe(ActorRef<PoolElement.Command> pe) {
      TestProbe<PoolElement.Status> probe = testKit.createTestProbe();
      pe.tell(new PoolElement.GetStatus(probe.ref()));
      return probe.receiveMessage();
    }

    PoolUser.Status pu() {
      TestProbe<PoolUser.Status> probe = testKit.createTestProbe();
      poolUser.tell(new PoolUser.GetStatus(probe.ref()));
      return probe.receiveMessage();
    }

    void settle() {
      // Twice: a message one actor handles may make another one act.
      for (int round = 0; round < 2; round++) {
        for (ActorRef<PoolElement.Command> pe : poolElements) pe(pe);
        pu();
      }
    }

    void by(long millis) {
      settle();
      net.timePasses(Duration.ofMillis(millis));
      settle();
    }
  }
}
