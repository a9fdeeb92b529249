package org.rserpool.emulator.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;

/** The real-time precise timers: order, cancellation, past due times, cleanup; and the generations of {@link PreciseTimer}. */
class PreciseTimersTest {
  static ActorTestKit testKit;
  RealTimeTimers timers;
  EmulationClock clock;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("PreciseTimersTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    if (timers != null) timers.close();
  }

  RealTimeTimers timers(double timeScale) {
    clock = EmulationClock.scaled(timeScale);
    timers = new RealTimeTimers("test-timers", clock, lateness -> { });
    return timers;
  }

  static long millis(long ms) {
    return ms * 1_000_000L;
  }

  @Test
  void actionsRunInDueOrderAndTiesInTheOrderScheduled() throws InterruptedException {
    RealTimeTimers t = timers(1.0);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(5);
    long now = clock.nanos();
    for (String[] s : new String[][] {{"c", "30"}, {"a", "10"}, {"b1", "20"}, {"b2", "20"}, {"b3", "20"}}) {
      t.at(now + millis(Long.parseLong(s[1])), () -> {
        ran.add(s[0]);
        all.countDown();
      });
    }
    assertTrue(all.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("a", "b1", "b2", "b3", "c"), ran);
  }

  @Test
  void anActionRunsNoSoonerThanItsDueTime() throws InterruptedException {
    // Time-scale 100: 2 s emulated are 20 ms real.
    RealTimeTimers t = timers(100);
    long due = clock.nanos() + millis(2000);
    AtomicLong ranAt = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    t.at(due, () -> {
      ranAt.set(clock.nanos());
      done.countDown();
    });
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertTrue(ranAt.get() >= due, "ran at " + ranAt.get() + ", due " + due);
  }

  @Test
  void aCancelledActionNeverRunsAndAPastOneRunsAtOnce() throws InterruptedException {
    RealTimeTimers t = timers(1.0);
    long now = clock.nanos();
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    PreciseTimers.Timer cancelled = t.at(now + millis(10), () -> ran.add("cancelled"));
    cancelled.cancel();
    cancelled.cancel();
    CountDownLatch later = new CountDownLatch(1);
    t.at(now + millis(30), () -> {
      ran.add("later");
      later.countDown();
    });
    CountDownLatch past = new CountDownLatch(1);
    t.at(now - millis(1000), () -> {
      ran.add("past");
      past.countDown();
    });
    assertTrue(past.await(5, TimeUnit.SECONDS));
    assertTrue(later.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("past", "later"), ran);
  }

  @Test
  void cancelledTimersDoNotPileUp() throws InterruptedException {
    RealTimeTimers t = timers(1.0);
    long now = clock.nanos();
    // A pool element re-arms its timer on every message: its old due times, an hour ahead, are cancelled.
    for (int i = 0; i < 10_000; i++) t.at(now + millis(3_600_000), () -> { }).cancel();
    for (int round = 0; round < 2; round++) {
      // Each firing wakes the thread, which drops the cancelled timers once they are most of the heap.
      CountDownLatch fired = new CountDownLatch(1);
      t.at(clock.nanos() + millis(5), fired::countDown);
      assertTrue(fired.await(5, TimeUnit.SECONDS));
    }
    assertTrue(t.pending() < 100, "pending " + t.pending());
  }

  @Test
  void aRestartedTimerDeliversOnlyItsLastGeneration() {
    RealTimeTimers t = timers(1.0);
    TestProbe<CalcAppMessage> owner = testKit.createTestProbe();
    PreciseTimer<CalcAppMessage> timer = new PreciseTimer<>(t, owner.ref(), g -> new CalcAppMessage.KeepAlive((int) g));
    timer.startAt(clock.nanos() + millis(50));
    timer.startAt(clock.nanos() + millis(20));
    CalcAppMessage.KeepAlive m = (CalcAppMessage.KeepAlive) owner.receiveMessage(Duration.ofSeconds(5));
    assertEquals(2, m.jobId());
    assertTrue(timer.fired(m.jobId()));
    assertFalse(timer.isActive());
    // The replaced firing never comes.
    owner.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aFiringAlreadySentIsStaleOnceTheTimerIsRestartedOrCancelled() {
    RealTimeTimers t = timers(1.0);
    TestProbe<CalcAppMessage> owner = testKit.createTestProbe();
    PreciseTimer<CalcAppMessage> timer = new PreciseTimer<>(t, owner.ref(), g -> new CalcAppMessage.KeepAlive((int) g));
    timer.startAt(clock.nanos());
    CalcAppMessage.KeepAlive first = (CalcAppMessage.KeepAlive) owner.receiveMessage(Duration.ofSeconds(5));
    // The owner re-arms before it handles the firing (it was in its mailbox): that firing is stale.
    timer.startAt(clock.nanos() + millis(10));
    assertFalse(timer.fired(first.jobId()));
    assertTrue(timer.isActive());
    CalcAppMessage.KeepAlive second = (CalcAppMessage.KeepAlive) owner.receiveMessage(Duration.ofSeconds(5));
    assertTrue(timer.fired(second.jobId()));
    timer.startAt(clock.nanos());
    CalcAppMessage.KeepAlive third = (CalcAppMessage.KeepAlive) owner.receiveMessage(Duration.ofSeconds(5));
    timer.cancel();
    assertFalse(timer.fired(third.jobId()));
  }

  @Test
  void startingAgainForTheSameDueTimeKeepsThePendingFiring() {
    RealTimeTimers t = timers(1.0);
    TestProbe<CalcAppMessage> owner = testKit.createTestProbe();
    PreciseTimer<CalcAppMessage> timer = new PreciseTimer<>(t, owner.ref(), g -> new CalcAppMessage.KeepAlive((int) g));
    long due = clock.nanos() + millis(20);
    timer.startAt(due);
    timer.startAt(due);
    CalcAppMessage.KeepAlive m = (CalcAppMessage.KeepAlive) owner.receiveMessage(Duration.ofSeconds(5));
    assertEquals(1, m.jobId());
    assertTrue(timer.fired(m.jobId()));
  }
}
