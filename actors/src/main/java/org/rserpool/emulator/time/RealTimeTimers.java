package org.rserpool.emulator.time;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongConsumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PreciseTimers} on one {@link DueTimeThread}, fed through a lock-free multi-producer queue, as
 * the network's {@code TimingWheelDelayLine} is: a caller turns the emulated due time into a real one
 * (the clock runs at a fixed time-scale from a fixed start) and queues the timer, waking the thread
 * only if it sleeps until later. The thread keeps the timers in a heap (there are few: about one per
 * actor), runs those that are due, and parks until the earliest; from time-scale {@link
 * #SPIN_FROM_TIME_SCALE} on it spins the last few µs instead of oversleeping them (Linux wakes a parked
 * thread about 60 µs late, 15 ms of emulated time per job at time-scale 250; below 10 that is less
 * than a millisecond and not worth a core's cycles). docs/performance.md, "Precise timers".
 *
 * <p>Cancelling marks the timer; the thread drops it when it comes up, or earlier, all at once, when
 * cancelled timers are more than half of a large heap (a pool element re-arms its timer on every
 * message, so its old due times would otherwise pile up).
 */
final class RealTimeTimers implements PreciseTimers, DueTimeThread.Work {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeTimers.class);
  static final double SPIN_FROM_TIME_SCALE = 10;
  private static final int COMPACT_ABOVE = 1024;
  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int RUN = 2;

  private final class Entry implements Timer {
    private static final AtomicIntegerFieldUpdater<Entry> STATE = AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");
    final long due;
    final Runnable action;
    long sequence;
    volatile int state = PENDING;

    Entry(long due, Runnable action) {
      this.due = due;
      this.action = action;
    }

    @Override
    public void cancel() {
      if (STATE.compareAndSet(this, PENDING, CANCELLED)) cancelled.incrementAndGet();
    }

    boolean claim() {
      return STATE.compareAndSet(this, PENDING, RUN);
    }
  }

  private final EmulationClock clock;
  /** Real time ({@link System#nanoTime()}) at emulated time 0: a due time maps to one real instant, so equal due times stay equal. */
  private final long realAtZero;
  private final LongConsumer lateness;
  private final MpscUnboundedXaddArrayQueue<Entry> inbox = new MpscUnboundedXaddArrayQueue<>(1024);
  /** Cancelled timers still in the inbox or the heap. */
  private final AtomicInteger cancelled = new AtomicInteger();
  private final DueTimeThread thread;
  private volatile int pendingInHeap;

  // Owned by the timer thread.
  private final PriorityQueue<Entry> heap =
      new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.sequence));
  private long sequence;

  RealTimeTimers(String name, EmulationClock clock, LongConsumer lateness) {
    this.clock = clock;
    this.realAtZero = System.nanoTime() - (long) (clock.nanos() / clock.timeScale());
    this.lateness = lateness;
    this.thread = new DueTimeThread(name, this, clock.timeScale() >= SPIN_FROM_TIME_SCALE);
  }

  @Override
  public Timer at(long dueNanos, Runnable action) {
    Entry e = new Entry(realAtZero + (long) (dueNanos / clock.timeScale()), action);
    if (thread.closed()) {
      e.cancel();
      return e;
    }
    // Started with the first timer: a network whose actors use none costs no thread.
    thread.start();
    inbox.offer(e);
    thread.wakeIfBefore(e.due);
    return e;
  }

  @Override
  public int pending() {
    return pendingInHeap + inbox.size();
  }

  @Override
  public void close() {
    thread.close();
  }

  @Override
  public boolean hasInput() {
    return !inbox.isEmpty();
  }

  @Override
  public long step() {
    drain();
    fire();
    compact();
    pendingInHeap = heap.size();
    Entry first = heap.peek();
    return first == null ? DueTimeThread.IDLE : first.due;
  }

  private void drain() {
    Entry e;
    while ((e = inbox.relaxedPoll()) != null) {
      if (e.state == CANCELLED) {
        cancelled.decrementAndGet();
        continue;
      }
      e.sequence = sequence++;
      heap.add(e);
    }
  }

  private void fire() {
    Entry e;
    while ((e = heap.peek()) != null) {
      long now = System.nanoTime();
      if (e.due > now) return;
      heap.poll();
      if (!e.claim()) {
        cancelled.decrementAndGet();
        continue;
      }
      lateness.accept(now - e.due);
      try {
        e.action.run();
      } catch (RuntimeException ex) {
        LOG.error("timer action {} failed", e.action, ex);
      }
    }
  }

  /** Drops cancelled timers at once when they are most of a large heap. */
  private void compact() {
    int size = heap.size();
    if (size < COMPACT_ABOVE || cancelled.get() < size / 2) return;
    heap.removeIf(e -> e.state == CANCELLED);
    cancelled.addAndGet(heap.size() - size);
  }
}
