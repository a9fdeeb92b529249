package org.rserpool.emulator.time;

import java.util.function.LongConsumer;

/**
 * Timers for the moments that shape an emulation's statistics: a pool element's next job completion
 * and a pool user's next job. Akka's scheduler fires about 1.7 ms (real) late at its 1 ms tick; at
 * time-scale X that is X × 1.7 ms of emulated time on every job, a systematic error on handling times
 * (docs/performance.md, "Precise timers"). These timers wait on one thread that parks until the
 * earliest due time, as the network's delay line does, and fire about 0.1 ms late.
 *
 * <p>Due times are absolute emulated nanoseconds on the emulation's clock ({@link EmulationClock#nanos}),
 * so a chain of timers (each due at the previous due time plus an interval) does not drift however late
 * one fires. The action runs on the timer thread: it must be short and must not block, typically one
 * {@code tell} to the actor that owns the timer ({@link PreciseTimer} does that, with generations).
 *
 * <p>Protocol timers (retransmissions, keep-alives) stay on Akka's scheduler: there a millisecond does
 * not bias a result.
 */
public interface PreciseTimers extends AutoCloseable {

  /** A scheduled action. */
  interface Timer {
    /** Makes sure the action does not run, unless it runs already; idempotent, from any thread. */
    void cancel();
  }

  /** Makes the timers of a network (real time, or manual time in tests). */
  @FunctionalInterface
  interface Factory {
    /**
     * @param lateness told, for every action run, the real nanoseconds between its due time and its
     *     start (how late the timers are)
     */
    PreciseTimers start(EmulationClock clock, LongConsumer lateness);
  }

  /**
   * Runs {@code action} once the emulation's clock reaches {@code dueNanos}; at once (on the timer
   * thread) if that has passed. Actions due at the same time run in the order they were scheduled.
   */
  Timer at(long dueNanos, Runnable action);

  /** Actions waiting, cancelled ones included until they are dropped (approximate while scheduling). */
  int pending();

  /** Stops running actions; those still waiting are dropped. */
  @Override
  void close();

  /** The real-time timers: one daemon thread, started with the first timer. */
  static Factory realTime() {
    return (clock, lateness) -> new RealTimeTimers("emulation-precise-timers", clock, lateness);
  }
}
