package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.EmulationClock;

/** RSPSIM's CalcApp server step by step (calcappserverprocess.cc): admission, cookies, session keep-alives, shutdown. */
class CalcAppServiceTest {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000_000_000L;
  static final long NEVER = 1000 * 24 * 3600 * SECOND;
  static final TransportAddress USER = TransportAddress.parse("10.1.128.1:1800");
  static final TransportAddress OTHER = TransportAddress.parse("10.1.128.2:1800");

  record Sent(long at, TransportAddress to, Message message) {}

  long now;
  final List<Sent> sent = new ArrayList<>();
  final List<Integer> jobSets = new ArrayList<>();
  final EmulationClock clock = new EmulationClock() {
    @Override
    public long nanos() {
      return now;
    }

    @Override
    public double timeScale() {
      return 1;
    }
  };
  final PoolElementMetrics metrics = new PoolElementMetrics(new SimpleMeterRegistry(), clock);

  CalcAppService service(int maxJobs, double rejectProbability, double cookieCalculations, long cookieTime, long keepAlive, long keepAliveTimeout) {
    return new CalcAppService(new CalcAppService.Settings(1e6, maxJobs, rejectProbability, cookieCalculations, cookieTime, keepAlive, keepAliveTimeout),
        new CalcAppService.Events() {
          @Override
          public void send(TransportAddress to, Message message) {
            sent.add(new Sent(now, to, message));
          }

          @Override
          public void jobSetChanged(int jobs) {
            jobSets.add(jobs);
          }
        }, metrics, new SplittableRandom(1), 0);
  }

  CalcAppService plain() {
    return service(100, 0, 1e12, NEVER, NEVER / 2, NEVER / 2);
  }

  /** Runs the service's own events (what its pool element's timer does) up to {@code until}. */
  void runUntil(CalcAppService s, long until) {
    while (true) {
      long due = s.nextDueNanos(now);
      if (due < 0 || due > until) break;
      now = due;
      s.serve(now);
    }
    now = until;
    s.serve(now);
  }

  List<Sent> of(Class<?> type) {
    return sent.stream().filter(x -> type.isInstance(x.message())).toList();
  }

  static CalcAppCookie cookie(Sent s) {
    return CalcAppCookie.fromBytes(((AsapMessage.Cookie) s.message()).cookie());
  }

  @Test
  void acceptsUpToMaxJobsThenRejects() {
    CalcAppService s = service(2, 0, 1e12, NEVER, NEVER / 2, NEVER / 2);
    s.receive(USER, new CalcAppMessage.Request(1, 1_000_000), 0);
    s.receive(USER, new CalcAppMessage.Request(2, 1_000_000), 0);
    s.receive(OTHER, new CalcAppMessage.Request(1, 1_000_000), 0);
    assertEquals(List.of(new CalcAppMessage.Accept(1, 1_000_000), new CalcAppMessage.Accept(2, 1_000_000), new CalcAppMessage.Reject(1)),
        sent.stream().map(Sent::message).toList());
    assertEquals(OTHER, sent.get(2).to());
    assertEquals(List.of(1, 2), jobSets);
    assertEquals(1, metrics.jobsRejected());
    // Both at half speed: complete at 2 s, then a third is welcome.
    runUntil(s, 2 * SECOND);
    assertEquals(2, of(CalcAppMessage.Complete.class).size());
    assertTrue(of(CalcAppMessage.Complete.class).stream().allMatch(x -> x.at() == 2 * SECOND));
    s.receive(OTHER, new CalcAppMessage.Request(1, 1_000_000), now);
    assertEquals(new CalcAppMessage.Accept(1, 1_000_000), sent.get(sent.size() - 1).message());
  }

  @Test
  void rejectsAtRandomWithTheRejectProbability() {
    CalcAppService always = service(100, 1.0, 1e12, NEVER, NEVER / 2, NEVER / 2);
    always.receive(USER, new CalcAppMessage.Request(1, 10), 0);
    assertEquals(new CalcAppMessage.Reject(1), sent.get(0).message());
    sent.clear();
    CalcAppService half = service(1000, 0.5, 1e12, NEVER, NEVER / 2, NEVER / 2);
    for (int i = 0; i < 1000; i++) half.receive(USER, new CalcAppMessage.Request(i, 1_000_000_000L), 0);
    long rejected = of(CalcAppMessage.Reject.class).size();
    assertEquals(500, rejected, 60);
  }

