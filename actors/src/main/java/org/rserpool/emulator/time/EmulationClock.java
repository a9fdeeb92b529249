package org.rserpool.emulator.time;

import java.time.Duration;

/**
 * The one clock of an emulation. Protocol timers, service times and link delays are all stated in
 * emulated time; the clock maps them to real time by its time-scale (2.0 runs twice as fast as real
 * time). Everything that needs "now" reads it here, so a whole emulation speeds up or slows down together.
 */
public interface EmulationClock {

  /** Emulated nanoseconds since the emulation started. */
  long nanos();

  /** Emulated seconds per real second. */
  double timeScale();

  /** The real duration that corresponds to an emulated one. */
  default Duration toReal(Duration emulated) {
    return Duration.ofNanos(toRealNanos(emulated.toNanos()));
  }

  /** The real nanoseconds that correspond to emulated ones (at least 0). */
  default long toRealNanos(long emulatedNanos) {
    if (emulatedNanos <= 0) return 0;
    double real = emulatedNanos / timeScale();
    return real >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) real;
  }

  /** Emulated seconds since the emulation started. */
  default double seconds() {
    return nanos() / 1e9;
  }

  /** A clock that follows {@link System#nanoTime()}, scaled, starting now. */
  static EmulationClock scaled(double timeScale) {
    return new ScaledClock(timeScale, System.nanoTime());
  }

  /**
   * A scaled clock whose emulated time zero is the wall-clock instant {@code startEpochMillis} (which
   * may lie ahead: the clock reads negative until then). Every node of a cluster starts its clock from
   * the same instant.
   */
  static EmulationClock startingAt(double timeScale, long startEpochMillis) {
    // The wall clock read to the microsecond (Linux), not the millisecond: currentTimeMillis() would
    // put up to 1 ms between two nodes' clocks, as much as a LAN's whole delay.
    java.time.Instant now = java.time.Instant.now();
    long nanoNow = System.nanoTime();
    long wallNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long untilStart = startEpochMillis * 1_000_000L - wallNanos;
    return new ScaledClock(timeScale, nanoNow + untilStart);
  }
}
