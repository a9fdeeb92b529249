package org.rserpool.emulator.time;

/** Real time since a start instant, multiplied by the time-scale. */
record ScaledClock(double timeScale, long startRealNanos) implements EmulationClock {

  ScaledClock {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("time-scale must be a positive number, got " + timeScale);
    }
  }

  @Override
  public long nanos() {
    return (long) ((System.nanoTime() - startRealNanos) * timeScale);
  }
}