  /** A cookie every N calculations: at the job's rate, which halves while a second job runs. */
  @Test
  void sendsACookieEveryMaxCalculations() {
    CalcAppService s = service(100, 0, 250_000, NEVER, NEVER / 2, NEVER / 2);
    s.receive(USER, new CalcAppMessage.Request(1, 1_000_000), 0);
    runUntil(s, 10 * SECOND);
    List<Sent> cookies = of(AsapMessage.Cookie.class);
    assertEquals(List.of(250 * MS, 500 * MS, 750 * MS), cookies.stream().map(Sent::at).toList());
    assertEquals(List.of(250_000L, 500_000L, 750_000L), cookies.stream().map(c -> cookie(c).completed()).toList());
    assertEquals(new CalcAppCookie(1, 1_000_000, 250_000), cookie(cookies.get(0)));
    assertEquals(SECOND, of(CalcAppMessage.Complete.class).get(0).at(), "completes without a fourth cookie");

    sent.clear();
    now = 20 * SECOND;
    s.receive(USER, new CalcAppMessage.Request(2, 1_000_000), now);
    s.receive(OTHER, new CalcAppMessage.Request(3, 1_000_000), now);
    runUntil(s, 30 * SECOND);
    assertEquals(List.of(20_500 * MS, 20_500 * MS, 21_000 * MS, 21_000 * MS, 21_500 * MS, 21_500 * MS),
        of(AsapMessage.Cookie.class).stream().map(Sent::at).toList());
  }

  @Test
  void sendsACookieEveryMaxTime() {
    CalcAppService s = service(100, 0, 1e12, 300 * MS, NEVER / 2, NEVER / 2);
    s.receive(USER, new CalcAppMessage.Request(1, 1_000_000), 0);
    runUntil(s, 10 * SECOND);
    List<Sent> cookies = of(AsapMessage.Cookie.class);
    assertEquals(List.of(300 * MS, 600 * MS, 900 * MS), cookies.stream().map(Sent::at).toList());
    assertEquals(900_000L, cookie(cookies.get(2)).completed());
  }

  /** A cookie echo resumes the job at its checkpoint: only the rest is run. */
  @Test
  void aCookieEchoResumesFromTheCheckpoint() {
    CalcAppService s = plain();
    CalcAppCookie checkpoint = new CalcAppCookie(4, 1_000_000, 750_000);
    s.receive(USER, new AsapMessage.CookieEcho(checkpoint.toBytes()), 0);
    assertEquals(new CalcAppMessage.Accept(4, 1_000_000), sent.get(0).message());
    runUntil(s, 5 * SECOND);
    assertEquals(250 * MS, of(CalcAppMessage.Complete.class).get(0).at());
    assertEquals(250_000, s.usedCalculations(now), 1);
    assertEquals(1, metrics.jobsAccepted());
  }

  /**
   * Session keep-alives: one per interval while acked; without an ack for the timeout the job is an
   * orphan: CALCAPP_ABORT, and its share goes to the other job at once.
   */
  @Test
  void abortsAJobWhoseUserStopsAckingKeepAlives() {
    CalcAppService s = service(100, 0, 1e12, NEVER, SECOND, 500 * MS);
    s.receive(USER, new CalcAppMessage.Request(1, 10_000_000), 0);
    s.receive(OTHER, new CalcAppMessage.Request(2, 10_000_000), 0);
    runUntil(s, SECOND);
    assertEquals(2, of(CalcAppMessage.KeepAlive.class).size());
    s.receive(OTHER, new CalcAppMessage.KeepAliveAck(2), now);
    runUntil(s, 1500 * MS);
    // USER never answered: aborted at 1.5 s with 0.75e6 done; OTHER alone from then on.
    List<Sent> aborts = of(CalcAppMessage.Abort.class);
    assertEquals(1, aborts.size());
    assertEquals(USER, aborts.get(0).to());
    assertEquals(1500 * MS, aborts.get(0).at());
    assertEquals(1, s.jobCount());
    assertEquals(List.of(1, 2, 1), jobSets);
    // OTHER: its next keep-alive at 2 s (1 s after its ack); 0.75e6 done at 1.5 s, 9.25e6 left at full speed.
    runUntil(s, 2 * SECOND);
    assertEquals(3, of(CalcAppMessage.KeepAlive.class).size());
    s.receive(OTHER, new CalcAppMessage.KeepAliveAck(2), now);
    assertEquals(1, metrics.jobsAborted());
    long before = of(CalcAppMessage.KeepAlive.class).size();
    for (long t = 3; t <= 10; t++) {
      runUntil(s, t * SECOND);
      s.receive(OTHER, new CalcAppMessage.KeepAliveAck(2), now);
    }
    runUntil(s, 11 * SECOND);
    assertEquals(10_750 * MS, of(CalcAppMessage.Complete.class).get(0).at());
    assertEquals(8, of(CalcAppMessage.KeepAlive.class).size() - before);
  }

