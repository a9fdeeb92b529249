package org.rserpool.emulator.time;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a real-time queue of due things (the network's delay line, the precise timers): it
 * does what is due, then parks until the next due time. Producers put work into the owner's lock-free
 * inbox and call {@link #wakeIfBefore} with its due time, which wakes the thread only when it sleeps
 * until later, so a steady stream costs no system calls.
 *
 * <p>Parking on Linux wakes about 60 µs late (timer slack 50 µs). With {@code spin}, the thread asks to
 * wake earlier by the oversleep it has seen (a moving average, within bounds) plus a margin, and spins
 * the rest: a few µs late, for some CPU per wake-up.
 */
public final class DueTimeThread {
  private static final Logger LOG = LoggerFactory.getLogger(DueTimeThread.class);
  /** What {@link Work#step} returns when nothing is due. */
  public static final long IDLE = Long.MAX_VALUE;
  private static final long AWAKE = Long.MIN_VALUE;
  static final long INITIAL_OVERSLEEP_NANOS = 60_000;
  static final long MAX_OVERSLEEP_NANOS = 100_000;
  static final long SPIN_MARGIN_NANOS = 10_000;

  /** The owner's side, run on the thread. */
  public interface Work {
    /**
     * Takes in what producers queued and does what is due now.
     *
     * @return the real time ({@link System#nanoTime()}) the next thing is due, or {@link #IDLE}; anything
     *     while {@link #hasInput} (the thread then steps again at once)
     */
    long step();

    /** Whether producers have queued something the last step has not taken in. */
    boolean hasInput();
  }

  private final String name;
  private final Work work;
  private final boolean spin;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Thread thread;
  /** When the thread sleeps until (real ns), {@link #IDLE} with nothing to do, {@link #AWAKE} while working. */
  private volatile long parkedUntil = AWAKE;
  private volatile boolean closed;
  private long oversleep = INITIAL_OVERSLEEP_NANOS;

  /** @param spin whether to spin the last few µs before a due time instead of oversleeping them */
  public DueTimeThread(String name, Work work, boolean spin) {
    this.name = name;
    this.work = work;
    this.spin = spin;
  }

  /** Starts the (daemon) thread; again is a no-op. */
  public void start() {
    if (started.get() || !started.compareAndSet(false, true)) return;
    Thread t = new Thread(this::run, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  public boolean closed() {
    return closed;
  }

  /**
   * Wakes the thread if it sleeps until after {@code due}. Call it after queuing the work with a full
   * fence (e.g. a lock-free queue's offer): then either the thread sees the work before it parks, or
   * this sees when it parks until.
   */
  public void wakeIfBefore(long due) {
    Thread t = thread;
    // Every producer whose packet is due before the thread's wake-up unparks it. Unparking only from
    // the producer that moves parkedUntil to AWAKE (a CAS: one unpark per multicast burst) was tried
    // twice: it passed the fidelity runs the second time (99.79 %; the first failure came from a loaded
    // JVM) but saved nothing measurable end to end (12.0 against 11.9 us per delivered message at
    // 30,003 components), so the simpler form stays; docs/performance.md, "Scale".
    if (due < parkedUntil && t != null) LockSupport.unpark(t);
  }

  /** Stops the thread after its current step; waits up to a second for it. */
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
        long next = work.step();
        if (work.hasInput()) continue;
        parkedUntil = next;
        if (work.hasInput() || closed) {
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
        // The thread serves the whole node: log and go on rather than stop everything it delivers.
        LOG.error("{} failed; continuing", name, e);
        parkedUntil = AWAKE;
      }
    }
  }

  /** Parks until {@code due} (with spin: shortly before, then spins); returns early when work is queued. */
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
      // Learn only from full sleeps, not from a wake-up for new work.
      if (slept >= ask) oversleep = Math.min(MAX_OVERSLEEP_NANOS, oversleep + (slept - ask - oversleep) / 8);
      // Woken early (new work, or spuriously): the loop looks again.
      if (due - System.nanoTime() > oversleep + SPIN_MARGIN_NANOS) return;
    }
    while (System.nanoTime() < due && !work.hasInput() && !closed) Thread.onSpinWait();
  }
}
