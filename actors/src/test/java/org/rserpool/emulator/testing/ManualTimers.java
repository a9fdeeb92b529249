package org.rserpool.emulator.testing;

import akka.testkit.ExplicitlyTriggeredScheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.rserpool.emulator.time.EmulationClock;
import org.rserpool.emulator.time.PreciseTimers;
import scala.concurrent.ExecutionContext;

/**
 * {@link PreciseTimers} on Akka's manual scheduler (ManualTime): an action runs at the first scheduler
 * millisecond at or after its due time, when the test moves time on, in the same timeline as the actors'
 * Akka timers. Actions due in the same millisecond run in due-time order, then in the order they were
 * scheduled (the scheduler itself does not order tasks due at the same time, so this keeps its own
 * queue and only asks the scheduler to wake it). {@link ManualNetwork} runs its packet deliveries
 * ({@link ManualDelayLine}) on the same instance, so packets and timers keep one order.
 */
public final class ManualTimers implements PreciseTimers {
  private final class Entry implements Timer {
    final long dueNanos;
    final long sequence;
    final Runnable action;

    Entry(long dueNanos, long sequence, Runnable action) {
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.action = action;
    }

    @Override
    public void cancel() {
      synchronized (queue) {
        queue.remove(this);
      }
    }
  }

  private final ExplicitlyTriggeredScheduler scheduler;
  private final EmulationClock clock;
  private final ExecutionContext executor;
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.dueNanos).thenComparingLong(e -> e.sequence));
  private long sequence;
  private boolean closed;

  public ManualTimers(ExplicitlyTriggeredScheduler scheduler, EmulationClock clock, ExecutionContext executor) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.executor = executor;
  }

  @Override
  public Timer at(long dueNanos, Runnable action) {
    long wait = Math.max(0, dueNanos - clock.nanos());
    Entry e;
    synchronized (queue) {
      e = new Entry(dueNanos, sequence++, action);
      if (closed) return e;
      queue.add(e);
    }
    scheduler.scheduleOnce(Duration.ofMillis((wait + 999_999) / 1_000_000), this::runDue, executor);
    return e;
  }

  private void runDue() {
    long now = clock.nanos();
    while (true) {
      Entry e;
      synchronized (queue) {
        e = queue.peek();
        if (e == null || e.dueNanos > now) return;
        queue.poll();
      }
      e.action.run();
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