  @Test
  void answersKeepAlivesOfKnownJobsOnly() {
    CalcAppService s = plain();
    s.receive(USER, new CalcAppMessage.Request(1, 10_000_000), 0);
    s.receive(USER, new CalcAppMessage.KeepAlive(1), 0);
    s.receive(USER, new CalcAppMessage.KeepAlive(2), 0);
    s.receive(OTHER, new CalcAppMessage.KeepAlive(1), 0);
    assertEquals(List.of(new CalcAppMessage.Accept(1, 10_000_000), new CalcAppMessage.KeepAliveAck(1)),
        sent.stream().map(Sent::message).toList());
  }

  /** A new request for a job the user already runs here replaces it (the user gave up on the first). */
  @Test
  void aRepeatedRequestReplacesTheRunningJob() {
    CalcAppService s = plain();
    s.receive(USER, new CalcAppMessage.Request(1, 2_000_000), 0);
    now = SECOND;
    s.receive(USER, new CalcAppMessage.Request(1, 2_000_000), now);
    assertEquals(1, s.jobCount());
    runUntil(s, 10 * SECOND);
    assertEquals(3 * SECOND, of(CalcAppMessage.Complete.class).get(0).at());
    assertEquals(1, of(CalcAppMessage.Complete.class).size());
  }

  /** RSPSIM killAllJobs: a clean shutdown sends each user its progress as a cookie, then CALCAPP_ABORT. */
  @Test
  void aCleanShutdownHandsEveryUserACookieAndAnAbort() {
    CalcAppService s = plain();
    s.receive(USER, new CalcAppMessage.Request(1, 4_000_000), 0);
    s.receive(OTHER, new CalcAppMessage.Request(9, 4_000_000), 0);
    runUntil(s, SECOND);
    sent.clear();
    s.shutdown(true, now);
    assertEquals(4, sent.size());
    assertEquals(new CalcAppCookie(1, 4_000_000, 500_000), cookie(sent.get(0)));
    assertEquals(new CalcAppMessage.Abort(1), sent.get(1).message());
    assertEquals(new CalcAppMessage.Abort(9), sent.get(3).message());
    assertEquals(0, s.jobCount());
    sent.clear();
    assertTrue(s.receive(USER, new CalcAppMessage.Request(2, 1), now), "taken, and ignored");
    assertTrue(sent.isEmpty());
  }

  @Test
  void aCrashSendsNothing() {
    CalcAppService s = plain();
    s.receive(USER, new CalcAppMessage.Request(1, 4_000_000), 0);
    sent.clear();
    s.shutdown(false, SECOND);
    assertTrue(sent.isEmpty());
    assertEquals(1e6, s.usedCalculations(now), 1, "the lost work was still done");
  }

  /** Used capacity = capacity × busy time, the idle time between jobs excluded even when noticed late. */
  @Test
  void usedCapacityIsCapacityTimesBusyTime() {
    CalcAppService s = plain();
    s.receive(USER, new CalcAppMessage.Request(1, 1_000_000), 0);
    now = 3 * SECOND;
    // The completion at 1 s is noticed only now, when the next job arrives.
    s.receive(USER, new CalcAppMessage.Request(2, 1_000_000), now);
    now = 4 * SECOND;
    s.serve(now);
    assertEquals(2e6, s.usedCalculations(now), 1);
    assertEquals(2e6, metrics.usedCapacity(), 1);
    assertEquals(0, s.jobCount());
  }
}
