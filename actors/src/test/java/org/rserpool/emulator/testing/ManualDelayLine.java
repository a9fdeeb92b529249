package org.rserpool.emulator.testing;

import akka.testkit.ExplicitlyTriggeredScheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.delivery.DelayLine;
import org.rserpool.emulator.time.EmulationClock;
import scala.concurrent.ExecutionContext;

/**
 * A delay line on Akka's manual scheduler (ManualTime), for step-by-step protocol tests: packets are
 * due in the same timeline as the actors' timers, so one {@code timePasses} moves both. A packet is
 * delivered at the first scheduler millisecond at or after its due time; packets due in the same
 * millisecond leave in the order they were sent (the scheduler itself does not order tasks due at the
 * same time, so this line keeps its own queue and only asks the scheduler to wake it).
 */
public final class ManualDelayLine implements DelayLine {
  private record Entry(long dueNanos, long sequence, Packet packet) {}

  private final ExplicitlyTriggeredScheduler scheduler;
  private final EmulationClock clock;
  private final Sink sink;
  private final ExecutionContext executor;
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparingLong(Entry::dueNanos).thenComparingLong(Entry::sequence));
  private long sequence;
  private boolean closed;

  public ManualDelayLine(ExplicitlyTriggeredScheduler scheduler, EmulationClock clock, Sink sink, ExecutionContext executor) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.sink = sink;
    this.executor = executor;
  }

  @Override
  public boolean schedule(long emulatedDelayNanos, Packet packet) {
    long now = clock.nanos();
    synchronized (queue) {
      if (closed) return false;
      queue.add(new Entry(now + emulatedDelayNanos, sequence++, packet));
    }
    long millis = (emulatedDelayNanos + 999_999) / 1_000_000;
    scheduler.scheduleOnce(Duration.ofMillis(millis), this::deliverDue, executor);
    return true;
  }

  private void deliverDue() {
    long now = clock.nanos();
    while (true) {
      Entry e;
      synchronized (queue) {
        e = queue.peek();
        if (e == null || e.dueNanos() > now) return;
        queue.poll();
      }
      sink.deliver(e.packet(), 0);
    }
  }

  @Override
  public int pending() {
    synchronized (queue) {
      return queue.size();
    }
  }

  @Override
  public void close() {
    synchronized (queue) {
      closed = true;
      queue.clear();
    }
  }
}
