package org.rserpool.emulator.time;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PreciseTimers} on one dedicated thread, fed through a lock-free multi-producer queue, as
 * the network's {@code TimingWheelDelayLine} is (same wake-up protocol): a caller turns the emulated
 * due time into a real one (the clock runs at a fixed time-scale from a fixed start) and queues the
 * timer; it wakes the thread only when the new timer is due before the time
 * the thread sleeps until. The thread keeps the timers in a heap (there are few: about one per actor),
 * runs those that are due, and parks until the earliest. Parking alone on Linux wakes about 60 µs
 * late; at high time-scales the thread parks until shortly before and spins the last few µs, which
 * brings the lateness to a few µs (docs/performance.md, "Precise timers").
 *
 * <p>Cancelling marks the timer; the thread drops it when it comes up, or earlier, all at once, when
 * cancelled timers are more than half of a large heap (a pool element re-arms its timer on every
 * message, so its old due times would otherwise pile up).
 */
final class RealTimeTimers implements PreciseTimers {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeTimers.class);
  private static final long AWAKE = Long.MIN_VALUE;
  private static final long IDLE = Long.MAX_VALUE;
  private static final int COMPACT_ABOVE = 1024;
  /**
   * Linux wakes a parked thread about 60 µs after the time asked for (timer slack 50 µs), which at
   * time-scale 250 is 15 ms of emulated time on every job. So from time-scale {@link
   * #SPIN_FROM_TIME_SCALE} on, the thread asks to wake earlier by the oversleep it has seen (a moving
   * average, within these bounds) plus a margin, and spins the rest: a few µs late, for some CPU per
   * firing. Below it, 60 µs are less than a millisecond of emulated time and the thread only parks.
   */
  static final double SPIN_FROM_TIME_SCALE = 10;
  static final long INITIAL_OVERSLEEP_NANOS = 60_000;
  static final long MAX_OVERSLEEP_NANOS = 100_000;
  static final long SPIN_MARGIN_NANOS = 10_000;
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
  private final String name;
  private final MpscUnboundedXaddArrayQueue<Entry> inbox = new MpscUnboundedXaddArrayQueue<>(1024);
  /** Cancelled timers still in the inbox or the heap. */
  private final AtomicInteger cancelled = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Thread thread;
  /** When the thread sleeps until (real ns), {@link #IDLE} with nothing to do, {@link #AWAKE} while working. */
  private volatile long parkedUntil = AWAKE;
  private volatile boolean closed;
  private volatile int pendingInHeap;

  // Owned by the timer thread.
  private final PriorityQueue<Entry> heap =
      new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.sequence));
  private long sequence;
  private final boolean spin;
  private long oversleep = INITIAL_OVERSLEEP_NANOS;

  RealTimeTimers(String name, EmulationClock clock, LongConsumer lateness) {
    this.name = name;
    this.clock = clock;
    this.realAtZero = System.nanoTime() - (long) (clock.nanos() / clock.timeScale());
    this.lateness = lateness;
    this.spin = clock.timeScale() >= SPIN_FROM_TIME_SCALE;
  }

  @Override
  public Timer at(long dueNanos, Runnable action) {
    Entry e = new Entry(realAtZero + (long) (dueNanos / clock.timeScale()), action);
    if (closed) {
      e.cancel();
      return e;
    }
    if (!started.get() && started.compareAndSet(false, true)) start();
    inbox.offer(e);
    // The offer is a full fence, so this read cannot pass it: either the thread sees the timer before
    // it parks, or we see when it parks until and wake it if this timer is earlier.
    Thread t = thread;
    if (e.due < parkedUntil && t != null) LockSupport.unpark(t);
    return e;
  }

  private void start() {
    Thread t = new Thread(this::run, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public int pending() {
    return pendingInHeap + inbox.size();
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t == null) return;
    LockSupport.unpark(t);
    try {
      t.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!closed) {
      try {
        drain();
        fire();
        compact();
        pendingInHeap = heap.size();
        if (!inbox.isEmpty()) continue;
        Entry first = heap.peek();
        long next = first == null ? IDLE : first.due;
        parkedUntil = next;
        if (!inbox.isEmpty() || closed) {
          parkedUntil = AWAKE;
          continue;
        }
        if (next == IDLE) {
          LockSupport.park(this);
        } else {
          waitUntil(next);
        }
        parkedUntil = AWAKE;
      } catch (RuntimeException | Error e) {
        // The timers serve the whole node: log and go on rather than stop every job.
        LOG.error("precise timers failed; continuing", e);
        parkedUntil = AWAKE;
      }
    }
  }

  /** Parks until shortly before {@code due}, then spins to it; returns early when a timer is queued. */
  private void waitUntil(long due) {
    long before = System.nanoTime();
    if (!spin) {
      if (due > before) LockSupport.parkNanos(this, due - before);
      return;
    }
    long ask = due - before - oversleep - SPIN_MARGIN_NANOS;
    if (ask > 0) {
      LockSupport.parkNanos(this, ask);
      long slept = System.nanoTime() - before;
      // Learn only from full sleeps, not from a wake-up for a new timer.
      if (slept >= ask) oversleep = Math.min(MAX_OVERSLEEP_NANOS, oversleep + (slept - ask - oversleep) / 8);
      // Woken early (a new timer, or spuriously): the caller looks again.
      if (due - System.nanoTime() > oversleep + SPIN_MARGIN_NANOS) return;
    }
    while (System.nanoTime() < due && inbox.isEmpty() && !closed) Thread.onSpinWait();
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
    int before = size;
    heap.removeIf(e -> e.state == CANCELLED);
    cancelled.addAndGet(heap.size() - before);
  }
}
