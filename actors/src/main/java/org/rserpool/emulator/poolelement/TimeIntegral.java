package org.rserpool.emulator.poolelement;

/**
 * The integral over emulated time of a rate that changes in steps, e.g. the capacity of the pool
 * elements that are up (RSPSIM's ServiceUptime × ServiceCapacity, summed). Thread-safe: the pool
 * elements of a node change it, the metrics registry reads it.
 *
 * <p>A change may be dated back, because a pool element learns that its last job completed when its
 * timer fires, a little after the exact completion time it computes: the integral is then corrected as
 * if the change had come on time. Reads never decrease, so the counters built on it stay monotonic; a
 * read between the exact time and the late report may run ahead by at most the lateness times the rate,
 * and the next reads wait until the true value catches up.
 */
final class TimeIntegral {
  private double accumulated;
  private double rate;
  private long lastNanos;
  private double lastRead;

  TimeIntegral(long startNanos) {
    this.lastNanos = startNanos;
  }

  /** Adds {@code delta} to the rate from {@code atNanos} on (which may lie before the last change). */
  synchronized void change(double delta, long atNanos) {
    catchUp(atNanos);
    if (atNanos < lastNanos) accumulated += delta * ((lastNanos - atNanos) / 1e9);
    rate += delta;
  }

  /** The integral up to {@code nowNanos} (rate × seconds), never less than a previous read. */
  synchronized double value(long nowNanos) {
    catchUp(nowNanos);
    lastRead = Math.max(lastRead, accumulated);
    return lastRead;
  }

  synchronized double rate() {
    return rate;
  }

  private void catchUp(long nowNanos) {
    if (nowNanos > lastNanos) {
      accumulated += rate * ((nowNanos - lastNanos) / 1e9);
      lastNanos = nowNanos;
    }
  }
}
